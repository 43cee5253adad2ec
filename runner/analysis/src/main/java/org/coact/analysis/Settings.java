package org.coact.analysis;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.Objects;
import org.coact.analysis.activity.Reduction;
import org.coact.analysis.activity.Threshold;
import org.coact.analysis.community.CommunitySettings;
import org.coact.analysis.graph.GraphSettings;

/**
 * Everything that decides an analysis' figures, as every report records it. The defaults are in
 * one place only, the distribution's {@code conf/coact.yaml} (also built into the runner);
 * docs/METHOD.md section 11 lists every key.
 *
 * @param layers {@code auto}, or layer names and globs (METHOD.md 1)
 * @param threshold when a neuron is active (METHOD.md 3)
 * @param reduce how rank-3/4 outputs become one value per neuron (METHOD.md 2)
 * @param activeFraction with {@code reduce: fraction} and a fixed threshold, a channel is active
 *     when more than this fraction of its positions are (METHOD.md 3); in {@code [0, 1)}. With a
 *     quantile threshold each channel's own quantile of its active share is used instead.
 * @param graph the neuron graph (METHOD.md 4, 5)
 * @param community community detection (METHOD.md 6)
 * @param batchSize samples per forward pass, or {@code auto}; speed and memory only
 * @param data how the dataset is read
 * @param output the model output used for predictions; empty for the first
 * @param prediction how that output becomes a predicted class (METHOD.md 1)
 * @param inputs model inputs set in the config rather than read from the data, by input name
 * @param outputs what the files hold (never the figures)
 */
public record Settings(List<String> layers, Threshold threshold, Reduction reduce, double activeFraction,
        GraphSettings graph, CommunitySettings community, BatchSize batchSize, DataSettings data, String output,
        Prediction prediction, Map<String, ConstantInput> inputs, OutputSettings outputs) {

    /** Validates and copies. */
    public Settings {
        layers = List.copyOf(Objects.requireNonNull(layers, "layers"));
        if (layers.isEmpty() || layers.stream().anyMatch(String::isBlank)) {
            throw new IllegalArgumentException("layers: must list 'auto' or layer names/globs");
        }
        Objects.requireNonNull(threshold, "threshold");
        Objects.requireNonNull(reduce, "reduce");
        if (!(activeFraction >= 0 && activeFraction < 1)) {
            throw new IllegalArgumentException("active_fraction: must be in [0, 1), got " + activeFraction);
        }
        Objects.requireNonNull(graph, "graph");
        Objects.requireNonNull(community, "community");
        Objects.requireNonNull(data, "data");
        Objects.requireNonNull(batchSize, "batchSize");
        output = output == null ? "" : output;
        Objects.requireNonNull(prediction, "prediction");
        inputs = inputs == null ? Map.of() : Collections.unmodifiableMap(new TreeMap<>(inputs));
        Objects.requireNonNull(outputs, "outputs");
    }

    /**
     * @param size the batch size
     * @return these settings with that batch size (what a shard task elsewhere gets once the run
     *     has resolved {@code auto})
     */
    public Settings withBatchSize(BatchSize size) {
        return new Settings(layers, threshold, reduce, activeFraction, graph, community, size, data, output,
                prediction, inputs, outputs);
    }
}
