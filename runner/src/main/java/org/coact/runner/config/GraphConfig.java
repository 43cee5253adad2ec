package org.coact.runner.config;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import org.coact.runner.analysis.EdgeWeighting;
import org.coact.runner.analysis.Scope;

/**
 * The neuron graph's settings (METHOD.md 5).
 *
 * @param scope which pairs are counted
 * @param weight edge weighting
 * @param minWeight edges lighter than this are dropped
 * @param topK keep each node's k heaviest edges; 0 keeps all
 */
@JsonPropertyOrder({"scope", "weight", "min_weight", "top_k"})
public record GraphConfig(
        @JsonProperty("scope") Scope scope,
        @JsonProperty("weight") EdgeWeighting weight,
        @JsonProperty("min_weight") double minWeight,
        @JsonProperty("top_k") int topK) {
}
