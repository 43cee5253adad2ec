package org.coact.runner.output.html;

import org.coact.runner.evolve.Evolution;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.coact.runner.output.json.EvolutionReport;
import org.coact.runner.output.json.Report;

/**
 * The derived data behind the charts, computed here rather than in the page's script so that
 * it is deterministic and testable. Pure functions of their inputs.
 */
final class ChartViews {

    /** Bin width of the entropy histogram, in bits (H_j of a binary variable is in [0, 1]). */
    static final double ENTROPY_BIN_BITS = 0.05;

    private ChartViews() {
    }

    /**
     * A community's size.
     *
     * @param community community id
     * @param size its neurons
     */
    @JsonPropertyOrder({"community", "size"})
    record CommunitySize(int community, int size) {
    }

    /**
     * Community x preferred-class counts.
     *
     * @param communities the rows: communities with two or more neurons, largest first (ties by id)
     * @param sizes each row community's size
     * @param classes number of columns K
     * @param counts {@code counts[row][class]}: neurons of the community preferring the class
     * @param withoutPreferredClass neurons of those communities with no preferred class (dead)
     */
    @JsonPropertyOrder({"communities", "sizes", "classes", "counts", "withoutPreferredClass"})
    record ClassHeatmap(List<Integer> communities, List<Integer> sizes, int classes, List<int[]> counts,
            int withoutPreferredClass) {
        ClassHeatmap {
            communities = List.copyOf(communities);
            sizes = List.copyOf(sizes);
            counts = counts.stream().map(int[]::clone).toList();
        }
    }

    /**
     * A histogram.
     *
     * @param binWidth width of a bin
     * @param lowerBounds each bin's lower bound; the last bin includes its upper bound
     * @param counts values per bin
     */
    @JsonPropertyOrder({"binWidth", "lowerBounds", "counts"})
    record Histogram(double binWidth, double[] lowerBounds, int[] counts) {
    }

    /**
     * Per-layer mean entropy across checkpoints.
     *
     * @param layers the rows: layer names in the order first seen
     * @param values {@code values[layer][checkpoint]}, null where a checkpoint lacks the layer
     */
    @JsonPropertyOrder({"layers", "values"})
    record LayerMatrix(List<String> layers, List<List<Double>> values) {
    }

    /**
     * Community flow across checkpoints.
     *
     * @param nodes one per community appearing in a flow, ordered by checkpoint then id
     * @param links one per flow, with the overlap as value
     */
    @JsonPropertyOrder({"nodes", "links"})
    record Sankey(List<SankeyNode> nodes, List<SankeyLink> links) {
    }

    /**
     * @param name unique name {@code e<epoch>:c<community>} (or {@code k<index>:c<community>})
     * @param depth column: the rank of its checkpoint among those drawn
     * @param checkpoint checkpoint index
     * @param community community id
     * @param lineage the community's line of descent: a continuation keeps its predecessor's
     *     lineage, any other community starts a new one (numbered in order of first appearance),
     *     so a colour follows one community through the series
     */
    @JsonPropertyOrder({"name", "depth", "checkpoint", "community", "lineage"})
    record SankeyNode(String name, int depth, int checkpoint, int community, int lineage) {
    }

    /**
     * @param source source node name
     * @param target target node name
     * @param value shared neurons
     * @param jaccard Jaccard overlap
     */
    @JsonPropertyOrder({"source", "target", "value", "jaccard"})
    record SankeyLink(String source, String target, int value, double jaccard) {
    }

    /** @return every community with its size, largest first, ties by id */
    static List<CommunitySize> communitySizes(Report report) {
        Map<Integer, Integer> sizes = new TreeMap<>();
        Map<String, Integer> membership = report.communities().membership();
        if (membership != null) {
            for (Integer community : membership.values()) {
                sizes.merge(community, 1, Integer::sum);
            }
        }
        List<CommunitySize> out = new ArrayList<>();
        sizes.forEach((community, size) -> out.add(new CommunitySize(community, size)));
        out.sort(Comparator.comparingInt(CommunitySize::size).reversed().thenComparingInt(CommunitySize::community));
        return out;
    }

    /** @return the community x preferred-class counts over communities of two or more neurons */
    static ClassHeatmap classHeatmap(Report report) {
        Map<String, Integer> membership = report.communities().membership();
        int classes = report.dataset() == null ? 0 : report.dataset().classes();
        for (Report.NeuronFigures n : report.neurons()) {
            if (n.preferredClass() != null) {
                classes = Math.max(classes, n.preferredClass() + 1);
            }
        }
        Map<Integer, Integer> row = new LinkedHashMap<>();
        List<Integer> communities = new ArrayList<>();
        List<Integer> sizes = new ArrayList<>();
        for (CommunitySize c : communitySizes(report)) {
            if (c.size() >= 2) {
                row.put(c.community(), communities.size());
                communities.add(c.community());
                sizes.add(c.size());
            }
        }
        int[][] counts = new int[communities.size()][classes];
        int withoutClass = 0;
        for (Report.NeuronFigures n : report.neurons()) {
            Integer community = membership == null ? null : membership.get(n.id());
            Integer r = community == null ? null : row.get(community);
            if (r == null) {
                continue;
            }
            if (n.preferredClass() == null) {
                withoutClass++;
            } else {
                counts[r][n.preferredClass()]++;
            }
        }
        return new ClassHeatmap(communities, sizes, classes, List.of(counts), withoutClass);
    }

