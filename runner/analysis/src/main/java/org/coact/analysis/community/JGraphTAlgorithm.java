package org.coact.analysis.community;

import org.coact.analysis.graph.JGraphTGraphs;

import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.DoubleUnaryOperator;
import org.coact.api.ConfigException;
import org.coact.api.community.AlgorithmParameters;
import org.coact.api.community.CommunityAlgorithm;
import org.coact.api.community.Partition;
import org.coact.api.community.WeightedGraph;
import org.jgrapht.Graph;
import org.jgrapht.alg.interfaces.ClusteringAlgorithm;
import org.jgrapht.graph.DefaultWeightedEdge;

/** Common ground of the community algorithms that JGraphT implements. */
abstract class JGraphTAlgorithm implements CommunityAlgorithm {

    /** @return the neuron graph for JGraphT, with edge weights mapped by {@code weight} */
    static Graph<Integer, DefaultWeightedEdge> toJGraphT(WeightedGraph graph, DoubleUnaryOperator weight) {
        return JGraphTGraphs.of(graph, weight);
    }

    /** @return the partition of JGraphT's clusters (every vertex is in exactly one) */
    static Partition partition(int nodes, ClusteringAlgorithm.Clustering<Integer> clustering) {
        int[] membership = new int[nodes];
        List<Set<Integer>> clusters = clustering.getClusters();
        for (int c = 0; c < clusters.size(); c++) {
            for (int v : clusters.get(c)) {
                membership[v] = c;
            }
        }
        return new Partition(membership);
    }
}
