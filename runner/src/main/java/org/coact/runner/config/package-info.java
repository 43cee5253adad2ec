/**
 * Configuration: the built-in defaults (the distribution's {@code conf/coact.yaml}, the one
 * place every default is written), overlaid by a user's YAML file, overlaid by command-line
 * flags, bound strictly (unknown or duplicate keys, wrong types and invalid values are errors
 * that name the key) straight into the typed records {@code org.coact.analysis.Settings} and
 * {@link org.coact.runner.config.EvolveSettings}.
 */
package org.coact.runner.config;
