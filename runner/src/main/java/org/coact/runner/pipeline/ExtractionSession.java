package org.coact.runner.pipeline;

import java.util.List;
import org.coact.analysis.activity.CoactivationStats;
import org.coact.analysis.activity.LayerShape;
import org.coact.analysis.activity.QuantileSelector;
import org.coact.analysis.activity.Scope;
import org.coact.analysis.activity.Taus;
import org.coact.api.CoactException;
import org.coact.api.format.Extractor;
import org.coact.runner.data.DataShard;
import org.coact.runner.data.RowRange;

/**
 * An open extractor with the probe of the first sample ({@link Extraction#start}): streams one
 * shard at a time into the histograms of a quantile pass or into counts. The passes of a local
 * run go through here shard after shard ({@link #local}); a shard task elsewhere has one of its
 * own ({@link ShardSession}). Each shard is counted by the session's counting threads, each into
 * its own state, merged by addition before the shard's result is returned. Not thread-safe.
 */
final class ExtractionSession implements AutoCloseable {
    private final Extractor extractor;
    private final Extraction.Feeder feeder;
    private final Extraction.Probe probe;
    private final int batchSize;
    private final Scope scope;
    private final boolean perClass;
    private final int workers;

    ExtractionSession(Extractor extractor, Extraction.Feeder feeder, Extraction.Probe probe, int batchSize,
            Scope scope, boolean perClass, int workers) {
        this.extractor = extractor;
        this.feeder = feeder;
        this.probe = probe;
        this.batchSize = batchSize;
        this.scope = scope;
        this.perClass = perClass;
        this.workers = workers;
    }

    /** @return what the first sample told */
    Extraction.Probe probe() {
        return probe;
    }

    /** @return samples per forward pass ({@code auto} resolved) */
    int batchSize() {
        return batchSize;
    }

    /** @return each layer's neuron count, from the first sample */
    List<LayerShape> shapes() {
        return probe.shapes();
    }

    /** @return K, from the decoder the first sample chose */
    int classes() {
        return probe.decoder().classes();
    }

    /**
     * @param selector the quantile selection, in the pass to run
     * @param shard one shard
     * @param progress advanced per batch
     * @return the shard's histograms of the selector's current pass
     */
    QuantileSelector.Histograms histograms(QuantileSelector selector, DataShard shard, ProgressListener progress)
            throws CoactException {
        return perWorker(shard, progress, null, selector::histograms, h -> (y, b, predictions, reduced) ->
                h.accept(reduced, b), QuantileSelector.Histograms::merge);
    }

    /**
     * @param taus each neuron's threshold
     * @param shard one shard
     * @param progress advanced per batch
     * @return the shard's counts
     */
    CoactivationStats count(Taus taus, DataShard shard, ProgressListener progress) throws CoactException {
        long[] nonFiniteInputs = new long[1];
        CoactivationStats total = perWorker(shard, progress, nonFiniteInputs,
                () -> new CoactivationStats(probe.shapes(), probe.decoder().classes(), scope, perClass),
                stats -> (y, b, predictions, reduced) -> {
                    int[] labels = new int[b];
                    for (int i = 0; i < b; i++) {
                        labels[i] = (int) y[i];
                    }
                    stats.accept(labels, predictions, reduced, b, taus);
                }, CoactivationStats::merge);
        total.addNonFiniteInputs(nonFiniteInputs[0]);
        return total;
    }

    /**
     * Streams a shard into one state per counting thread and merges them into the first (by
     * addition: which thread counted which batch does not matter).
     */
    private <S> S perWorker(DataShard shard, ProgressListener progress, long[] nonFiniteInputs,
            java.util.function.Supplier<S> state, java.util.function.Function<S, Extraction.BatchSink> sink,
            java.util.function.BiConsumer<S, S> merge) throws CoactException {
        List<S> parts = new java.util.ArrayList<>();
        List<Extraction.BatchSink> sinks = new java.util.ArrayList<>();
        for (int w = 0; w < workers; w++) {
            S part = state.get();
            parts.add(part);
            sinks.add(sink.apply(part));
        }
        feeder.stream(shard, batchSize, probe, progress, sinks, nonFiniteInputs);
        for (int w = 1; w < parts.size(); w++) {
            merge.accept(parts.get(0), parts.get(w));
        }
        return parts.get(0);
    }

    /** @return the passes over these shards, one after another in this thread */
    Passes local(List<DataShard> shards, ProgressListener progress) {
        return new Passes() {
            @Override
            public QuantileSelector.Histograms histograms(QuantileSelector selector) throws CoactException {
                QuantileSelector.Histograms merged = null;
                for (DataShard shard : shards) {
                    QuantileSelector.Histograms h = ExtractionSession.this.histograms(selector, shard, progress);
                    merged = ShardRunner.add(merged, h, QuantileSelector.Histograms::merge);
                }
                return merged;
            }

            @Override
            public CoactivationStats count(Taus taus) throws CoactException {
                CoactivationStats total = null;
                for (DataShard shard : shards) {
                    CoactivationStats stats = ExtractionSession.this.count(taus, shard, progress);
                    total = ShardRunner.add(total, stats, CoactivationStats::merge);
                }
                return total;
            }
        };
    }

    @Override
    public void close() {
        extractor.close();
    }

    /** The passes over every shard, merged by addition in shard order. */
    interface Passes {
        /** @return every shard's histograms of the selector's current pass, merged */
        QuantileSelector.Histograms histograms(QuantileSelector selector) throws CoactException;

        /** @return every shard's counts, merged */
        CoactivationStats count(Taus taus) throws CoactException;
    }

    /** @return the passes over these shards through a runner, each shard set up from the job */
    static Passes remote(ShardRunner runner, ShardJob job, List<DataShard> shards) {
        List<RowRange> rows = shards.stream().map(DataShard::rows).toList();
        return new Passes() {
            @Override
            public QuantileSelector.Histograms histograms(QuantileSelector selector) throws CoactException {
                return runner.histograms(job, selector, rows);
            }

            @Override
            public CoactivationStats count(Taus taus) throws CoactException {
                CoactivationStats total = runner.count(job, taus, rows);
                if (!total.layers().equals(job.shapes()) || total.classes() != job.classes()) {
                    throw new IllegalStateException("the shard runner returned counts over " + total.layers() + " and "
                            + total.classes() + " classes for " + job.shapes() + " and " + job.classes());
                }
                return total;
            }
        };
    }
}
