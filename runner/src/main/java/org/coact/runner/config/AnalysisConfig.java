package org.coact.runner.config;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.List;
import org.coact.runner.analysis.Reduction;

/**
 * The effective analysis configuration, as recorded in every report. Keys and defaults are
 * documented in {@code src/conf/coact.yaml}.
 *
 * @param layers {@code auto}, or layer names and globs
 * @param threshold activation threshold: a fixed tau or {@code quantile q} (METHOD.md 3)
 * @param reduce how rank-3/4 outputs become one value per neuron
 * @param graph graph settings
 * @param community community settings
 * @param batchSize samples per forward pass
 * @param data dataset settings
 * @param output model output used for predictions; empty for the first
 */
@JsonPropertyOrder({"layers", "threshold", "reduce", "graph", "community", "batch_size", "data", "output"})
public record AnalysisConfig(
        @JsonProperty("layers") List<String> layers,
        @JsonProperty("threshold") ThresholdSetting threshold,
        @JsonProperty("reduce") Reduction reduce,
        @JsonProperty("graph") GraphConfig graph,
        @JsonProperty("community") CommunityConfig community,
        @JsonProperty("batch_size") int batchSize,
        @JsonProperty("data") DataConfig data,
        @JsonProperty("output") String output) {

    /** Copies the layer list. */
    public AnalysisConfig {
        layers = layers == null ? List.of() : List.copyOf(layers);
        output = output == null ? "" : output;
    }
}
