/**
 * Plugin management: {@link org.coact.runner.plugin.PluginHost} loads PF4J plugins from the
 * distribution's plugins directory; {@link org.coact.runner.plugin.FormatRegistry} and
 * {@link org.coact.runner.plugin.AlgorithmRegistry} choose the extension for a model file or an
 * algorithm id and remember which plugin (id, version) provided it, for provenance.
 */
package org.coact.runner.plugin;
