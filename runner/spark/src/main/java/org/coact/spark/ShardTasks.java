package org.coact.spark;

import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.TaskContext;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.coact.analysis.activity.CoactivationStats;
import org.coact.analysis.activity.QuantileSelector;
import org.coact.analysis.activity.Taus;
import org.coact.runner.data.RowRange;
import org.coact.runner.pipeline.ShardJob;
import org.coact.runner.pipeline.ShardRunner;
import org.coact.runner.pipeline.ShardSession;

/**
 * The functions Spark runs: one task per partition of shards (row ranges as {@code long[2]}),
 * which sets up once ({@link ExecutorState#open}), streams its shards in order and returns their
 * merged histograms or counts as one blob; and the merges {@code treeReduce} applies to blobs.
 */
final class ShardTasks {

    private ShardTasks() {
    }

    /** Fields every task has: the job, where plugins are, the file systems, the hook, and the pass it belongs to. */
    private abstract static class Task implements FlatMapFunction<Iterator<long[]>, byte[]> {
        private static final long serialVersionUID = 1L;

        final ShardJob job;
        final PluginSource plugins;
        final HadoopFiles files;
        final TaskHook hook;
        final String stage;

        Task(ShardJob job, PluginSource plugins, HadoopFiles files, TaskHook hook, String stage) {
            this.job = job;
            this.plugins = plugins;
            this.files = files;
            this.hook = hook;
            this.stage = stage;
        }

        @Override
        public Iterator<byte[]> call(Iterator<long[]> shards) throws Exception {
            hook.starting(stage, TaskContext.getPartitionId());
            if (!shards.hasNext()) {
                return Collections.emptyIterator();
            }
            try (ShardSession session = ExecutorState.open(job, plugins, files)) {
                return List.of(run(session, shards)).iterator();
            }
        }

        abstract byte[] run(ShardSession session, Iterator<long[]> shards) throws Exception;
    }

    /** One quantile pass over a partition's shards. */
    static final class Quantiles extends Task {
        private static final long serialVersionUID = 1L;

        private final QuantileSelector selector;

        Quantiles(ShardJob job, PluginSource plugins, HadoopFiles files, TaskHook hook, String stage,
                QuantileSelector selector) {
            super(job, plugins, files, hook, stage);
            this.selector = selector;
        }

        @Override
        byte[] run(ShardSession session, Iterator<long[]> shards) throws Exception {
            QuantileSelector.Histograms merged = null;
            while (shards.hasNext()) {
                long[] r = shards.next();
                QuantileSelector.Histograms h = session.histograms(selector, new RowRange(r[0], r[1]));
                merged = ShardRunner.add(merged, h, QuantileSelector.Histograms::merge);
            }
            return Blobs.write(merged);
        }
    }

    /** The counting pass over a partition's shards. */
    static final class Counts extends Task {
        private static final long serialVersionUID = 1L;

        private final Taus taus;

        Counts(ShardJob job, PluginSource plugins, HadoopFiles files, TaskHook hook, String stage, Taus taus) {
            super(job, plugins, files, hook, stage);
            this.taus = taus;
        }

        @Override
        byte[] run(ShardSession session, Iterator<long[]> shards) throws Exception {
            CoactivationStats merged = null;
            while (shards.hasNext()) {
                long[] r = shards.next();
                CoactivationStats c = session.count(taus, new RowRange(r[0], r[1]));
                merged = ShardRunner.add(merged, c, CoactivationStats::merge);
            }
            return Blobs.write(merged);
        }
    }

    /** @return the two parts' histograms of one pass, added */
    static byte[] mergeHistograms(byte[] a, byte[] b) {
        QuantileSelector.Histograms h = Blobs.read(a, QuantileSelector.Histograms.class);
        h.merge(Blobs.read(b, QuantileSelector.Histograms.class));
        return Blobs.write(h);
    }

    /** @return the two parts' counts, added */
    static byte[] mergeCounts(byte[] a, byte[] b) {
        CoactivationStats s = Blobs.read(a, CoactivationStats.class);
        s.merge(Blobs.read(b, CoactivationStats.class));
        return Blobs.write(s);
    }
}
