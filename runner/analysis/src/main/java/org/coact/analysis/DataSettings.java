package org.coact.analysis;

import java.util.Objects;

/**
 * How the dataset is read (configuration section {@code data}).
 *
 * @param scale factor applied to integer inputs (e.g. 1/255 for uint8 images), finite and
 *     {@code > 0}
 * @param features the {@code .npz} array holding a single-input model's inputs
 * @param labels the {@code .npz} array holding the labels
 */
public record DataSettings(double scale, String features, String labels) {

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
    }
}
