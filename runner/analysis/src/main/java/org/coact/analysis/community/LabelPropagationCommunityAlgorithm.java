package org.coact.analysis.community;

import java.util.EnumSet;
import java.util.Random;
import java.util.Set;
import org.coact.api.ConfigException;
import org.coact.api.community.AlgorithmCapability;
import org.coact.api.community.AlgorithmParameters;
import org.coact.api.community.Partition;
import org.coact.api.community.WeightedGraph;
import org.jgrapht.alg.clustering.LabelPropagationClustering;
import org.pf4j.Extension;

/**
 * Label propagation (Raghavan, Albert and Kumara, Phys. Rev. E 76, 036106, 2007), as JGraphT
 * 1.5.3 implements it ({@code LabelPropagationClustering}): every node repeatedly takes the
 * most frequent label among its neighbours, in an order drawn from {@code Random(seed)}.
 * JGraphT's version counts neighbours without their edge weights. Option {@code iterations}:
 * at most this many rounds (default 100). Deterministic for a given seed; near-linear per round.
 */
@Extension
public final class LabelPropagationCommunityAlgorithm extends JGraphTAlgorithm {

    /** The algorithm id. */
    public static final String ID = "label-propagation";
    static final String ITERATIONS = "iterations";
    static final int DEFAULT_ITERATIONS = 100;

    /** Stateless; one instance serves every graph. */
    public LabelPropagationCommunityAlgorithm() {
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String description() {
        return "Label propagation (Raghavan et al., Phys. Rev. E 2007), JGraphT 1.5.3; ignores edge weights";
    }

    @Override
    public Set<AlgorithmCapability> capabilities() {
        return EnumSet.of(AlgorithmCapability.RANDOMISED);
    }

    @Override
    public Set<String> optionKeys() {
        return Set.of(ITERATIONS);
    }

    /** The most label-propagation rounds an option may ask for (JGraphT stops earlier once labels settle). */
    static final int MAX_ITERATIONS = 1_000_000;

    @Override
    public void validate(AlgorithmParameters parameters) throws ConfigException {
        int iterations = parameters.intOption(ITERATIONS, DEFAULT_ITERATIONS);
        if (iterations < 1 || iterations > MAX_ITERATIONS) {
            throw new ConfigException("option '" + ITERATIONS + "' of " + ID + " must be in 1.." + MAX_ITERATIONS
                    + ", got " + iterations);
        }
    }

    @Override
    public Partition detect(WeightedGraph graph, AlgorithmParameters parameters) throws ConfigException {
        validate(parameters);
        int iterations = parameters.intOption(ITERATIONS, DEFAULT_ITERATIONS);
        var clustering = new LabelPropagationClustering<>(toJGraphT(graph, w -> w), iterations,
                new Random(parameters.seed())).getClustering();
        return partition(graph.nodeCount(), clustering);
    }
}
