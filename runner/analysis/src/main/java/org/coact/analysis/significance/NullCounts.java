package org.coact.analysis.significance;

import java.util.SplittableRandom;
import org.coact.analysis.activity.Counts;

/**
 * One draw of the null model: the observed n and every neuron's c_j, and for every pair in scope
 * a co-activation count drawn from the hypergeometric distribution given n, c_j and c_k, as if
 * the neurons fired independently at their observed rates. Each pair is drawn independently of
 * the others; the draws are made as the graph is built (one pass), in pair order, from one
 * random source, so a seed gives one null graph.
 */
final class NullCounts extends ReplacedPairs {

    private final Hypergeometric sampler;
    private final SplittableRandom random;

    NullCounts(Counts observed, Hypergeometric sampler, SplittableRandom random) {
        super(observed);
        this.sampler = sampler;
        this.random = random;
    }

    @Override
    public void forEachPair(PairConsumer consumer) {
        long n = observed.samples();
        observed.forEachPair((j, k, count) -> consumer.accept(j, k,
                sampler.sample(n, observed.active(j), observed.active(k), random)));
    }
}
