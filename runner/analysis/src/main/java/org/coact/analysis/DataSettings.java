package org.coact.analysis;

import java.util.Objects;

/**
 * How the dataset is read (configuration section {@code data}).
 *
 * @param scale factor applied to integer inputs (e.g. 1/255 for uint8 images), finite and
 *     {@code > 0}
 * @param features the {@code .npz} array holding a single-input model's inputs
 * @param labels the {@code .npz} array holding the labels
 * @param nonFinite what NaN or infinite input values or activations do: warn (the default) or
 *     fail the run
 */
public record DataSettings(double scale, String features, String labels, NonFinite nonFinite) {

    /** What NaN or infinite values in the inputs or the activations do (METHOD.md 3). */
    public enum NonFinite {
        /** Count them, report the counts and warn: a NaN counts as inactive, +Inf as active. */
        WARN,
        /** Stop with a data error naming the data file or the layer and the count. */
        FAIL
    }

    /** Validates. */
    public DataSettings {
        if (!(scale > 0) || Double.isInfinite(scale)) {
            throw new IllegalArgumentException("scale: must be a finite number > 0, got " + scale);
        }
        if (Objects.requireNonNull(features, "features").isBlank() || Objects.requireNonNull(labels, "labels").isBlank()) {
            throw new IllegalArgumentException("features: array names must not be empty");
        }
        if (features.equals(labels)) {
            throw new IllegalArgumentException("labels: features and labels are both '" + features + "'");
        }
        if (nonFinite == null) {
            throw new IllegalArgumentException("non_finite: must be warn or fail");
        }
    }
}
