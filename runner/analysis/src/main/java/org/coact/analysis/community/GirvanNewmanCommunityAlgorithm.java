package org.coact.analysis.community;

import java.util.EnumSet;
import java.util.Set;
import org.coact.api.ConfigException;
import org.coact.api.community.AlgorithmCapability;
import org.coact.api.community.AlgorithmParameters;
import org.coact.api.community.DetectionProgress;
import org.coact.api.community.Partition;
import org.coact.api.community.WeightedGraph;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import org.jgrapht.Graph;
import org.jgrapht.alg.connectivity.ConnectivityInspector;
import org.jgrapht.alg.scoring.EdgeBetweennessCentrality;
import org.jgrapht.graph.AsSubgraph;
import org.jgrapht.graph.DefaultWeightedEdge;
import org.pf4j.Extension;

/**
 * Girvan-Newman divisive clustering (Girvan and Newman, PNAS 99, 7821, 2002): while the graph
 * has fewer than {@code communities} connected components besides its isolated nodes, remove
 * the edge of highest betweenness; the components are the communities. Nodes isolated in the
 * input (dead neurons, for one) stay singletons and are not counted in {@code communities}, so
 * the default of 2 splits the connected neurons in two however many neurons are dead; a graph
 * that already has enough components is returned as its components.
 *
 * <p>Betweenness is JGraphT 1.5.3's {@link EdgeBetweennessCentrality} (Brandes' algorithm) on
 * the weighted graph, with the distance 1 / weight, so strongly co-active neurons are close;
 * after a removal only the component that held the edge is recomputed. The loop is written
 * here rather than taken from JGraphT's {@code GirvanNewmanClustering}, which copies the graph
 * without its weights (every edge of length 1), never returns when the graph starts with more
 * components than asked for, and breaks ties between equal betweenness by hash order. Here ties
 * go to the first edge in the graph's order (by source, then target).
 *
 * <p>Cost O(E * N * (E + N log N)) in the worst case: for small graphs only, so graphs above
 * {@value #MAX_EDGES} edges are refused (sparsify with {@code graph.top_k} or
 * {@code graph.min_weight}, or use louvain or leiden). Option {@code communities} (default 2).
 * Deterministic; the seed is not used.
 */
@Extension
public final class GirvanNewmanCommunityAlgorithm extends JGraphTAlgorithm {

    /** The algorithm id. */
    public static final String ID = "girvan-newman";
    static final String COMMUNITIES = "communities";
    static final int MAX_EDGES = 3000;

    /** Stateless; one instance serves every graph. */
    public GirvanNewmanCommunityAlgorithm() {
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String description() {
        return "Girvan-Newman edge betweenness (Girvan & Newman, PNAS 2002), JGraphT 1.5.3; small graphs only";
    }

    @Override
    public Set<AlgorithmCapability> capabilities() {
        return EnumSet.of(AlgorithmCapability.WEIGHTED, AlgorithmCapability.SMALL_GRAPHS_ONLY);
    }

    @Override
    public Set<String> optionKeys() {
        return Set.of(COMMUNITIES);
    }

    @Override
    public Partition detect(WeightedGraph graph, AlgorithmParameters parameters) throws ConfigException {
        return detect(graph, parameters, DetectionProgress.NONE);
    }

    /** Reports one step per removed edge, out of the edges there are (an upper bound). */
    @Override
    public Partition detect(WeightedGraph graph, AlgorithmParameters parameters, DetectionProgress progress)
            throws ConfigException {
        int k = parameters.intOption(COMMUNITIES, 2);
        int[] degree = new int[graph.nodeCount()];
        for (int e = 0; e < graph.edgeCount(); e++) {
            degree[graph.source(e)]++;
            degree[graph.target(e)]++;
        }
        int isolated = (int) java.util.Arrays.stream(degree).filter(d -> d == 0).count();
        int connected = graph.nodeCount() - isolated;
        if (k < 1 || (connected > 0 && k > connected)) {
            throw new ConfigException("option '" + COMMUNITIES + "' of " + ID + " must be in 1.." + Math.max(1, connected)
                    + " (the neurons with an edge), got " + k);
        }
        if (graph.edgeCount() > MAX_EDGES) {
            throw new ConfigException(ID + " is O(E^2 N) and the graph has " + graph.edgeCount() + " edges (limit "
                    + MAX_EDGES + "); sparsify it with graph.top_k or graph.min_weight, or use louvain or leiden");
        }
        Graph<Integer, DefaultWeightedEdge> g = toJGraphT(graph, w -> 1.0 / w);
        Map<DefaultWeightedEdge, Double> scores = new HashMap<>(betweenness(g, g.vertexSet()));
        List<Set<Integer>> components = new ConnectivityInspector<>(g).connectedSets();
        int wanted = Math.min(graph.nodeCount(), k + isolated);
        long removed = 0;
        while (components.size() < wanted) {
            DefaultWeightedEdge max = null;
            double best = Double.NEGATIVE_INFINITY;
            for (DefaultWeightedEdge e : g.edgeSet()) {
                double score = scores.get(e);
                if (score > best) {
                    best = score;
                    max = e;
                }
            }
            int source = g.getEdgeSource(max);
            int target = g.getEdgeTarget(max);
            g.removeEdge(max);
            progress.update(++removed, graph.edgeCount());
            scores.remove(max);
            ConnectivityInspector<Integer, DefaultWeightedEdge> inspector = new ConnectivityInspector<>(g);
            components = inspector.connectedSets();
            // only the removed edge's old component changed: rescore its one or two parts
            Set<Integer> touched = new HashSet<>(inspector.connectedSetOf(source));
            touched.addAll(inspector.connectedSetOf(target));
            scores.putAll(betweenness(g, touched));
        }
        int[] membership = new int[graph.nodeCount()];
        for (int c = 0; c < components.size(); c++) {
            for (int v : components.get(c)) {
                membership[v] = c;
            }
        }
        return new Partition(membership);
    }

    private static Map<DefaultWeightedEdge, Double> betweenness(Graph<Integer, DefaultWeightedEdge> g,
            Set<Integer> vertices) {
        Graph<Integer, DefaultWeightedEdge> part = vertices.size() == g.vertexSet().size() ? g
                : new AsSubgraph<>(g, vertices);
        return new EdgeBetweennessCentrality<>(part).getScores();
    }
}
