package org.coact.analysis;

/**
 * What the output files hold, beyond the figures (which these settings never change).
 *
 * @param graphEdges {@code graph.graphml} and {@code graph.gexf} hold at most this many edges,
 *     the heaviest; 0 for every edge. Past a few hundred thousand edges Gephi and networkx
 *     slow down and the files dominate a run's time (16.7M edges are gigabytes of XML).
 */
public record OutputSettings(int graphEdges) {

    /** Validates. */
    public OutputSettings {
        if (graphEdges < 0) {
            throw new IllegalArgumentException("graph_edges: must be >= 0 (0 = every edge), got " + graphEdges);
        }
    }
}
