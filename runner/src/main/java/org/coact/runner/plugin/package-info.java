/**
 * Plugin management: {@link org.coact.runner.plugin.PluginHost} loads PF4J plugins from the
 * distribution's plugins directory, skipping (with one warning line each) any that cannot be
 * used, after {@code ExpandedZips} and {@code PluginZip} have checked and expanded their zips;
 * {@link org.coact.runner.plugin.FormatRegistry} and
 * {@link org.coact.runner.plugin.AlgorithmRegistry} choose the extension for a model file or an
 * algorithm id and remember which plugin (id, version) provided it, for provenance. Plugin
 * extensions are handed out behind guards that turn anything they throw into that plugin's
 * error ({@link org.coact.runner.plugin.PluginFailure}).
 */
package org.coact.runner.plugin;
