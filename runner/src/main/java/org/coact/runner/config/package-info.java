/**
 * Analysis configuration: the built-in defaults (the distribution's {@code conf/coact.yaml}),
 * overlaid by a user's YAML file, overlaid by command-line flags, bound strictly (unknown keys
 * are errors that name the key) into {@link org.coact.runner.config.AnalysisConfig}; the
 * {@code threshold} key, a number or {@code quantile q}, is a
 * {@link org.coact.runner.config.ThresholdSetting}.
 */
package org.coact.runner.config;
