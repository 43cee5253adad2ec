package org.coact.analysis.graph;

import java.util.Objects;
import org.coact.analysis.activity.Scope;

/**
 * How the neuron graph is built (METHOD.md sections 4 and 5; configuration section
 * {@code graph}).
 *
 * @param scope which pairs are counted and can become edges (key {@code scope})
 * @param weight how a count becomes an edge weight (key {@code weight})
 * @param minWeight edges with weight {@code < minWeight} are dropped (key {@code min_weight};
 *     0 keeps every edge of positive weight)
 * @param topK keep only each node's {@code topK} heaviest edges; an edge survives if it is among
 *     the top k of either endpoint, ties broken by the lower index of the other node (key
 *     {@code top_k}; 0 = off). Applied after {@code minWeight}.
 * @param perClass also build one graph per class from the class's counts, each with its own
 *     partition, quality and null model (key {@code per_class}; K times the pair memory)
 */
public record GraphSettings(Scope scope, EdgeWeighting weight, double minWeight, int topK, boolean perClass) {

    /** Without per-class graphs. */
    public GraphSettings(Scope scope, EdgeWeighting weight, double minWeight, int topK) {
        this(scope, weight, minWeight, topK, false);
    }

    /** Validates. */
    public GraphSettings {
        Objects.requireNonNull(scope, "scope");
        Objects.requireNonNull(weight, "weight");
        if (!Double.isFinite(minWeight) || minWeight < 0) {
            throw new IllegalArgumentException("min_weight: must be a finite number >= 0, got " + minWeight);
        }
        if (topK < 0) {
            throw new IllegalArgumentException("top_k: must be >= 0 (0 = off), got " + topK);
        }
    }
}
