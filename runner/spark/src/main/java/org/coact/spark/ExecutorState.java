package org.coact.spark;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import org.apache.spark.SparkEnv;
import org.apache.spark.SparkFiles;
import org.coact.api.CoactException;
import org.coact.api.ConfigException;
import org.coact.api.DataException;
import org.coact.api.ModelException;
import org.coact.runner.data.DataSource;
import org.coact.runner.data.FileSource;
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
    /** The model hashes this JVM has computed (its copies' too, {@link LocalCopies}). */
    static final Fingerprints FINGERPRINTS = new Fingerprints();

    private ExecutorState() {
    }

    /**
     * Sets up one shard task: the plugin host, the job's files as this executor reaches them (a
     * model of a Hadoop file system copied here once per JVM, a dataset of one read through it),
     * and the session ({@link ShardJob#open}, which checks them against the driver's).
     *
     * @param job the job
     * @param plugins where the plugins are
     * @param files the Hadoop file systems
     * @return the open session; close it
     * @throws CoactException naming what is missing or different here
     */
    static ShardSession open(ShardJob job, PluginSource plugins, HadoopFiles files) throws CoactException {
        PluginHost host = host(plugins);
        Path model = HadoopFiles.isUri(job.model()) ? LocalCopies.model(files, job.model(), job.modelSha256())
                : locate(job.model(), true);
        DataSource data = job.dataSource();
        if (data instanceof FileSource f) {
            data = new FileSource(locate(f.location(), false).toString(),
                    f.labelsLocation() == null ? null : locate(f.labelsLocation(), false).toString());
        }
        return job.open(host, model, data, FINGERPRINTS);
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
            if (source.pluginId() != null) {
                copyPlugin(from, source.pluginId(), mine);
            }
            return PluginHost.start(mine);
        } catch (IOException e) {
            throw new ConfigException("cannot copy plugin " + source.pluginId() + " from " + from + " on executor "
                    + executor() + ": " + e.getMessage(), e);
        }
    }

    /**
     * Copies the plugin of that id (the zip or directory whose {@code plugin.properties} says
     * so) into a directory of this JVM's; every plugin when none says so (a descriptor elsewhere).
     */
    private static void copyPlugin(Path from, String pluginId, Path into) throws IOException {
        List<Path> entries;
        try (Stream<Path> list = Files.list(from)) {
            entries = list.sorted().toList();
        }
        List<Path> plugins = new java.util.ArrayList<>();
        for (Path e : entries) {
            boolean zip = e.getFileName().toString().endsWith(".zip") && Files.isRegularFile(e);
            boolean expandedZip = Files.isDirectory(e) && Files.isRegularFile(Path.of(e + ".zip"));
            if (zip || Files.isDirectory(e) && !expandedZip) {
                plugins.add(e);
            }
        }
        List<Path> wanted = plugins.stream().filter(p -> pluginId.equals(declaredId(p))).toList();
        for (Path p : wanted.isEmpty() ? plugins : wanted) {
            copy(p, into.resolve(p.getFileName().toString()));
        }
    }

    /** @return the {@code plugin.id} in a plugin zip's or directory's {@code plugin.properties}, or null */
    static String declaredId(Path plugin) {
        java.util.Properties props = new java.util.Properties();
        try {
            if (Files.isDirectory(plugin)) {
                Path file = plugin.resolve("plugin.properties");
                if (!Files.isRegularFile(file)) {
                    return null;
                }
                try (java.io.InputStream in = Files.newInputStream(file)) {
                    props.load(in);
                }
            } else {
                try (java.util.zip.ZipFile zip = new java.util.zip.ZipFile(plugin.toFile())) {
                    java.util.zip.ZipEntry entry = zip.getEntry("plugin.properties");
                    if (entry == null) {
                        return null;
                    }
                    try (java.io.InputStream in = zip.getInputStream(entry)) {
                        props.load(in);
                    }
                }
            }
        } catch (IOException e) {
            return null;
        }
        return props.getProperty("plugin.id");
    }

    private static void copy(Path from, Path to) throws IOException {
        if (Files.isRegularFile(from)) {
            Files.copy(from, to, StandardCopyOption.COPY_ATTRIBUTES);
            return;
        }
        try (Stream<Path> walk = Files.walk(from)) {
            for (Path p : walk.toList()) {
                Files.copy(p, to.resolve(from.relativize(p).toString()), StandardCopyOption.COPY_ATTRIBUTES);
            }
        }
    }

    private static void deleteOnExit(Path dir) {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> LocalCopies.delete(dir), "coact-plugins-cleanup"));
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

    /** @return this executor's id and host, for messages */
    static String executor() {
        SparkEnv env = SparkEnv.get();
        String host;
        try {
            host = java.net.InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            host = "unknown host";
        }
        return (env == null ? "?" : env.executorId()) + " (" + host + ")";
    }
}
