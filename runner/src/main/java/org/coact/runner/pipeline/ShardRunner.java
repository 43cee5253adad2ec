package org.coact.runner.pipeline;

import java.util.List;
import org.coact.analysis.activity.CoactivationStats;
import org.coact.analysis.activity.QuantileSelector;
import org.coact.analysis.activity.Taus;
import org.coact.api.CoactException;
import org.coact.runner.data.RowRange;

/**
 * Where the passes over a dataset's shards run when not one after another in the analysing
 * thread: in other JVMs, a Spark cluster's executors for instance. Each shard task sets up from
 * the {@link ShardJob} ({@link ShardJob#open}: the same model, layers, decoder and checks as the
 * analysing side), streams its rows, and its histograms or counts come back to be merged. Both
 * merge by addition (counts, and for histograms the extreme keys), which is exact, commutative
 * and associative, so the result equals a local run for any split, grouping or merge order.
 *
 * <p>Called once per pass: for {@code threshold: quantile q} once per quantile pass (at most
 * {@link QuantileSelector#MAX_PASSES}), then once for the counting pass.
 */
public interface ShardRunner {

    /**
     * One quantile pass.
     *
     * @param job what every shard task sets up from
     * @param selector the selection, in the pass to run; tasks fill {@link QuantileSelector#histograms()} of a copy
     * @param shards the row ranges, covering the dataset in order
     * @return every shard's histograms of this pass, merged
     * @throws CoactException naming the culprit when a shard task fails on the user's input
     */
    QuantileSelector.Histograms histograms(ShardJob job, QuantileSelector selector, List<RowRange> shards)
            throws CoactException;

    /**
     * The counting pass.
     *
     * @param job what every shard task sets up from
     * @param taus each neuron's threshold
     * @param shards the row ranges, covering the dataset in order
     * @return every shard's counts, merged
     * @throws CoactException naming the culprit when a shard task fails on the user's input
     */
    CoactivationStats count(ShardJob job, Taus taus, List<RowRange> shards) throws CoactException;

    /**
     * Adds one shard's state to those of the shards before it, as every runner and task merges them.
     *
     * @param merged the states so far, or null before the first shard
     * @param next the next shard's state
     * @param add adds its second argument into its first
     * @param <S> histograms or counts
     * @return {@code merged} with {@code next} added, or {@code next} when it is the first
     */
    static <S> S add(S merged, S next, java.util.function.BiConsumer<S, S> add) {
        if (merged == null) {
            return next;
        }
        add.accept(merged, next);
        return merged;
    }
}
