package org.coact.runner.cli;

import java.nio.file.Path;
import org.coact.api.ConfigException;
import org.coact.runner.plugin.PluginHost;
import picocli.CommandLine.Option;

/** The {@code --plugins-dir} option shared by every command that loads plugins. */
public final class PluginOptions {

    @Option(names = "--plugins-dir", paramLabel = "DIR",
            description = "Directory of plugins (default: $COACT_PLUGINS_DIR, else the distribution's plugins/).")
    Path pluginsDir;

    /** @return the {@code --plugins-dir} flag, or null */
    public Path pluginsDir() {
        return pluginsDir;
    }

    /**
     * @return a started plugin host for the chosen directory
     * @throws ConfigException if the directory is missing or a plugin fails
     */
    PluginHost start() throws ConfigException {
        return PluginHost.start(PluginHost.resolvePluginsDir(pluginsDir));
    }
}
