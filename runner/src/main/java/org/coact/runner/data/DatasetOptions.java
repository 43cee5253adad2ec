package org.coact.runner.data;

import java.util.Objects;

/**
 * How to read a dataset.
 *
 * @param scale factor applied to integer-typed feature arrays (uint8, int16...), e.g.
 *     {@code 1/255f} for raw pixels; float arrays are never scaled. Finite and non-zero.
 * @param featuresKey the array fed to a single-input model when present, and the name a
 *     plain .npy data file is given; default {@code "x"}
 * @param labelsKey the array of an .npz holding the labels; default {@code "y"}
 */
public record DatasetOptions(float scale, String featuresKey, String labelsKey) {

    /** Validates. */
    public DatasetOptions {
        if (!Float.isFinite(scale) || scale == 0f) {
            throw new IllegalArgumentException("scale must be finite and non-zero: " + scale);
        }
        if (Objects.requireNonNull(featuresKey, "featuresKey").isBlank()
                || Objects.requireNonNull(labelsKey, "labelsKey").isBlank()) {
            throw new IllegalArgumentException("array keys must not be blank");
        }
        if (featuresKey.equals(labelsKey)) {
            throw new IllegalArgumentException("featuresKey and labelsKey are both '" + featuresKey + "'");
        }
    }

    /** @return scale 1, features {@code x}, labels {@code y} */
    public static DatasetOptions defaults() {
        return new DatasetOptions(1f, "x", "y");
    }

    /**
     * @param newScale the factor for integer feature arrays
     * @return a copy with that scale
     */
    public DatasetOptions withScale(float newScale) {
        return new DatasetOptions(newScale, featuresKey, labelsKey);
    }
}
