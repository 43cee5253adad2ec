package org.coact.analysis.community;

import org.coact.api.community.Partition;
import org.coact.api.community.WeightedGraph;

/**
 * Per-community edge-weight sums of a partitioned graph, in O(E + N).
 *
 * @param internal L_c, the total weight of edges with both ends in community c
 * @param degree d_c, the total weighted degree of community c's nodes (= vol(c))
 * @param cut the total weight of edges with exactly one end in community c
 */
record CommunitySums(double[] internal, double[] degree, double[] cut) {

    static CommunitySums of(WeightedGraph graph, Partition partition) {
        int count = partition.count();
        double[] internal = new double[count];
        double[] degree = new double[count];
        double[] cut = new double[count];
        for (int e = 0; e < graph.edgeCount(); e++) {
            int a = partition.communityOf(graph.source(e));
            int b = partition.communityOf(graph.target(e));
            double w = graph.weight(e);
            degree[a] += w;
            degree[b] += w;
            if (a == b) {
                internal[a] += w;
            } else {
                cut[a] += w;
                cut[b] += w;
            }
        }
        return new CommunitySums(internal, degree, cut);
    }
}
