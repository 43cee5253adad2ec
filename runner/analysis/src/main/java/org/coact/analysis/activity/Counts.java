package org.coact.analysis.activity;

/**
 * The counts one neuron graph is built from (METHOD.md 4-5): n, each neuron's c_j and the
 * co-activation count of every pair in scope. The whole dataset's statistics are one; each
 * class's ({@code n_c}, {@code c_jc}, {@code C_jkc}) another; a null model draws its own.
 */
public interface Counts {

    /** Receives one in-scope pair; {@code j < k} are global neuron indices. */
    @FunctionalInterface
    interface PairConsumer {
        /**
         * @param j the first neuron (global index)
         * @param k the second neuron, {@code > j}
         * @param count its co-activation count (a non-negative whole number, or an expected
         *     count for a baseline)
         */
        void accept(int j, int k, double count);
    }

    /** @return n, the samples these counts are over */
    long samples();

    /** @return the number of neurons */
    int neuronCount();

    /** @param j a global neuron index @return c_j */
    long active(int j);

    /** @param j a global neuron index @return its id {@code <layer>:<index>} */
    String neuronId(int j);

    /**
     * Visits every pair in scope, zero counts included, ordered by {@code j} then {@code k}.
     *
     * @param consumer receives {@code (j, k, C_jk)}
     */
    void forEachPair(PairConsumer consumer);
}
