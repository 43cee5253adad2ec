package org.coact.runner.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import org.coact.api.ConfigException;
import org.coact.runner.plugin.PluginHost;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** The {@code --plugins-dir} option shared by every command that loads plugins. */
public final class PluginOptions {

    @Option(names = "--plugins-dir", paramLabel = "DIR",
            description = "Directory of plugins (default: $COACT_PLUGINS_DIR, else the distribution's plugins/).")
    Path pluginsDir;

    @Spec(Spec.Target.MIXEE)
    CommandSpec command;

    /** @return the {@code --plugins-dir} flag, or null */
    public Path pluginsDir() {
        return pluginsDir;
    }

    /**
     * Starts the plugins and prints one {@code coact: warning:} line per plugin that was skipped.
     *
     * @return a started plugin host for the chosen directory
     * @throws ConfigException if the directory is missing or unreadable
     */
    PluginHost start() throws ConfigException {
        PluginHost host = PluginHost.start(PluginHost.resolvePluginsDir(pluginsDir));
        if (command != null && !host.warnings().isEmpty()) {
            PrintWriter err = command.commandLine().getErr();
            host.warnings().forEach(w -> err.println("coact: warning: " + w));
            err.flush();
        }
        return host;
    }
}
