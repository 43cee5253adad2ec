package org.coact.analysis.community;

import java.util.Random;
import nl.cwts.networkanalysis.IterativeCPMClusteringAlgorithm;
import nl.cwts.networkanalysis.LouvainAlgorithm;
import org.coact.api.community.AlgorithmParameters;
import org.pf4j.Extension;

/**
 * Louvain modularity optimisation (Blondel, Guillaume, Lambiotte and Lefebvre, J. Stat. Mech.
 * P10008, 2008), as implemented by CWTS networkanalysis 1.3.0 ({@code LouvainAlgorithm}).
 * Options: {@code iterations} (default 10, as networkanalysis's {@code RunNetworkClustering};
 * 0 = repeat until no improvement) and {@code random_starts} (default 1; the best modularity
 * wins). Deterministic for a given seed. Roughly O(E) per iteration.
 */
@Extension
public final class LouvainCommunityAlgorithm extends NetworkAnalysisAlgorithm {

    /** The algorithm id. */
    public static final String ID = "louvain";

    /** Stateless; one instance serves every graph. */
    public LouvainCommunityAlgorithm() {
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String description() {
        return "Louvain modularity optimisation (Blondel et al., J. Stat. Mech. 2008), CWTS networkanalysis 1.3.0";
    }

    @Override
    void validateOwnOptions(AlgorithmParameters parameters) {
        // no options beyond iterations and random_starts
    }

    @Override
    IterativeCPMClusteringAlgorithm create(double cpmResolution, int iterations, AlgorithmParameters parameters,
            Random random, double weightScale) {
        return new LouvainAlgorithm(cpmResolution, iterations, random);
    }
}
