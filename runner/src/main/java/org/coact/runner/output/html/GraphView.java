package org.coact.runner.output.html;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.coact.api.community.WeightedGraph;
import org.coact.analysis.graph.NeuronGraph;
import org.coact.runner.output.json.Report;

/**
 * The neuron graph as drawn on a page: every node at a fixed position (x = layer index,
 * y = neuron index scaled to 0..1 within its layer) with its community, and the heaviest
 * {@code maxEdges} edges.
 *
 * @param layers layer names, in forward order (x positions)
 * @param nodes one per graph node, in node order
 * @param edges the edges drawn, in graph order
 * @param totalEdges the graph's edge count
 * @param maxWeight the heaviest edge's weight (0 without edges)
 */
@JsonPropertyOrder({"layers", "nodes", "edges", "totalEdges", "maxWeight"})
record GraphView(List<String> layers, List<Node> nodes, List<Edge> edges, int totalEdges, double maxWeight) {

    /** Edges kept on a page: beyond a few thousand lines a canvas is a grey smear and slow. */
    static final int MAX_EDGES = 3000;

    /** Copies. */
    GraphView {
        layers = List.copyOf(layers);
        nodes = List.copyOf(nodes);
        edges = List.copyOf(edges);
    }

    /**
     * @param id neuron id
     * @param layer layer index
     * @param index neuron index within the layer
     * @param y vertical position, {@code index / (layer size - 1)}, 0.5 for a one-neuron layer
     * @param community community id, -1 if the report has none for this neuron
     * @param preferredClass preferred class, null for a dead neuron
     * @param entropyBits H_j
     */
    @JsonPropertyOrder({"id", "layer", "index", "y", "community", "preferredClass", "entropyBits"})
    record Node(String id, int layer, int index, double y, int community, Integer preferredClass,
            double entropyBits) {
    }

    /**
     * @param source source node
     * @param target target node
     * @param weight edge weight
     */
    @JsonPropertyOrder({"source", "target", "weight"})
    record Edge(int source, int target, double weight) {
    }

    /**
     * Lays out a report's graph.
     *
     * @param report the analysis the graph belongs to (layers, neurons, membership)
     * @param neuronGraph the graph; node ids must be the report's neuron ids
     * @param maxEdges the most edges to keep; the heaviest win, ties by edge order
     * @return the view
     * @throws IllegalArgumentException if a node is not a neuron of the report
     */
    static GraphView of(Report report, NeuronGraph neuronGraph, int maxEdges) {
        Map<String, Integer> layerIndex = new HashMap<>();
        List<String> layerNames = new ArrayList<>();
        for (Report.LayerFigures layer : report.layers()) {
            layerIndex.putIfAbsent(layer.name(), layerNames.size());
            layerNames.add(layer.name());
        }
        Map<String, Report.NeuronFigures> neurons = new HashMap<>();
        Map<String, Integer> layerSizes = new HashMap<>();
        for (Report.NeuronFigures n : report.neurons()) {
            neurons.put(n.id(), n);
            layerSizes.merge(n.layer(), 1, Integer::sum);
        }
        Map<String, Integer> membership = report.communities().membership();
        List<Node> nodes = new ArrayList<>();
        for (String id : neuronGraph.nodeIds()) {
            Report.NeuronFigures n = neurons.get(id);
            if (n == null || !layerIndex.containsKey(n.layer())) {
                throw new IllegalArgumentException("graph node '" + id + "' is not a neuron of the report");
            }
            int size = layerSizes.get(n.layer());
            double y = size <= 1 ? 0.5 : (double) n.index() / (size - 1);
            Integer community = membership == null ? null : membership.get(id);
            nodes.add(new Node(id, layerIndex.get(n.layer()), n.index(), y, community == null ? -1 : community,
                    n.preferredClass(), n.entropyBits()));
        }
        WeightedGraph g = neuronGraph.graph();
        List<Edge> edges = new ArrayList<>();
        double maxWeight = 0;
        for (int e : heaviest(g, maxEdges)) {
            edges.add(new Edge(g.source(e), g.target(e), g.weight(e)));
            maxWeight = Math.max(maxWeight, g.weight(e));
        }
        return new GraphView(layerNames, nodes, edges, g.edgeCount(), maxWeight);
    }

    /** @return the indices of the {@code max} heaviest edges (ties: lower index), ascending */
    private static int[] heaviest(WeightedGraph g, int max) {
        int count = g.edgeCount();
        if (count <= max) {
            int[] all = new int[count];
            Arrays.setAll(all, e -> e);
            return all;
        }
        Integer[] order = new Integer[count];
        Arrays.setAll(order, e -> e);
        Arrays.sort(order, (a, b) -> {
            int byWeight = Double.compare(g.weight(b), g.weight(a));
            return byWeight != 0 ? byWeight : Integer.compare(a, b);
        });
        int[] kept = new int[max];
        for (int i = 0; i < max; i++) {
            kept[i] = order[i];
        }
        Arrays.sort(kept);
        return kept;
    }
}
