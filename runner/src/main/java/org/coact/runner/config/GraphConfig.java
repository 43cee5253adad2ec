package org.coact.runner.config;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * The neuron graph's settings (METHOD.md 5).
 *
 * @param scope which pairs are counted: {@code adjacent}
 * @param weight edge weighting: {@code frequency}
 * @param minWeight edges lighter than this are dropped
 * @param topK keep each node's k heaviest edges; 0 keeps all
 */
@JsonPropertyOrder({"scope", "weight", "min_weight", "top_k"})
public record GraphConfig(
        @JsonProperty("scope") String scope,
        @JsonProperty("weight") String weight,
        @JsonProperty("min_weight") double minWeight,
        @JsonProperty("top_k") int topK) {
}
