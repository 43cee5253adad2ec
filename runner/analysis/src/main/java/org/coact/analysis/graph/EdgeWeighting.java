package org.coact.analysis.graph;

/**
 * How a co-activation count becomes an edge weight (METHOD.md section 5, setting
 * {@code graph.weight}). With {@code C = C_jk}, {@code c_j}, {@code c_k} and {@code n} (or the
 * class's counts for a per-class graph); an edge whose weight is {@code <= 0} (or undefined) is
 * absent, so a pair never active together has no edge under any weighting.
 */
public enum EdgeWeighting {
    /** {@code C / n}: the fraction of samples on which both are active. */
    FREQUENCY {
        @Override
        public double weight(double c, long cj, long ck, long n) {
            return c / n;
        }
    },
    /** {@code C}: the number of samples on which both are active. */
    COUNT {
        @Override
        public double weight(double c, long cj, long ck, long n) {
            return c;
        }
    },
    /** {@code C / (c_j + c_k - C)}: the Jaccard index of the two neurons' active sets. */
    JACCARD {
        @Override
        public double weight(double c, long cj, long ck, long n) {
            double union = cj + ck - c;
            return union > 0 ? c / union : 0;
        }
    },
    /**
     * The phi coefficient of the two binary activities,
     * {@code (n C - c_j c_k) / sqrt(c_j (n - c_j) c_k (n - c_k))}: their Pearson correlation;
     * 0 (no edge) for independent neurons, and undefined, so no edge, when either is dead or
     * always on. Edges with phi {@code <= 0} are dropped.
     */
    PHI {
        @Override
        public double weight(double c, long cj, long ck, long n) {
            double denominator = Math.sqrt((double) cj * (n - cj) * ck * (n - ck));
            double numerator = (double) n * c - (double) cj * ck;
            return denominator > 0 && Math.abs(numerator) > RESIDUE * cj * ck ? numerator / denominator : 0;
        }
    },
    /**
     * Lift minus one, {@code C n / (c_j c_k) - 1}: how much more often the two are active
     * together than independent neurons with their firing rates would be. Edges with lift
     * {@code <= 0} are dropped.
     */
    LIFT {
        @Override
        public double weight(double c, long cj, long ck, long n) {
            if (cj == 0 || ck == 0) {
                return 0;
            }
            double lift = c * n / ((double) cj * ck) - 1;
            return Math.abs(lift) > RESIDUE ? lift : 0;
        }
    };

    /**
     * Below this (relative to {@code c_j c_k}, or absolute for lift) a deviation from
     * independence is rounding, not signal: an expected count {@code c_j c_k / n} gives
     * {@code n C - c_j c_k} of a few ulps instead of 0. A whole-number count's deviation is an
     * integer, so only deviations far below any measurable correlation are cut.
     */
    static final double RESIDUE = 1e-12;

    /**
     * The weight of edge j-k.
     *
     * @param coactive C_jk, {@code >= 0} (an expected count, not a whole number, for a baseline)
     * @param activeJ c_j
     * @param activeK c_k
     * @param samples n (or n_c for a per-class graph), {@code > 0}
     * @return the weight; an edge with weight {@code <= 0} or NaN is absent
     */
    public abstract double weight(double coactive, long activeJ, long activeK, long samples);

    /** @return the id used in configuration files and reports: the name in lower case */
    public String id() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
