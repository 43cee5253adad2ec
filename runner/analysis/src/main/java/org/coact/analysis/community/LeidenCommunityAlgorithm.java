package org.coact.analysis.community;

import java.util.Random;
import java.util.Set;
import nl.cwts.networkanalysis.IterativeCPMClusteringAlgorithm;
import nl.cwts.networkanalysis.LeidenAlgorithm;
import org.coact.api.ConfigException;
import org.coact.api.community.AlgorithmParameters;
import org.pf4j.Extension;

/**
 * Leiden modularity optimisation (Traag, Waltman and van Eck, "From Louvain to Leiden:
 * guaranteeing well-connected communities", Sci. Rep. 9, 5233, 2019), as implemented by CWTS
 * networkanalysis 1.3.0 ({@code LeidenAlgorithm}). Options: {@code iterations} (default 10, as
 * networkanalysis's {@code RunNetworkClustering}; 0 = repeat until no improvement),
 * {@code randomness} (default 0.01, {@code LeidenAlgorithm.DEFAULT_RANDOMNESS}; {@code > 0})
 * and {@code random_starts} (default 1; the best modularity wins). The randomness is in units of
 * the graph's edge weights, as in networkanalysis itself: 0.01 is a lot for frequency or
 * Jaccard weights (mostly below 1), little for count weights. Deterministic for a given
 * seed. Roughly O(E) per iteration.
 */
@Extension
public final class LeidenCommunityAlgorithm extends NetworkAnalysisAlgorithm {

    /** The algorithm id. */
    public static final String ID = "leiden";
    /** Option: the randomness of the refinement phase. */
    static final String RANDOMNESS = "randomness";

    /** Stateless; one instance serves every graph. */
    public LeidenCommunityAlgorithm() {
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String description() {
        return "Leiden modularity optimisation (Traag et al., Sci. Rep. 2019), CWTS networkanalysis 1.3.0";
    }

    @Override
    public Set<String> optionKeys() {
        return Set.of(ITERATIONS, RANDOM_STARTS, RANDOMNESS);
    }

    @Override
    void validateOwnOptions(AlgorithmParameters parameters) throws ConfigException {
        randomness(parameters);
    }

    @Override
    IterativeCPMClusteringAlgorithm create(double cpmResolution, int iterations, AlgorithmParameters parameters,
            Random random, double weightScale) throws ConfigException {
        // the refinement draws with probability ~ exp(quality gain / randomness): gains carry the scale
        return new LeidenAlgorithm(cpmResolution, iterations, randomness(parameters) * weightScale, random);
    }

    private static double randomness(AlgorithmParameters parameters) throws ConfigException {
        double randomness = parameters.doubleOption(RANDOMNESS, LeidenAlgorithm.DEFAULT_RANDOMNESS);
        if (!(randomness > 0) || Double.isInfinite(randomness)) {
            throw new ConfigException("option '" + RANDOMNESS + "' must be finite and > 0, got " + randomness);
        }
        return randomness;
    }
}
