package org.coact.analysis.graph;

import java.util.function.DoubleUnaryOperator;
import org.coact.api.community.WeightedGraph;
import org.jgrapht.Graph;
import org.jgrapht.graph.DefaultWeightedEdge;
import org.jgrapht.graph.SimpleWeightedGraph;

/** Converts the neuron graph to JGraphT, for its algorithms and its exporters. */
public final class JGraphTGraphs {

    private JGraphTGraphs() {
    }

    /**
     * @param graph the neuron graph
     * @param weight maps a co-activation weight to the JGraphT edge weight (identity, or e.g. a
     *     distance 1 / w)
     * @return a simple weighted graph on vertices {@code 0..n-1}, edges in the graph's order
     */
    public static Graph<Integer, DefaultWeightedEdge> of(WeightedGraph graph, DoubleUnaryOperator weight) {
        SimpleWeightedGraph<Integer, DefaultWeightedEdge> g = new SimpleWeightedGraph<>(DefaultWeightedEdge.class);
        for (int v = 0; v < graph.nodeCount(); v++) {
            g.addVertex(v);
        }
        for (int e = 0; e < graph.edgeCount(); e++) {
            g.setEdgeWeight(g.addEdge(graph.source(e), graph.target(e)), weight.applyAsDouble(graph.weight(e)));
        }
        return g;
    }
}
