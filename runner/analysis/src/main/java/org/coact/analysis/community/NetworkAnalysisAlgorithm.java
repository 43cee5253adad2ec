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
    /**
     * The most iterations an option may ask for: each is a local-moving pass over every edge,
     * and on the graphs measured here the quality stopped changing within 10 (docs/BENCHMARKS.md);
     * 0 (until no improvement) is the way to ask for "as many as it takes".
     */
    static final int MAX_ITERATIONS = 10_000;
    /** The most random starts an option may ask for (each is a whole run). */
    static final int MAX_RANDOM_STARTS = 1_000;
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
    public void validate(AlgorithmParameters parameters) throws ConfigException {
        int iterations = parameters.intOption(ITERATIONS, DEFAULT_ITERATIONS);
        if (iterations < 0 || iterations > MAX_ITERATIONS) {
            throw new ConfigException("option '" + ITERATIONS + "' must be in 0.." + MAX_ITERATIONS
                    + " (0 = until an iteration brings no improvement), got " + iterations);
        }
        int starts = parameters.intOption(RANDOM_STARTS, DEFAULT_RANDOM_STARTS);
        if (starts < 1 || starts > MAX_RANDOM_STARTS) {
            throw new ConfigException("option '" + RANDOM_STARTS + "' must be in 1.." + MAX_RANDOM_STARTS + ", got "
                    + starts);
        }
        validateOwnOptions(parameters);
    }

    @Override
    public Partition detect(WeightedGraph graph, AlgorithmParameters parameters) throws ConfigException {
        validate(parameters);
        int iterations = parameters.intOption(ITERATIONS, DEFAULT_ITERATIONS);
        int starts = parameters.intOption(RANDOM_STARTS, DEFAULT_RANDOM_STARTS);
        int nodes = graph.nodeCount();
        if (graph.edgeCount() == 0) {
            return singletons(nodes);
        }
        double weightScale = wholeNumberScale(graph);
        Network network = network(graph, weightScale);
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
     *
     * @param weight a true weight
     * @param scale {@link #wholeNumberScale}
     * @return the whole-number weight
     */
    static double wholeNumber(double weight, double scale) {
        return Math.max(1.0, Math.rint(weight * scale));
    }

    /**
     * @param graph a graph with at least one edge
     * @return the power of two {@link #wholeNumber} multiplies the weights by
     */
    static double wholeNumberScale(WeightedGraph graph) {
        double max = 0;
        for (int e = 0; e < graph.edgeCount(); e++) {
            max = Math.max(max, graph.weight(e));
        }
        return wholeNumberScale(max, graph.edgeCount());
    }

    /**
     * @param max the largest weight, positive
     * @param edgeCount the number of edges
     * @return the power of two {@link #wholeNumber} multiplies the weights by
     */
    static double wholeNumberScale(double max, int edgeCount) {
        int edgeBits = 64 - Long.numberOfLeadingZeros(Math.max(1, edgeCount));
        int bits = Math.min(30, 52 - edgeBits);
        return Math.scalb(1.0, bits - Math.getExponent(max) - 1);
    }

    /**
     * The networkanalysis {@code Network} in its own compressed-row form, built in O(n + E)
     * straight from the edge arrays: node i's neighbours in increasing order, each undirected
     * edge once per end, weights made whole ({@link #wholeNumber}). networkanalysis' edge-list
     * constructor would double the list, merge-sort it and check it by binary search per edge
     * (14 of 31 s of Louvain on a 16.7M-edge graph); a WeightedGraph is already valid, so the
     * check is not repeated. The edges arrive sorted by (source, target) from the graph builder;
     * then every node's lower neighbours (as targets, filled in source order) precede its higher
     * ones (as sources, in target order) and the rows come out sorted. A row of a graph given
     * in another order is sorted on its own. Heap: 12 bytes per edge and end here, and as much
     * again inside networkanalysis, which copies what it is given.
     */
    static Network network(WeightedGraph graph, double scale) {
        int nodes = graph.nodeCount();
        int edges = graph.edgeCount();
        long[] first = new long[nodes + 1];
        int[] lower = new int[nodes];
        for (int e = 0; e < edges; e++) {
            first[graph.source(e) + 1]++;
            first[graph.target(e) + 1]++;
            lower[graph.target(e)]++;
        }
        for (int i = 0; i < nodes; i++) {
            first[i + 1] += first[i];
        }
        int[] nextLower = new int[nodes];
        int[] nextHigher = new int[nodes];
        for (int i = 0; i < nodes; i++) {
            nextLower[i] = (int) first[i];
            nextHigher[i] = (int) first[i] + lower[i];
        }
        LargeIntArray neighbours = new LargeIntArray(2L * edges);
        LargeDoubleArray weights = new LargeDoubleArray(2L * edges);
        for (int e = 0; e < edges; e++) {
            int s = graph.source(e);
            int t = graph.target(e);
            double w = wholeNumber(graph.weight(e), scale);
            int at = nextHigher[s]++;
            neighbours.set(at, t);
            weights.set(at, w);
            at = nextLower[t]++;
            neighbours.set(at, s);
            weights.set(at, w);
        }
        for (int i = 0; i < nodes; i++) {
            sortRow(neighbours, weights, first[i], first[i + 1]);
        }
        return new Network(nodes, true, first, neighbours, weights, false);
    }

    /** Sorts one row by neighbour, weights alongside, unless it is sorted already (the usual case). */
    private static void sortRow(LargeIntArray neighbours, LargeDoubleArray weights, long from, long to) {
        boolean sorted = true;
        for (long j = from + 1; j < to && sorted; j++) {
            sorted = neighbours.get(j - 1) < neighbours.get(j);
        }
        if (sorted) {
            return;
        }
        int length = (int) (to - from);
        long[] keyed = new long[length];
        double[] w = new double[length];
        for (int j = 0; j < length; j++) {
            keyed[j] = ((long) neighbours.get(from + j) << 32) | j;
            w[j] = weights.get(from + j);
        }
        java.util.Arrays.sort(keyed);
        for (int j = 0; j < length; j++) {
            neighbours.set(from + j, (int) (keyed[j] >>> 32));
            weights.set(from + j, w[(int) keyed[j]]);
        }
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
