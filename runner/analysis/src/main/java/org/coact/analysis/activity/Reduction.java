package org.coact.analysis.activity;


/**
 * How a rank-3 or rank-4 activation is reduced to one value per neuron (METHOD.md section 2,
 * option {@code reduce}).
 */
public enum Reduction {
    /** Arithmetic mean: sum in double over the positions in index order, then divide by their count. */
    MEAN,
    /** Maximum over the positions. */
    MAX,
    /**
     * The fraction of positions whose value is above the threshold: per-position activity. A
     * channel then counts as active when more than {@code active_fraction} of its positions
     * are (docs/METHOD.md 2-3); rank-2 neurons are unaffected.
     */
    FRACTION;

    /** @return the id used in configuration files and reports: the name in lower case */
    public String id() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

}
