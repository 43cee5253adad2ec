package org.coact.analysis.community;

import java.util.EnumSet;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import nl.cwts.networkanalysis.Clustering;
import nl.cwts.networkanalysis.IterativeCPMClusteringAlgorithm;
import nl.cwts.networkanalysis.Network;
import nl.cwts.util.LargeDoubleArray;
import nl.cwts.util.LargeIntArray;
import org.coact.api.ConfigException;
import org.coact.api.community.AlgorithmCapability;
import org.coact.api.community.AlgorithmParameters;
import org.coact.api.community.CommunityAlgorithm;
import org.coact.api.community.Partition;
import org.coact.api.community.WeightedGraph;

/**
 * Modularity optimisation with CWTS networkanalysis 1.3.0, done as its own
 * {@code RunNetworkClustering} does it: a {@code Network} with node weights equal to the
 * weighted degrees, the CPM resolution {@code gamma / (2 m + selfLinks)} (which makes the CPM
 * quality equal to modularity), a singleton start, {@code java.util.Random(seed)} shared by the
 * random starts, and the best quality over the starts (the first on ties). Nodes without edges
 * are returned as singletons. Same graph, parameters and seed: same partition.
 */
abstract class NetworkAnalysisAlgorithm implements CommunityAlgorithm {

    /** Option: iterations of the algorithm per start; 0 = until an iteration brings no improvement. */
    static final String ITERATIONS = "iterations";
    /** Option: random starts, the best quality wins. */
    static final String RANDOM_STARTS = "random_starts";
    /** Default iterations, as {@code RunNetworkClustering.DEFAULT_N_ITERATIONS}. */
    static final int DEFAULT_ITERATIONS = 10;
    /** Default random starts, as {@code RunNetworkClustering.DEFAULT_N_RANDOM_STARTS}. */
    static final int DEFAULT_RANDOM_STARTS = 1;

    @Override
    public Set<AlgorithmCapability> capabilities() {
        return EnumSet.of(AlgorithmCapability.WEIGHTED, AlgorithmCapability.RESOLUTION, AlgorithmCapability.RANDOMISED);
    }

    @Override
    public Set<String> optionKeys() {
        return Set.of(ITERATIONS, RANDOM_STARTS);
    }

    /**
     * Creates the configured networkanalysis algorithm; validates algorithm-specific options.
     *
     * @param cpmResolution the resolution already rescaled for modularity
     * @param iterations validated iterations
     * @param parameters all parameters, for further options
     * @param random the shared random source
     * @param weightScale the factor the network's weights carry ({@link #wholeNumberScale}):
     *     an option in units of weight (Leiden's randomness) is multiplied by it, so that it
     *     means what it means on the true weights
     * @return the algorithm
     * @throws ConfigException naming a bad option
     */
    abstract IterativeCPMClusteringAlgorithm create(double cpmResolution, int iterations, AlgorithmParameters parameters,
            Random random, double weightScale) throws ConfigException;

    /** Validates the algorithm-specific options before any work; called by {@link #detect}. */
    abstract void validateOwnOptions(AlgorithmParameters parameters) throws ConfigException;

    @Override
    public Partition detect(WeightedGraph graph, AlgorithmParameters parameters) throws ConfigException {
        int iterations = parameters.intOption(ITERATIONS, DEFAULT_ITERATIONS);
        if (iterations < 0) {
            throw new ConfigException("option '" + ITERATIONS + "' must be >= 0 (0 = until no improvement), got "
                    + iterations);
        }
        int starts = parameters.intOption(RANDOM_STARTS, DEFAULT_RANDOM_STARTS);
        if (starts < 1) {
            throw new ConfigException("option '" + RANDOM_STARTS + "' must be >= 1, got " + starts);
        }
        validateOwnOptions(parameters);
        int nodes = graph.nodeCount();
        if (graph.edgeCount() == 0) {
            return singletons(nodes);
        }
        Network network = new Network(nodes, true,
                new LargeIntArray[] {new LargeIntArray(graph.sources()), new LargeIntArray(graph.targets())},
                new LargeDoubleArray(wholeNumberWeights(graph.weights())), false, true);
        double weightScale = wholeNumberScale(graph.weights());
        double cpmResolution = parameters.resolution()
                / (2 * network.getTotalEdgeWeight() + network.getTotalEdgeWeightSelfLinks());
        Random random = new Random(parameters.seed());
        IterativeCPMClusteringAlgorithm algorithm = create(cpmResolution, iterations, parameters, random, weightScale);
        Clustering best = null;
        double bestQuality = Double.NEGATIVE_INFINITY;
        for (int start = 0; start < starts; start++) {
            Clustering clustering = new Clustering(nodes);
            algorithm.improveClustering(network, clustering);
            double quality = algorithm.calcQuality(network, clustering);
            if (best == null || quality > bestQuality) {
                best = clustering;
                bestQuality = quality;
            }
        }
        return isolatedAsSingletons(best.getClusters(), graph);
    }

    /**
     * The weights as whole numbers: scaled by one power of two so that the largest is about
     * 2^30 (or less, so that their sum stays below 2^52), rounded, at least 1. Sums of whole
     * numbers below 2^53 are exact, and networkanalysis' local moving needs exact cluster
     * weights to terminate: it updates them by adding and subtracting node weights, and with
     * fractional weights the rounding drift can let a node move between two clusters forever
     * (seen with Jaccard weights on null-model graphs). The relative change of a weight is below
     * 2^-30 for the heaviest edges; the partition's quality is measured on the true weights.
     * Modularity is invariant under the scaling (the resolution divides by the scaled total).
     */
    static double[] wholeNumberWeights(double[] weights) {
        double scale = wholeNumberScale(weights);
        double[] out = new double[weights.length];
        for (int e = 0; e < weights.length; e++) {
            out[e] = Math.max(1.0, Math.rint(weights[e] * scale));
        }
        return out;
    }

    /**
     * @param weights positive edge weights, at least one
     * @return the power of two {@link #wholeNumberWeights} multiplies them by
     */
    static double wholeNumberScale(double[] weights) {
        double max = 0;
        for (double w : weights) {
            max = Math.max(max, w);
        }
        int edgeBits = 64 - Long.numberOfLeadingZeros(Math.max(1, weights.length));
        int bits = Math.min(30, 52 - edgeBits);
        return Math.scalb(1.0, bits - Math.getExponent(max) - 1);
    }

    private static Partition singletons(int nodes) {
        int[] membership = new int[nodes];
        for (int i = 0; i < nodes; i++) {
            membership[i] = i;
        }
        return new Partition(membership);
    }

    /** Gives every node without edges its own community (quality-neutral: such a node weighs 0). */
    private static Partition isolatedAsSingletons(int[] clusters, WeightedGraph graph) {
        boolean[] hasEdge = new boolean[graph.nodeCount()];
        for (int e = 0; e < graph.edgeCount(); e++) {
            hasEdge[graph.source(e)] = true;
            hasEdge[graph.target(e)] = true;
        }
        int next = 0;
        for (int c : clusters) {
            next = Math.max(next, c + 1);
        }
        for (int i = 0; i < clusters.length; i++) {
            if (!hasEdge[i]) {
                clusters[i] = next++;
            }
        }
        return new Partition(clusters);
    }
}
