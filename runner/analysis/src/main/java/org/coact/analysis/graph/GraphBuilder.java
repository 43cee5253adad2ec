package org.coact.analysis.graph;

import org.coact.analysis.activity.Counts;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import org.coact.api.community.WeightedGraph;

/**
 * Builds the neuron graph of METHOD.md section 5 from {@link CoactivationStats}: nodes are all
 * selected neurons in layer order; edge j-k for every pair in scope with {@code C_jk > 0} whose
 * weight is positive, at least {@link GraphSettings#minWeight()}, and (when
 * {@link GraphSettings#topK()} {@code > 0}) among the {@code k} heaviest edges of j or of k.
 * Edges come out sorted by source, then target. Cost O(pairs in scope + E log E) (two passes
 * over the pairs: the first counts the edges, so that the list is allocated once);
 * deterministic.
 *
 * @param options weighting and sparsification
 */
public record GraphBuilder(GraphSettings options) {

    /** Validates. */
    public GraphBuilder {
        Objects.requireNonNull(options, "options");
    }

    /**
     * @param stats counts over at least one sample (the dataset's, a class's, or a null model's)
     * @return the graph with node ids
     */
    public NeuronGraph build(Counts stats) {
        return build(stats, countEdges(stats));
    }

    /**
     * @param stats counts over at least one sample
     * @param count {@link #countEdges} of these counts, when the caller has it already
     * @return the graph with node ids
     */
    public NeuronGraph build(Counts stats, long count) {
        if (stats.samples() == 0) {
            throw new IllegalArgumentException("the graph needs at least one sample; the statistics are empty");
        }
        if (count > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("the graph would have " + count + " edges, more than an array holds");
        }
        EdgeList edges = new EdgeList((int) count);
        long n = stats.samples();
        stats.forEachPair((j, k, c) -> {
            if (c > 0) {
                double w = options.weight().weight(c, stats.active(j), stats.active(k), n);
                if (w > 0 && w >= options.minWeight()) {
                    edges.add(j, k, w);
                }
            }
        });
        int nodes = stats.neuronCount();
        boolean[] keep = options.topK() > 0 ? topK(edges, nodes, options.topK()) : null;
        List<String> ids = new ArrayList<>(nodes);
        for (int j = 0; j < nodes; j++) {
            ids.add(stats.neuronId(j));
        }
        return new NeuronGraph(ids, edges.toGraph(nodes, keep));
    }

    /**
     * The edges {@link #build} keeps before graph.top_k: pairs with a positive count whose
     * weight is positive and at least graph.min_weight. One pass over the pairs, nothing stored.
     *
     * @param stats the counts
     * @return the edge count
     */
    public long countEdges(Counts stats) {
        long[] edges = {0};
        long n = stats.samples();
        stats.forEachPair((j, k, c) -> {
            if (c > 0) {
                double w = options.weight().weight(c, stats.active(j), stats.active(k), n);
                if (w > 0 && w >= options.minWeight()) {
                    edges[0]++;
                }
            }
        });
        return edges[0];
    }

    /** Marks the edges that are among the k heaviest of either endpoint. */
    static boolean[] topK(EdgeList edges, int nodes, int k) {
        int[] degree = new int[nodes];
        for (int e = 0; e < edges.size; e++) {
            degree[edges.sources[e]]++;
            degree[edges.targets[e]]++;
        }
        Integer[][] incident = new Integer[nodes][];
        for (int v = 0; v < nodes; v++) {
            incident[v] = new Integer[degree[v]];
        }
        int[] fill = new int[nodes];
        for (int e = 0; e < edges.size; e++) {
            incident[edges.sources[e]][fill[edges.sources[e]]++] = e;
            incident[edges.targets[e]][fill[edges.targets[e]]++] = e;
        }
        boolean[] keep = new boolean[edges.size];
        for (int v = 0; v < nodes; v++) {
            int node = v;
            Arrays.sort(incident[v], (a, b) -> {
                int byWeight = Double.compare(edges.weights[b], edges.weights[a]);
                return byWeight != 0 ? byWeight : Integer.compare(edges.other(a, node), edges.other(b, node));
            });
            for (int r = 0; r < Math.min(k, incident[v].length); r++) {
                keep[incident[v][r]] = true;
            }
        }
        return keep;
    }

    /** A growable edge list. */
    static final class EdgeList {
        int size;
        int[] sources;
        int[] targets;
        double[] weights;

        EdgeList() {
            this(16);
        }

        /** @param capacity the edges to come (counted first, so that the list never grows) */
        EdgeList(int capacity) {
            sources = new int[Math.max(1, capacity)];
            targets = new int[sources.length];
            weights = new double[sources.length];
        }

        void add(int source, int target, double weight) {
            if (size == sources.length) {
                sources = Arrays.copyOf(sources, size * 2);
                targets = Arrays.copyOf(targets, size * 2);
                weights = Arrays.copyOf(weights, size * 2);
            }
            sources[size] = source;
            targets[size] = target;
            weights[size] = weight;
            size++;
        }

        int other(int edge, int node) {
            return sources[edge] == node ? targets[edge] : sources[edge];
        }

        WeightedGraph toGraph(int nodes, boolean[] keep) {
            if (keep == null && size == sources.length) {
                return new WeightedGraph(nodes, sources, targets, weights); // copied there, once
            }
            int kept = 0;
            int[] s = new int[size];
            int[] t = new int[size];
            double[] w = new double[size];
            for (int e = 0; e < size; e++) {
                if (keep == null || keep[e]) {
                    s[kept] = sources[e];
                    t[kept] = targets[e];
                    w[kept] = weights[e];
                    kept++;
                }
            }
            return new WeightedGraph(nodes, Arrays.copyOf(s, kept), Arrays.copyOf(t, kept), Arrays.copyOf(w, kept));
        }
    }
}