    /** @return the histogram of neuron entropies, bins of {@value #ENTROPY_BIN_BITS} bits over [0, 1] */
    static Histogram entropyHistogram(Report report) {
        int bins = (int) Math.round(1 / ENTROPY_BIN_BITS);
        double[] lower = new double[bins];
        for (int b = 0; b < bins; b++) {
            lower[b] = Math.round(b * ENTROPY_BIN_BITS * 1e6) / 1e6;
        }
        int[] counts = new int[bins];
        for (Report.NeuronFigures n : report.neurons()) {
            int b = (int) Math.floor(n.entropyBits() / ENTROPY_BIN_BITS);
            counts[Math.max(0, Math.min(bins - 1, b))]++;
        }
        return new Histogram(ENTROPY_BIN_BITS, lower, counts);
    }

    /** @return each checkpoint's x-axis label: its epoch, or its label when any epoch is missing */
    static List<String> checkpointLabels(EvolutionReport evolution) {
        boolean epochs = allEpochs(evolution);
        return evolution.checkpoints().stream()
                .map(c -> epochs ? String.valueOf(c.epoch()) : c.label())
                .toList();
    }

    /** @return whether every checkpoint has an epoch number */
    static boolean allEpochs(EvolutionReport evolution) {
        return !evolution.checkpoints().isEmpty()
                && evolution.checkpoints().stream().allMatch(c -> c.epoch() != null);
    }

    /** @return per layer and checkpoint, the layer's mean entropy */
    static LayerMatrix layerEntropy(EvolutionReport evolution) {
        Map<String, List<Double>> rows = new LinkedHashMap<>();
        List<EvolutionReport.Checkpoint> checkpoints = evolution.checkpoints();
        for (int c = 0; c < checkpoints.size(); c++) {
            for (Report.LayerFigures layer : checkpoints.get(c).layers()) {
                List<Double> values = rows.computeIfAbsent(layer.name(), k -> {
                    List<Double> empty = new ArrayList<>();
                    for (int i = 0; i < checkpoints.size(); i++) {
                        empty.add(null);
                    }
                    return empty;
                });
                values.set(c, layer.meanEntropyBits());
            }
        }
        return new LayerMatrix(List.copyOf(rows.keySet()),
                rows.values().stream().map(v -> java.util.Collections.unmodifiableList(new ArrayList<>(v))).toList());
    }

    /** @return the flows of every non-empty transition as a Sankey diagram */
    static Sankey sankey(EvolutionReport evolution) {
        List<EvolutionReport.Checkpoint> checkpoints = evolution.checkpoints();
        boolean epochs = allEpochs(evolution)
                && checkpoints.stream().map(EvolutionReport.Checkpoint::epoch).distinct().count() == checkpoints.size();
        TreeMap<Integer, TreeMap<Integer, String>> names = new TreeMap<>();
        List<SankeyLink> links = new ArrayList<>();
        for (Evolution.Transition t : evolution.transitions() == null
                ? List.<Evolution.Transition>of() : evolution.transitions()) {
            if (t.flows() == null || t.flows().isEmpty() || t.to() <= t.from()) {
                continue; // nothing to draw, or not forward in time (a Sankey diagram must be acyclic)
            }
            for (Evolution.Flow f : t.flows()) {
                String source = names.computeIfAbsent(t.from(), k -> new TreeMap<>())
                        .computeIfAbsent(f.source(), id -> nodeName(checkpoints, epochs, t.from(), id));
                String target = names.computeIfAbsent(t.to(), k -> new TreeMap<>())
                        .computeIfAbsent(f.target(), id -> nodeName(checkpoints, epochs, t.to(), id));
                links.add(new SankeyLink(source, target, f.overlap(), f.jaccard()));
            }
        }
        Map<Long, Integer> lineage = lineages(evolution, names);
        List<SankeyNode> nodes = new ArrayList<>();
        int depth = 0;
        for (Map.Entry<Integer, TreeMap<Integer, String>> checkpoint : names.entrySet()) {
            for (Map.Entry<Integer, String> community : checkpoint.getValue().entrySet()) {
                nodes.add(new SankeyNode(community.getValue(), depth, checkpoint.getKey(), community.getKey(),
                        lineage.get(key(checkpoint.getKey(), community.getKey()))));
            }
            depth++;
        }
        return new Sankey(nodes, links);
    }

    private static long key(int checkpoint, int community) {
        return ((long) checkpoint << 32) | (community & 0xffffffffL);
    }

    /** Lineage of every drawn community, following continuations forward in series order. */
    private static Map<Long, Integer> lineages(EvolutionReport evolution, TreeMap<Integer, TreeMap<Integer, String>> names) {
        Map<Long, Integer> lineage = new HashMap<>();
        Map<Long, Long> continues = new HashMap<>();
        for (Evolution.Transition t : evolution.transitions() == null ? List.<Evolution.Transition>of()
                : evolution.transitions()) {
            for (Evolution.Event e : t.events() == null ? List.<Evolution.Event>of() : t.events()) {
                if (e.kind().equals("continuation")) {
                    continues.put(key(t.to(), e.to().get(0)), key(t.from(), e.from().get(0)));
                }
            }
        }
        int next = 0;
        for (Map.Entry<Integer, TreeMap<Integer, String>> checkpoint : names.entrySet()) {
            for (Integer community : checkpoint.getValue().keySet()) {
                long k = key(checkpoint.getKey(), community);
                Integer inherited = continues.containsKey(k) ? lineage.get(continues.get(k)) : null;
                lineage.put(k, inherited != null ? inherited : next++);
            }
        }
        return lineage;
    }

    private static String nodeName(List<EvolutionReport.Checkpoint> checkpoints, boolean epochs, int index,
            int community) {
        boolean known = index >= 0 && index < checkpoints.size();
        String prefix = epochs && known ? "e" + checkpoints.get(index).epoch() : "k" + index;
        return prefix + ":c" + community;
    }
}
