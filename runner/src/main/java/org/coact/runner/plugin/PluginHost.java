package org.coact.runner.plugin;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.coact.api.ConfigException;
import org.coact.api.community.CommunityAlgorithm;
import org.coact.api.format.ModelFormat;
import org.pf4j.PluginWrapper;

/**
 * Loads and starts the PF4J plugins of one plugins directory and hands out their extensions
 * (plus the runner's built-in ones) with their origin.
 *
 * <p>Plugins come from strangers. A plugin that cannot be used is skipped with one warning line
 * naming its file ({@link #warnings()}; the CLI prints them as {@code coact: warning: ...}) and
 * the others load as if it were not there; zips are checked and expanded by
 * {@link ExpandedZips} and {@link PluginZip}. PF4J's own log lines (stack traces included)
 * are off ({@code simplelogger.properties}) unless {@code COACT_DEBUG=1}, which sets them to
 * {@code warn}. Plugin extensions are handed out behind guards that report anything they throw
 * as that plugin's error ({@link PluginFailure}, {@link Guard}).
 *
 * <p>One host per plugins directory per JVM: plugins load native engines (ONNX Runtime,
 * TensorFlow, ND4J/OpenBLAS), and a native library can be bound to one class loader only, so
 * loading a plugin twice would load (and, for JavaCPP, copy to disk) its engine again. Hosts
 * are therefore shared and never unloaded; this is the one process-wide registry in the runner.
 */
public final class PluginHost {

    static {
        // PF4J logs through slf4j-simple, whose per-logger levels system properties override
        String pf4jLevel = "org.slf4j.simpleLogger.log.org.pf4j";
        if ("1".equals(System.getenv("COACT_DEBUG")) && System.getProperty(pf4jLevel) == null) {
            System.setProperty(pf4jLevel, "warn");
        }
    }

    private static final Map<Path, PluginHost> HOSTS = new ConcurrentHashMap<>();

    /** Environment variable that overrides the plugins directory. */
    public static final String PLUGINS_DIR_ENV = "COACT_PLUGINS_DIR";
    /** System property (set by the launcher) naming the distribution's home. */
    public static final String HOME_PROPERTY = "coact.home";

    private final Path pluginsDir;
    private final PluginStartup.Result loaded;

    private PluginHost(Path pluginsDir, PluginStartup.Result loaded) {
        this.pluginsDir = pluginsDir;
        this.loaded = loaded;
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
     * @throws ConfigException if the directory does not exist or cannot be listed
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
            return new PluginHost(dir, PluginStartup.run(dir));
        } catch (IOException e) {
            throw new ConfigException("cannot read the plugins directory " + dir + ": " + e.getMessage(), e);
        }
    }

    /** @return the directory plugins were loaded from */
    public Path pluginsDir() {
        return pluginsDir;
    }

    /** @return one line per plugin that was skipped, naming its file and why */
    public List<String> warnings() {
        return loaded.warnings();
    }

    /** @return the started plugins, sorted by id */
    public List<PluginWrapper> plugins() {
        List<PluginWrapper> list = new ArrayList<>(loaded.started().values());
        list.sort(Comparator.comparing(PluginWrapper::getPluginId));
        return list;
    }

    /**
     * Every extension of a type, from plugins and from the runner itself.
     *
     * @param type the extension point: {@link ModelFormat} or {@link CommunityAlgorithm}
     * @param <T> its type
     * @return extensions with their origin, plugin ones guarded
     * @throws IllegalArgumentException for another type
     */
    @SuppressWarnings("unchecked")
    public <T> List<Registered<T>> extensions(Class<T> type) {
        if (type == ModelFormat.class) {
            return List.copyOf((List<Registered<T>>) (List<?>) loaded.formats());
        }
        if (type == CommunityAlgorithm.class) {
            return List.copyOf((List<Registered<T>>) (List<?>) loaded.algorithms());
        }
        throw new IllegalArgumentException("not a Coact extension point: " + type.getName());
    }
}
