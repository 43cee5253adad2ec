package org.coact.runner.analysis;

import java.util.EnumSet;
import java.util.Set;
import org.coact.api.ConfigException;
import org.coact.api.community.AlgorithmCapability;
import org.coact.api.community.AlgorithmParameters;
import org.coact.api.community.Partition;
import org.coact.api.community.WeightedGraph;
import org.jgrapht.alg.clustering.GirvanNewmanClustering;
import org.pf4j.Extension;

/**
 * Girvan-Newman divisive clustering (Girvan and Newman, PNAS 99, 7821, 2002), as JGraphT 1.5.3
 * implements it: remove the edge of highest betweenness until {@code communities} components
 * remain. Shortest paths use the distance 1 / weight, so strongly co-active neurons are close.
 * O(E^2 N): for small graphs only, so graphs above {@value #MAX_EDGES} edges are refused
 * (sparsify with {@code graph.top_k} or {@code graph.min_weight}). Option {@code communities}
 * (default 2). Deterministic; the seed is not used.
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
        checkOptionKeys(parameters);
        int k = parameters.intOption(COMMUNITIES, 2);
        if (k < 1 || k > graph.nodeCount()) {
            throw new ConfigException("option '" + COMMUNITIES + "' of " + ID + " must be in 1.." + graph.nodeCount()
                    + ", got " + k);
        }
        if (graph.edgeCount() > MAX_EDGES) {
            throw new ConfigException(ID + " is O(E^2 N) and the graph has " + graph.edgeCount() + " edges (limit "
                    + MAX_EDGES + "); sparsify it with graph.top_k or graph.min_weight, or use louvain or leiden");
        }
        var clustering = new GirvanNewmanClustering<>(toJGraphT(graph, w -> 1.0 / w), k).getClustering();
        return partition(graph.nodeCount(), clustering);
    }
}
