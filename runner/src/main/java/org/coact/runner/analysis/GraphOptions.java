package org.coact.runner.analysis;

import java.util.Objects;

/**
 * How the neuron graph is built (METHOD.md section 5).
 *
 * @param weighting the edge weight (option {@code weight}, default {@link EdgeWeighting#FREQUENCY})
 * @param minWeight edges with weight {@code < minWeight} are dropped (option {@code min_weight},
 *     default 0, i.e. keep every edge of positive weight)
 * @param topK keep only each node's {@code topK} heaviest edges; an edge survives if it is among
 *     the top k of either endpoint, ties broken by the lower index of the other node (option
 *     {@code top_k}, default 0 = off). Applied after {@code minWeight}.
 */
public record GraphOptions(EdgeWeighting weighting, double minWeight, int topK) {

    /** Validates. */
    public GraphOptions {
        Objects.requireNonNull(weighting, "weighting");
        if (!Double.isFinite(minWeight) || minWeight < 0) {
            throw new IllegalArgumentException("min_weight must be finite and >= 0, got " + minWeight);
        }
        if (topK < 0) {
            throw new IllegalArgumentException("top_k must be >= 0 (0 = off), got " + topK);
        }
    }

    /** @return frequency weights, no sparsification */
    public static GraphOptions defaults() {
        return new GraphOptions(EdgeWeighting.FREQUENCY, 0.0, 0);
    }
}
