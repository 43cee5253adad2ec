package org.coact.spark;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.function.Consumer;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.api.java.function.Function2;
import org.coact.analysis.activity.CoactivationStats;
import org.coact.analysis.activity.QuantileSelector;
import org.coact.analysis.activity.Taus;
import org.coact.api.CoactException;
import org.coact.runner.data.RowRange;
import org.coact.runner.pipeline.ShardJob;
import org.coact.runner.pipeline.ShardRunner;
import org.coact.runner.plugin.PluginHost;
import org.pf4j.PluginWrapper;

/**
 * Runs each pass over the shards as one Spark job: the shards (row ranges of whole batches, in
 * order) are split into {@code partitions} consecutive groups, one task each; a task sets up
 * from the {@link ShardJob} on its executor, streams its shards and returns their merged
 * histograms or counts; {@code treeReduce} adds the tasks' results on the executors and the
 * driver receives one. Addition of long counts (and unsigned minimum and maximum of histogram
 * keys) is exact, commutative and associative, so neither the grouping, the merge tree nor a
 * retried task changes a count: the result equals a local run's.
 *
 * <p>The driver receives the final {@code treeReduce} level, a few results of the size of the
 * statistics (8 bytes per counted pair, times K + 1 with {@code graph.per_class}), which
 * {@code spark.driver.maxResultSize} must admit.
 */
public final class SparkShardRunner implements ShardRunner {

    /**
     * How the passes are laid out.
     *
     * @param dist the unpacked distribution as executors see it ({@code coact} for
     *     {@code --archives coact-dist.tgz#coact})
     * @param partitions tasks per pass, at most one per shard; 0 for one per shard
     * @param reduceDepth levels of {@code treeReduce}, at least 1: the driver receives about
     *     {@code tasks^(1/depth)} results (all of them for 4 tasks or fewer; 8 of 64 at depth 2,
     *     measured on Spark 4.0.4)
     */
    public record Layout(String dist, int partitions, int reduceDepth) {
        /** Validates. */
        public Layout {
            Objects.requireNonNull(dist, "dist");
            if (partitions < 0 || reduceDepth < 1) {
                throw new IllegalArgumentException("partitions must be >= 0 and reduceDepth >= 1, got " + partitions
                        + " and " + reduceDepth);
            }
        }
    }

    private final JavaSparkContext spark;
    private final HadoopFiles files;
    private final PluginHost driverHost;
    private final Layout layout;
    private final TaskHook hook;
    private final Consumer<String> log;

    /**
     * @param spark the Spark context
     * @param driverHost the driver's plugins (their directory is the executors' fallback, and the
     *     format's plugin is named to them by its id)
     * @param layout where executors find the distribution, tasks per pass, merge depth
     * @param hook called at the start of every task
     * @param log receives one line per pass (shards, tasks, seconds)
     */
    public SparkShardRunner(JavaSparkContext spark, PluginHost driverHost, Layout layout, TaskHook hook,
            Consumer<String> log) {
        this(spark, HadoopFiles.of(spark), driverHost, layout, hook, log);
    }

    /**
     * @param spark the Spark context
     * @param files the Hadoop file systems, through which executors fetch a model whose path has a scheme
     * @param driverHost the driver's plugins
     * @param layout where executors find the distribution, tasks per pass, merge depth
     * @param hook called at the start of every task
     * @param log receives one line per pass (shards, tasks, seconds)
     */
    SparkShardRunner(JavaSparkContext spark, HadoopFiles files, PluginHost driverHost, Layout layout, TaskHook hook,
            Consumer<String> log) {
        this.spark = Objects.requireNonNull(spark, "spark");
        this.files = Objects.requireNonNull(files, "files");
        this.driverHost = Objects.requireNonNull(driverHost, "driverHost");
        this.layout = Objects.requireNonNull(layout, "layout");
        this.hook = Objects.requireNonNull(hook, "hook");
        this.log = Objects.requireNonNull(log, "log");
    }

    @Override
    public QuantileSelector.Histograms histograms(ShardJob job, QuantileSelector selector, List<RowRange> shards)
            throws CoactException {
        String stage = "quantile pass " + (selector.passes() + 1);
        byte[] merged = run(stage, shards, new ShardTasks.Quantiles(job, plugins(job), files, hook, stage, selector),
                ShardTasks::mergeHistograms);
        return Blobs.read(merged, QuantileSelector.Histograms.class);
    }

    @Override
    public CoactivationStats count(ShardJob job, Taus taus, List<RowRange> shards) throws CoactException {
        String stage = "counting";
        byte[] merged = run(stage, shards, new ShardTasks.Counts(job, plugins(job), files, hook, stage, taus),
                ShardTasks::mergeCounts);
        return Blobs.read(merged, CoactivationStats.class);
    }

    private PluginSource plugins(ShardJob job) {
        boolean fromPlugin = driverHost.plugins().stream().map(PluginWrapper::getPluginId)
                .anyMatch(id -> id.equals(job.plugin()));
        return new PluginSource(layout.dist(), driverHost.pluginsDir().toString(), fromPlugin ? job.plugin() : null);
    }

    private byte[] run(String stage, List<RowRange> shards, FlatMapFunction<java.util.Iterator<long[]>, byte[]> task,
            Function2<byte[], byte[], byte[]> merge) throws CoactException {
        List<long[]> rows = new ArrayList<>(shards.size());
        for (RowRange r : shards) {
            rows.add(new long[] {r.start(), r.end()});
        }
        int tasks = layout.partitions() == 0 ? rows.size() : Math.min(layout.partitions(), rows.size());
        long start = System.nanoTime();
        spark.setJobDescription("coact " + stage);
        byte[] merged;
        try {
            merged = spark.parallelize(rows, tasks).mapPartitions(task).treeReduce(merge, layout.reduceDepth());
        } catch (Exception e) {
            throw SparkFailures.unwrap(stage, e);
        } finally {
            spark.setJobDescription(null);
        }
        log.accept(String.format(Locale.ROOT, "%s: %d shards in %d tasks, %.1f s", stage, rows.size(), tasks,
                (System.nanoTime() - start) / 1e9));
        return merged;
    }
}
