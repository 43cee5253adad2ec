package org.coact.analysis;

import java.util.function.ToDoubleFunction;

/**
 * The model-level figures of an {@link Analysis} (METHOD.md 6-8), in report order. Each is
 * correlated with accuracy across a checkpoint series, is a column of {@code checkpoints.csv}
 * and a row of the evolution page's correlation table, and those flagged {@code summary} are
 * members of a report's {@code summary}: adding a figure is adding a constant here.
 */
public enum ModelFigure {
    /** Mean neuron entropy H_j, bits. */
    MEAN_ENTROPY("meanEntropyBits", false, true, a -> a.entropy().model().meanEntropy()),
    /** Mean conditional entropy H(A_j | Y), bits. */
    MEAN_CONDITIONAL_ENTROPY("meanConditionalEntropyBits", false, true,
            a -> a.entropy().model().meanConditionalEntropy()),
    /** Mean mutual information I(A_j; Y), bits. */
    MEAN_MUTUAL_INFORMATION("meanMutualInformationBits", false, true,
            a -> a.entropy().model().meanMutualInformation()),
    /** Neurons never active. */
    DEAD("dead", true, true, a -> a.entropy().model().dead()),
    /** Neurons active on every sample. */
    ALWAYS_ON("alwaysOn", true, true, a -> a.entropy().model().alwaysOn()),
    /** Modularity Q of the partition. */
    MODULARITY("modularity", false, true, a -> a.communities().figures().modularity()),
    /** {@code (Q - null mean) / null sd}; undefined (NaN) without null samples or with a zero sd. */
    MODULARITY_Z("modularityZ", false, true, a -> a.communities().nullModel() == null
            || a.communities().nullModel().z() == null ? Double.NaN : a.communities().nullModel().z()),
    /** Q of the layer-structure baseline (weights from firing rates only); NaN without null samples. */
    BASELINE_MODULARITY("baselineModularity", false, true, a -> a.communities().nullModel() == null ? Double.NaN
            : a.communities().nullModel().baseline()),
    /** Number of communities, singletons included. */
    COMMUNITIES("communities", true, true, a -> a.communities().figures().communities()),
    /** Number of communities of two or more neurons. */
    COUNT_WITHOUT_SINGLETONS("countWithoutSingletons", true, false,
            a -> a.communities().figures().nonSingletonCommunities()),
    /** Share of the edge weight inside communities. */
    COVERAGE("coverage", false, false, a -> a.communities().figures().coverage()),
    /** Mean conductance of the communities. */
    MEAN_CONDUCTANCE("meanConductance", false, false, a -> a.communities().figures().meanConductance()),
    /** Neurons with a preferred class (activity depending on the class). */
    ALIGNED_NEURONS("alignedNeurons", true, false, a -> a.communities().figures().alignedNeurons()),
    /** Class purity of the communities. */
    PURITY("purity", false, false, a -> a.communities().figures().purity()),
    /** Normalised mutual information between community and preferred class. */
    NMI("nmi", false, false, a -> a.communities().figures().nmi());

    private final String key;
    private final boolean count;
    private final boolean summary;
    private final ToDoubleFunction<Analysis> value;

    ModelFigure(String key, boolean count, boolean summary, ToDoubleFunction<Analysis> value) {
        this.key = key;
        this.count = count;
        this.summary = summary;
        this.value = value;
    }

    /** @return its name in reports and tables */
    public String key() {
        return key;
    }

    /** @return whether it is a whole number (written without a fraction) */
    public boolean isCount() {
        return count;
    }

    /** @return whether a report's {@code summary} holds it */
    public boolean inSummary() {
        return summary;
    }

    /**
     * @param analysis an analysis
     * @return this figure of it; NaN where it is undefined
     */
    public double of(Analysis analysis) {
        return value.applyAsDouble(analysis);
    }
}
