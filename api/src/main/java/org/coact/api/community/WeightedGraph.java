package org.coact.api.community;

/**
 * An undirected weighted graph on nodes {@code 0..nodeCount-1}, as parallel edge arrays. Each
 * undirected edge appears once with {@code source < target}; there are no self-loops, no
 * duplicate edges, and every weight is finite and positive.
 *
 * @param nodeCount number of nodes, including isolated ones
 * @param sources edge source nodes
 * @param targets edge target nodes
 * @param weights edge weights
 */
public record WeightedGraph(int nodeCount, int[] sources, int[] targets, double[] weights) {

    /** Validates (O(E) for edges in ascending (source, target) order, as the graph builder gives them; else O(E log E)) and copies. */
    public WeightedGraph {
        if (nodeCount < 0) {
            throw new IllegalArgumentException("nodeCount must be >= 0, got " + nodeCount);
        }
        if (sources.length != targets.length || sources.length != weights.length) {
            throw new IllegalArgumentException("sources, targets and weights must have the same length");
        }
        sources = sources.clone();
        targets = targets.clone();
        weights = weights.clone();
        long previous = -1;
        boolean ascending = true;
        for (int e = 0; e < sources.length; e++) {
            int s = sources[e];
            int t = targets[e];
            if (s < 0 || t >= nodeCount || s >= t) {
                throw new IllegalArgumentException("edge " + e + " (" + s + ", " + t
                        + ") must satisfy 0 <= source < target < nodeCount=" + nodeCount);
            }
            if (!(weights[e] > 0) || Double.isInfinite(weights[e])) {
                throw new IllegalArgumentException("edge " + e + " (" + s + ", " + t + ") has weight " + weights[e]
                        + "; weights must be finite and positive");
            }
            long key = ((long) s << 32) | t;
            ascending &= key > previous;
            previous = key;
        }
        if (!ascending) {
            requireNoDuplicates(sources, targets);
        }
    }

    /** Sorts the edge keys to find a duplicate: needed only when the edges are not in strictly ascending order. */
    private static void requireNoDuplicates(int[] sources, int[] targets) {
        long[] keys = new long[sources.length];
        for (int e = 0; e < sources.length; e++) {
            keys[e] = ((long) sources[e] << 32) | targets[e];
        }
        java.util.Arrays.sort(keys);
        for (int e = 1; e < keys.length; e++) {
            if (keys[e] == keys[e - 1]) {
                throw new IllegalArgumentException("duplicate edge (" + (keys[e] >>> 32) + ", " + (int) keys[e] + ")");
            }
        }
    }

    /** @return the number of edges */
    public int edgeCount() {
        return sources.length;
    }

    /** @return m, the sum of all edge weights */
    public double totalWeight() {
        double m = 0;
        for (double w : weights) {
            m += w;
        }
        return m;
    }

    /** @return each node's weighted degree k_i */
    public double[] weightedDegrees() {
        double[] k = new double[nodeCount];
        for (int e = 0; e < sources.length; e++) {
            k[sources[e]] += weights[e];
            k[targets[e]] += weights[e];
        }
        return k;
    }

    /** @return a copy of the sources */
    @Override
    public int[] sources() {
        return sources.clone();
    }

    /** @return a copy of the targets */
    @Override
    public int[] targets() {
        return targets.clone();
    }

    /** @return a copy of the weights */
    @Override
    public double[] weights() {
        return weights.clone();
    }

    /** @param e edge index @return its source */
    public int source(int e) {
        return sources[e];
    }

    /** @param e edge index @return its target */
    public int target(int e) {
        return targets[e];
    }

    /** @param e edge index @return its weight */
    public double weight(int e) {
        return weights[e];
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof WeightedGraph g && nodeCount == g.nodeCount && java.util.Arrays.equals(sources, g.sources)
                && java.util.Arrays.equals(targets, g.targets) && java.util.Arrays.equals(weights, g.weights);
    }

    @Override
    public int hashCode() {
        return java.util.Objects.hash(nodeCount, java.util.Arrays.hashCode(sources), java.util.Arrays.hashCode(targets),
                java.util.Arrays.hashCode(weights));
    }

    @Override
    public String toString() {
        return "WeightedGraph[nodes=" + nodeCount + ", edges=" + sources.length + "]";
    }
}
