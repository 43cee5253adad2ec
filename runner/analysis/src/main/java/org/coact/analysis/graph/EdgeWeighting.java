package org.coact.analysis.graph;



/**
 * How a co-activation count becomes an edge weight (METHOD.md section 5, option {@code weight}).
 * A weighting that yields a weight {@code <= 0} drops the edge; further weightings ({@code count},
 * {@code jaccard}, {@code phi}, {@code lift}) are further constants of this enum.
 */
public enum EdgeWeighting {
    /** {@code C_jk / n}, the fraction of samples on which both neurons are active (default). */
    FREQUENCY {
        @Override
        public double weight(long coactive, long activeJ, long activeK, long samples) {
            return (double) coactive / samples;
        }
    };

    /**
     * The weight of edge j-k.
     *
     * @param coactive C_jk, {@code > 0}
     * @param activeJ c_j
     * @param activeK c_k
     * @param samples n (or n_c for a per-class graph), {@code > 0}
     * @return the weight; an edge with weight {@code <= 0} is absent
     */
    public abstract double weight(long coactive, long activeJ, long activeK, long samples);

    /** @return the id used in configuration files and reports: the name in lower case */
    public String id() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

}
