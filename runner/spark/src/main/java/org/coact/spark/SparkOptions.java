package org.coact.spark;

import java.nio.file.Files;
import java.nio.file.Path;
import org.coact.api.ConfigException;
import org.coact.runner.plugin.PluginHost;
import picocli.CommandLine.Option;

/** The options a Spark run adds to the command line of {@code coact analyze} and {@code evolve}. */
public final class SparkOptions {

    @Option(names = "--shards", paramLabel = "N",
            description = "Row ranges (of whole batches) the dataset is split into, starting at Parquet row groups that "
                    + "fall on a batch boundary where they can; the figures do not depend on it (default: 4 per core "
                    + "of the Spark application, spark.default.parallelism).")
    int shards;

    @Option(names = "--partitions", paramLabel = "P",
            description = "Tasks per pass, each streaming consecutive shards through one model session "
                    + "(default: one per shard).")
    int partitions;

    @Option(names = "--reduce-depth", paramLabel = "D", defaultValue = "2",
            description = "Levels of treeReduce merging the tasks' counts on the executors (default: ${DEFAULT-VALUE}); "
                    + "the driver receives about tasks^(1/D) results of 8 bytes per counted pair each, which "
                    + "spark.driver.maxResultSize must admit.")
    int reduceDepth;

    @Option(names = "--dist", paramLabel = "DIR", defaultValue = "coact",
            description = "The unpacked Coact distribution as executors see it, relative to their working directory "
                    + "(default: ${DEFAULT-VALUE}, where spark-submit --archives coact-dist.tgz#coact unpacks it); "
                    + "executors load DIR/plugins, or the driver's --plugins-dir when DIR/plugins is not there.")
    String dist;

    /**
     * The driver's plugins directory: {@code --plugins-dir}, else the distribution's
     * {@code plugins/} when the driver has it (cluster deploy mode), else the runner's default
     * ({@code $COACT_PLUGINS_DIR}, {@code coact.home}, {@code ./plugins}).
     *
     * @param flag the {@code --plugins-dir} value, or null
     * @return the directory
     */
    Path driverPlugins(Path flag) {
        if (flag != null) {
            return flag;
        }
        Path shipped = Path.of(dist, "plugins");
        return Files.isDirectory(shipped) ? shipped : PluginHost.resolvePluginsDir(null);
    }

    /**
     * Checks the values before Spark starts.
     *
     * @throws ConfigException if {@code --shards} or {@code --partitions} is negative
     */
    void validate() throws ConfigException {
        if (shards < 0 || partitions < 0) {
            throw new ConfigException("--shards and --partitions must be positive, got " + shards + " and " + partitions);
        }
        if (reduceDepth < 1) {
            throw new ConfigException("--reduce-depth must be at least 1, got " + reduceDepth);
        }
    }

    /**
     * @param defaultParallelism the Spark application's default parallelism
     * @return the shards to plan
     * @throws ConfigException if {@code --shards} or {@code --partitions} is negative
     */
    int shards(int defaultParallelism) throws ConfigException {
        validate();
        return shards > 0 ? shards : 4 * Math.max(1, defaultParallelism);
    }

    /** @return where executors find the distribution, tasks per pass, merge depth */
    SparkShardRunner.Layout layout() {
        return new SparkShardRunner.Layout(dist, partitions, reduceDepth);
    }
}
