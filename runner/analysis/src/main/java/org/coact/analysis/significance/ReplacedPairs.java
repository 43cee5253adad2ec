package org.coact.analysis.significance;

import org.coact.analysis.activity.Counts;

/**
 * Counts that keep the observed n, c_j and neuron ids and replace only the pair counts: the
 * common part of the baseline ({@link ExpectedCounts}) and the null draws ({@link NullCounts}).
 */
abstract class ReplacedPairs implements Counts {

    /** The observed counts whose marginals are kept. */
    protected final Counts observed;

    ReplacedPairs(Counts observed) {
        this.observed = observed;
    }

    @Override
    public final long samples() {
        return observed.samples();
    }

    @Override
    public final int neuronCount() {
        return observed.neuronCount();
    }

    @Override
    public final long active(int j) {
        return observed.active(j);
    }

    @Override
    public final String neuronId(int j) {
        return observed.neuronId(j);
    }
}
