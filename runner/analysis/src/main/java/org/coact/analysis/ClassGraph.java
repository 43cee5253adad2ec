package org.coact.analysis;

import java.util.Objects;
import org.coact.analysis.graph.NeuronGraph;

/**
 * One class's own neuron graph (setting {@code graph.per_class}): built from that class's
 * counts ({@code n_c}, {@code c_jc}, {@code C_jkc}) with the same weighting, partitioned by the
 * same algorithm and seed, with its own quality and null model.
 *
 * @param classIndex the class
 * @param samples n_c
 * @param graph the class's graph
 * @param communities its partition and quality (class alignment is not measured within a class)
 */
public record ClassGraph(int classIndex, long samples, NeuronGraph graph, CommunityResult communities) {

    /** Validates. */
    public ClassGraph {
        Objects.requireNonNull(graph, "graph");
        Objects.requireNonNull(communities, "communities");
    }
}
