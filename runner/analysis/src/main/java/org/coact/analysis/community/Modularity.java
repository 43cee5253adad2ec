package org.coact.analysis.community;

import org.coact.api.community.Partition;
import org.coact.api.community.WeightedGraph;

/**
 * Weighted modularity with resolution (METHOD.md section 6; Newman, Phys. Rev. E 69, 066133,
 * 2004; Reichardt and Bornholdt, Phys. Rev. E 74, 016110, 2006):
 * {@code Q = 1/(2m) sum_ij [A_ij - gamma k_i k_j / (2m)] delta(c_i, c_j)} with {@code A}
 * symmetric (an undirected edge of weight w gives {@code A_ij = A_ji = w}), {@code m} the total
 * edge weight and {@code k_i} the weighted degree. Computed in O(E + N) from per-community sums
 * as {@code Q = sum_c [L_c / m - gamma (d_c / (2m))^2]}, with {@code L_c} the weight of the edges
 * inside community c and {@code d_c} its total degree. Isolated nodes add nothing; an edgeless
 * graph has {@code Q = 0}. Deterministic.
 */
public final class Modularity {

    private Modularity() {
    }

    /**
     * @param graph the graph
     * @param partition a partition of all its nodes
     * @param resolution gamma, finite and {@code > 0}
     * @return Q
     */
    public static double of(WeightedGraph graph, Partition partition, double resolution) {
        if (partition.size() != graph.nodeCount()) {
            throw new IllegalArgumentException("partition of " + partition.size() + " nodes for a graph of "
                    + graph.nodeCount());
        }
        if (!(resolution > 0) || Double.isInfinite(resolution)) {
            throw new IllegalArgumentException("resolution must be finite and > 0, got " + resolution);
        }
        double m = graph.totalWeight();
        if (m == 0) {
            return 0.0;
        }
        CommunitySums sums = CommunitySums.of(graph, partition);
        double q = 0;
        for (int c = 0; c < sums.internal().length; c++) {
            double share = sums.degree()[c] / (2 * m);
            q += sums.internal()[c] / m - resolution * share * share;
        }
        return q;
    }
}
