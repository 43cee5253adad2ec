package org.coact.analysis.graph;

import java.util.List;
import java.util.Objects;
import org.coact.api.community.WeightedGraph;

/**
 * The neuron graph of METHOD.md section 5: node {@code i} is the neuron with global index
 * {@code i} (layer order), named {@code nodeIds.get(i)}.
 *
 * @param nodeIds neuron ids {@code <layer>:<index>}, one per node
 * @param graph the weighted undirected graph
 */
public record NeuronGraph(List<String> nodeIds, WeightedGraph graph) {

    /** Validates and copies. */
    public NeuronGraph {
        nodeIds = List.copyOf(nodeIds);
        Objects.requireNonNull(graph, "graph");
        if (nodeIds.size() != graph.nodeCount()) {
            throw new IllegalArgumentException(nodeIds.size() + " node ids for " + graph.nodeCount() + " nodes");
        }
    }
}
