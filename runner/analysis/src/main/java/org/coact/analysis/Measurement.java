package org.coact.analysis;

import java.util.List;
import java.util.Objects;
import org.coact.analysis.activity.CoactivationStats;
import org.coact.analysis.activity.Taus;
import org.coact.api.format.LayerInfo;

/**
 * What streaming the dataset through the model produced (METHOD.md 1-4): the additive counts
 * and the thresholds they used, with what they were measured on. {@link Analyzer} builds every
 * other figure from this.
 *
 * @param provenance the model, the data and the tool
 * @param settings the settings that ran
 * @param layers the selected layers, in forward order
 * @param statistics the counts, frozen
 * @param taus each neuron's threshold
 * @param quantilePasses passes over the data spent on quantiles before counting (0 for a fixed threshold)
 * @param nonFiniteInputs how many input values fed to the model in the counting pass were NaN or
 *     infinite (as float32, so float64 values beyond its range count too)
 * @param batchSize samples per forward pass the passes used ({@code batch_size: auto} resolved;
 *     0 where unknown)
 */
public record Measurement(Provenance provenance, Settings settings, List<LayerInfo> layers,
        CoactivationStats statistics, Taus taus, int quantilePasses, long nonFiniteInputs, int batchSize) {

    /**
     * Batch size unknown.
     *
     * @param provenance the model, the data and the tool
     * @param settings the settings that ran
     * @param layers the selected layers, in forward order
     * @param statistics the counts
     * @param taus each neuron's threshold
     * @param quantilePasses passes spent on quantiles
     * @param nonFiniteInputs NaN or infinite input values fed in the counting pass
     */
    public Measurement(Provenance provenance, Settings settings, List<LayerInfo> layers, CoactivationStats statistics,
            Taus taus, int quantilePasses, long nonFiniteInputs) {
        this(provenance, settings, layers, statistics, taus, quantilePasses, nonFiniteInputs,
                settings.batchSize().samples());
    }

    /**
     * Without non-finite inputs.
     *
     * @param provenance the model, the data and the tool
     * @param settings the settings that ran
     * @param layers the selected layers, in forward order
     * @param statistics the counts
     * @param taus each neuron's threshold
     * @param quantilePasses passes spent on quantiles
     */
    public Measurement(Provenance provenance, Settings settings, List<LayerInfo> layers, CoactivationStats statistics,
            Taus taus, int quantilePasses) {
        this(provenance, settings, layers, statistics, taus, quantilePasses, 0);
    }

    /** Validates, copies, and freezes the statistics. */
    public Measurement {
        Objects.requireNonNull(provenance, "provenance");
        Objects.requireNonNull(settings, "settings");
        layers = List.copyOf(layers);
        Objects.requireNonNull(statistics, "statistics").freeze();
        Objects.requireNonNull(taus, "taus");
        if (batchSize < 0) {
            throw new IllegalArgumentException("batchSize must be >= 0, got " + batchSize);
        }
        if (nonFiniteInputs < 0) {
            throw new IllegalArgumentException("nonFiniteInputs must be >= 0, got " + nonFiniteInputs);
        }
        if (layers.size() != statistics.layers().size()) {
            throw new IllegalArgumentException(layers.size() + " layers but statistics over "
                    + statistics.layers().size());
        }
    }
}
