package org.coact.runner.plugin;

import org.coact.analysis.Origin;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.coact.api.ConfigException;
import org.pf4j.DefaultPluginManager;
import org.pf4j.PluginManager;
import org.pf4j.PluginState;
import org.pf4j.PluginWrapper;

/**
 * Loads and starts the PF4J plugins of one plugins directory and hands out their extensions
 * (plus the runner's built-in ones) with their origin.
 *
 * <p>One host per plugins directory per JVM: plugins load native engines (ONNX Runtime,
 * TensorFlow, ND4J/OpenBLAS), and a native library can be bound to one class loader only, so
 * loading a plugin twice would load (and, for JavaCPP, copy to disk) its engine again. Hosts
 * are therefore shared and never unloaded; this is the one process-wide registry in the runner.
 */
public final class PluginHost {

    private static final java.util.Map<Path, PluginHost> HOSTS = new java.util.concurrent.ConcurrentHashMap<>();

    /** Environment variable that overrides the plugins directory. */
    public static final String PLUGINS_DIR_ENV = "COACT_PLUGINS_DIR";
    /** System property (set by the launcher) naming the distribution's home. */
    public static final String HOME_PROPERTY = "coact.home";

    private final Path pluginsDir;
    private final PluginManager manager;

    private PluginHost(Path pluginsDir, PluginManager manager) {
        this.pluginsDir = pluginsDir;
        this.manager = manager;
    }

    /**
     * Chooses the plugins directory: the flag if given, else {@value #PLUGINS_DIR_ENV}, else
     * {@code <coact.home>/plugins}, else {@code ./plugins}.
     *
     * @param flag the {@code --plugins-dir} value, may be null
     * @return the directory to load from
     */
    public static Path resolvePluginsDir(Path flag) {
        if (flag != null) {
            return flag;
        }
        String env = System.getenv(PLUGINS_DIR_ENV);
        if (env != null && !env.isBlank()) {
            return Path.of(env);
        }
        String home = System.getProperty(HOME_PROPERTY);
        if (home != null && !home.isBlank()) {
            return Path.of(home, "plugins");
        }
        return Path.of("plugins");
    }

    /**
     * The host of a plugins directory: on first use in this JVM, loads and starts every plugin
     * in it; afterwards, the same host.
     *
     * @param pluginsDir a directory of PF4J plugin zips or directories
     * @return the host
     * @throws ConfigException if the directory does not exist or a plugin fails to start
     */
    public static PluginHost start(Path pluginsDir) throws ConfigException {
        Path dir = pluginsDir.toAbsolutePath().normalize();
        PluginHost existing = HOSTS.get(dir);
        if (existing != null) {
            return existing;
        }
        synchronized (HOSTS) {
            existing = HOSTS.get(dir);
            if (existing == null) {
                existing = load(dir);
                HOSTS.put(dir, existing);
            }
            return existing;
        }
    }

    private static PluginHost load(Path dir) throws ConfigException {
        if (!Files.isDirectory(dir)) {
            throw new ConfigException("plugins directory not found: " + dir + " (set --plugins-dir or "
                    + PLUGINS_DIR_ENV + ")");
        }
        try {
            ExpandedZips.removeStale(dir);
        } catch (java.io.IOException e) {
            throw new ConfigException("cannot refresh the plugins in " + dir + ": " + e.getMessage(), e);
        }
        DefaultPluginManager manager = new DefaultPluginManager(dir);
        manager.loadPlugins();
        try {
            ExpandedZips.stamp(dir);
        } catch (java.io.IOException e) {
            // read-only plugins directory: the expanded plugins still load; the next start re-checks
        }
        manager.startPlugins();
        for (PluginWrapper plugin : manager.getPlugins()) {
            if (plugin.getPluginState() != PluginState.STARTED) {
                String why = plugin.getFailedException() == null ? plugin.getPluginState().toString()
                        : plugin.getFailedException().getMessage();
                throw new ConfigException("plugin '" + plugin.getPluginId() + "' in " + plugin.getPluginPath()
                        + " did not start: " + why);
            }
        }
        return new PluginHost(dir, manager);
    }

    /** @return the directory plugins were loaded from */
    public Path pluginsDir() {
        return pluginsDir;
    }

    /** @return the started plugins, sorted by id */
    public List<PluginWrapper> plugins() {
        List<PluginWrapper> list = new ArrayList<>(manager.getStartedPlugins());
        list.sort(Comparator.comparing(PluginWrapper::getPluginId));
        return list;
    }

    /**
     * Every extension of a type, from plugins and from the runner itself.
     *
     * @param type the extension point
     * @param <T> its type
     * @return extensions with their origin
     */
    public <T> List<Registered<T>> extensions(Class<T> type) {
        List<Registered<T>> result = new ArrayList<>();
        for (T extension : manager.getExtensions(type)) {
            result.add(new Registered<>(extension, originOf(extension)));
        }
        return result;
    }

    private Origin originOf(Object extension) {
        return Optional.ofNullable(manager.whichPlugin(extension.getClass()))
                .map(p -> new Origin(p.getPluginId(), p.getDescriptor().getVersion()))
                .orElseGet(() -> new Origin("builtin", CoactVersion.get()));
    }
}
