package org.coact.spark;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import org.apache.spark.SparkEnv;
import org.apache.spark.SparkFiles;
import org.coact.api.CoactException;
import org.coact.api.ConfigException;
import org.coact.api.DataException;
import org.coact.api.ModelException;
import org.coact.runner.pipeline.Fingerprints;
import org.coact.runner.pipeline.ShardJob;
import org.coact.runner.pipeline.ShardSession;
import org.coact.runner.plugin.PluginHost;

/**
 * What an executor JVM keeps between tasks: one plugin host per plugin source, started by the
 * first task in one blocking {@link ConcurrentHashMap#computeIfAbsent} (later and concurrent
 * tasks wait for it and reuse it: plugins load native engines, which bind to one class loader),
 * and the model fingerprints it has checked.
 *
 * <p>In an executor JVM the host loads a private copy of the one plugin the job's format needs
 * ({@code java.io.tmpdir/coact-plugins-*}), so executors sharing an unpacked archive on one node
 * never expand the same zip at once, and the other engines are not unpacked at all. In the
 * driver's JVM (Spark's {@code local[N]} mode) tasks use the driver's own host.
 */
final class ExecutorState {

    private static final ConcurrentHashMap<PluginSource, PluginHost> HOSTS = new ConcurrentHashMap<>();
    private static final Fingerprints FINGERPRINTS = new Fingerprints();

    private ExecutorState() {
    }

    /**
     * Sets up one shard task: the plugin host, the job's files as this executor reaches them, and
     * the session ({@link ShardJob#open}, which checks them against the driver's).
     *
     * @param job the job
     * @param plugins where the plugins are
     * @return the open session; close it
     * @throws CoactException naming what is missing or different here
     */
    static ShardSession open(ShardJob job, PluginSource plugins) throws CoactException {
        PluginHost host = host(plugins);
        Path model = locate(job.model(), true);
        Path data = locate(job.data(), false);
        Path labels = job.labels() == null ? null : locate(job.labels(), false);
        return job.open(host, model, data, labels, FINGERPRINTS);
    }

    /** Carries a checked failure out of {@code computeIfAbsent}. */
    private static final class StartFailure extends RuntimeException {
        private static final long serialVersionUID = 1L;

        StartFailure(CoactException cause) {
            super(cause);
        }
    }

    static PluginHost host(PluginSource source) throws CoactException {
        try {
            return HOSTS.computeIfAbsent(source, s -> {
                try {
                    return start(s);
                } catch (CoactException e) {
                    throw new StartFailure(e);
                }
            });
        } catch (StartFailure e) {
            throw (CoactException) e.getCause();
        }
    }

    private static PluginHost start(PluginSource source) throws CoactException {
        if (inDriverJvm()) {
            return PluginHost.start(Path.of(source.driverPlugins()));
        }
        Path from = source.executorPlugins();
        if (!Files.isDirectory(from)) {
            throw new ConfigException("plugins directory not found on executor " + executor() + ": " + from
                    + " (ship the distribution with spark-submit --archives coact-dist.tgz#coact, or give "
                    + "--plugins-dir a path every executor reads)");
        }
        try {
            Path mine = Files.createTempDirectory("coact-plugins-");
            deleteOnExit(mine);
            if (source.pluginFile() != null) {
                copyPlugin(from, source.pluginFile(), mine);
            }
            return PluginHost.start(mine);
        } catch (IOException e) {
            throw new ConfigException("cannot copy plugin " + source.pluginFile() + " from " + from + " on executor "
                    + executor() + ": " + e.getMessage(), e);
        }
    }

    private static void copyPlugin(Path from, String file, Path into) throws IOException, ConfigException {
        String base = file.endsWith(".zip") ? file.substring(0, file.length() - 4) : file;
        Path zip = from.resolve(base + ".zip");
        Path dir = from.resolve(base);
        if (Files.isRegularFile(zip)) {
            Files.copy(zip, into.resolve(zip.getFileName()), StandardCopyOption.COPY_ATTRIBUTES);
        } else if (Files.isDirectory(dir)) {
            try (Stream<Path> walk = Files.walk(dir)) {
                for (Path p : walk.toList()) {
                    Files.copy(p, into.resolve(base).resolve(dir.relativize(p).toString()),
                            StandardCopyOption.COPY_ATTRIBUTES);
                }
            }
        } else {
            throw new ConfigException("plugin " + base + " (.zip) not found in " + from + " on executor " + executor()
                    + "; the executors' distribution must hold the driver's plugins");
        }
    }

    private static void deleteOnExit(Path dir) {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try (Stream<Path> walk = Files.walk(dir)) {
                for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(p);
                }
            } catch (IOException | RuntimeException e) {
                // best effort: the container's temporary directory goes with it anyway
            }
        }, "coact-plugins-cleanup"));
    }

    /**
     * A file of the job as this executor reaches it: the driver's path if it exists here (a shared
     * or identical path), else a file shipped with {@code spark-submit --files} of that name.
     */
    static Path locate(String path, boolean model) throws CoactException {
        Path p = Path.of(path);
        if (Files.exists(p)) {
            return p;
        }
        Path name = p.getFileName();
        if (name != null && SparkEnv.get() != null) {
            Path shipped = Path.of(SparkFiles.get(name.toString()));
            if (Files.exists(shipped)) {
                return shipped;
            }
        }
        String message = (model ? "model " : "data file ") + path + " is not readable on executor " + executor()
                + "; put it on a path every executor reads (a shared file system) or ship it with spark-submit --files";
        throw model ? new ModelException(message) : new DataException(message);
    }

    /** @return whether this JVM is the driver's (tasks of local[N] mode) */
    static boolean inDriverJvm() {
        SparkEnv env = SparkEnv.get();
        return env == null || "driver".equals(env.executorId());
    }

    private static String executor() {
        SparkEnv env = SparkEnv.get();
        String host;
        try {
            host = java.net.InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            host = "unknown host";
        }
        return (env == null ? "?" : env.executorId()) + " (" + host + ")";
    }

    /** @return the plugin sources this JVM started hosts for (for tests) */
    static List<PluginSource> started() {
        return List.copyOf(HOSTS.keySet());
    }
}
