package org.coact.runner.output.html;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.coact.analysis.graph.NeuronGraph;
import org.coact.api.community.WeightedGraph;
import org.coact.runner.output.json.Report;

/**
 * The community-level views of an analysis: the graph whose nodes are communities (size = its
 * neurons, edge width = the co-activation weight between two communities) and the table of the
 * largest communities (size, layers spanned, top preferred classes, top neurons by mutual
 * information). Singletons are left out of both (dead neurons, mostly) and counted.
 */
final class CommunityViews {

    /** Communities drawn and listed: beyond a few dozen the picture is a hairball again. */
    static final int MAX_COMMUNITIES = 40;

    private CommunityViews() {
    }

    /**
     * @param community community id
     * @param size its neurons
     * @param internalWeight the weight of its own edges
     * @param layers its neurons per layer, in layer order, layers without any left out
     * @param topClasses its most frequent preferred classes, up to three, with counts
     * @param unaligned its neurons without a preferred class
     * @param topNeurons its neurons of highest mutual information with the label, up to three
     */
    @JsonPropertyOrder({"community", "size", "internalWeight", "layers", "topClasses", "unaligned", "topNeurons"})
    record Row(int community, int size, double internalWeight, Map<String, Integer> layers, Map<Integer, Integer> topClasses,
            int unaligned, List<TopNeuron> topNeurons) {
    }

    /**
     * @param id neuron id
     * @param mutualInformationBits I(A_j; Y)
     * @param preferredClass its preferred class, or null
     */
    @JsonPropertyOrder({"id", "mutualInformationBits", "preferredClass"})
    record TopNeuron(String id, double mutualInformationBits, Integer preferredClass) {
    }

    /**
     * @param source a community id
     * @param target another
     * @param weight the weight of the edges between them
     */
    @JsonPropertyOrder({"source", "target", "weight"})
    record Link(int source, int target, double weight) {
    }

    /**
     * @param rows the largest communities of two or more neurons, largest first (ties by id)
     * @param links the weight between every two listed communities that share an edge
     * @param communities communities of two or more neurons in all
     * @param singletons one-neuron communities, left out
     * @param totalWeight m
     */
    @JsonPropertyOrder({"rows", "links", "communities", "singletons", "totalWeight"})
    record View(List<Row> rows, List<Link> links, int communities, int singletons, double totalWeight) {
    }

    /**
     * @param report the analysis (neurons and membership)
     * @param graph its neuron graph, node ids the report's neuron ids
     * @return the view
     */
    static View of(Report report, NeuronGraph graph) {
        Map<String, Integer> membership = report.communities().membership();
        Map<Integer, List<Report.NeuronFigures>> byCommunity = new TreeMap<>();
        for (Report.NeuronFigures n : report.neurons()) {
            byCommunity.computeIfAbsent(membership.get(n.id()), c -> new ArrayList<>()).add(n);
        }
        List<Integer> order = byCommunity.keySet().stream().filter(c -> byCommunity.get(c).size() > 1)
                .sorted(Comparator.comparingInt((Integer c) -> -byCommunity.get(c).size()).thenComparing(c -> c))
                .toList();
        int singletons = byCommunity.size() - order.size();
        List<Integer> shown = order.subList(0, Math.min(MAX_COMMUNITIES, order.size()));
        WeightedGraph g = graph.graph();
        int[] community = new int[g.nodeCount()];
        for (int v = 0; v < community.length; v++) {
            community[v] = membership.get(graph.nodeIds().get(v));
        }
        Map<Integer, Double> internal = new HashMap<>();
        Map<Long, Double> between = new TreeMap<>();
        for (int e = 0; e < g.edgeCount(); e++) {
            int a = community[g.source(e)];
            int b = community[g.target(e)];
            if (a == b) {
                internal.merge(a, g.weight(e), Double::sum);
            } else if (shown.contains(a) && shown.contains(b)) {
                between.merge(((long) Math.min(a, b) << 32) | Math.max(a, b), g.weight(e), Double::sum);
            }
        }
        List<Row> rows = new ArrayList<>();
        for (int c : shown) {
            rows.add(row(c, byCommunity.get(c), internal.getOrDefault(c, 0.0), report));
        }
        List<Link> links = new ArrayList<>();
        between.forEach((key, w) -> links.add(new Link((int) (key >>> 32), (int) (long) key, w)));
        return new View(rows, links, order.size(), singletons, g.totalWeight());
    }

    private static Row row(int c, List<Report.NeuronFigures> neurons, double internal, Report report) {
        Map<String, Integer> layers = new LinkedHashMap<>();
        for (Report.LayerFigures l : report.layers()) {
            int k = (int) neurons.stream().filter(n -> n.layer().equals(l.name())).count();
            if (k > 0) {
                layers.put(l.name(), k);
            }
        }
        Map<Integer, Integer> classes = new TreeMap<>();
        int unaligned = 0;
        for (Report.NeuronFigures n : neurons) {
            if (n.preferredClass() == null) {
                unaligned++;
            } else {
                classes.merge(n.preferredClass(), 1, Integer::sum);
            }
        }
        Map<Integer, Integer> top = new LinkedHashMap<>();
        classes.entrySet().stream()
                .sorted(Comparator.comparingInt((Map.Entry<Integer, Integer> e) -> -e.getValue())
                        .thenComparing(Map.Entry::getKey))
                .limit(3).forEach(e -> top.put(e.getKey(), e.getValue()));
        List<TopNeuron> best = neurons.stream()
                .sorted(Comparator.comparingDouble((Report.NeuronFigures n) -> -n.mutualInformationBits())
                        .thenComparing(Report.NeuronFigures::id))
                .limit(3).map(n -> new TopNeuron(n.id(), n.mutualInformationBits(), n.preferredClass())).toList();
        return new Row(c, neurons.size(), internal, layers, top, unaligned, best);
    }
}
