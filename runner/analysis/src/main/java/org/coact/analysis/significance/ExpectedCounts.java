package org.coact.analysis.significance;

import org.coact.analysis.activity.Counts;

/**
 * The layer-structure baseline: every pair in scope with its expected co-activation count under
 * independence, {@code c_j c_k / n}, so that the graph's weights carry the firing rates and the
 * scope's layer layout and nothing else. A partition as good on this graph as on the observed
 * one says nothing beyond firing rates and layers.
 */
final class ExpectedCounts extends ReplacedPairs {

    ExpectedCounts(Counts observed) {
        super(observed);
    }

    @Override
    public void forEachPair(PairConsumer consumer) {
        double n = observed.samples();
        observed.forEachPair((j, k, count) -> consumer.accept(j, k, observed.active(j) * (double) observed.active(k) / n));
    }
}
