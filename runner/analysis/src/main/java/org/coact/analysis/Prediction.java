package org.coact.analysis;

import java.util.Locale;
import java.util.Objects;
import java.util.OptionalDouble;

/**
 * How the model output becomes a predicted class (METHOD.md 1), as configured under
 * {@code prediction:}.
 *
 * @param decode {@code auto}: one unit per sample is a binary head, {@code [N, K]} an argmax;
 *     {@code argmax}; {@code binary}; or {@code pooled}: an output {@code [N, ..., K]} (per step
 *     or per position) averaged over its middle axes, then the argmax
 * @param threshold for a binary head, the score above which the prediction is class 1:
 *     {@code auto} (0.5 when the output comes from a Sigmoid, else 0, a logit's cut) or a number
 */
public record Prediction(Decode decode, String threshold) {

    /** The decodings. */
    public enum Decode {
        /** Binary for one unit per sample, else argmax. */
        AUTO,
        /** The first maximum over the last axis of {@code [N, K]}. */
        ARGMAX,
        /** One score per sample; class 1 when above the threshold. */
        BINARY,
        /** {@code [N, ..., K]}: mean over the middle axes, then argmax. */
        POOLED
    }

    /** Validates. */
    public Prediction {
        Objects.requireNonNull(decode, "decode");
        threshold = threshold == null ? "auto" : threshold.strip();
        if (!threshold.equals("auto")) {
            double t;
            try {
                t = Double.parseDouble(threshold);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("threshold: must be auto or a number, got '" + threshold + "'");
            }
            if (!Double.isFinite(t)) {
                throw new IllegalArgumentException("threshold: must be a finite number, got " + threshold);
            }
        }
    }

    /** @return the configured binary threshold, empty for {@code auto} */
    public OptionalDouble cut() {
        return threshold.equals("auto") ? OptionalDouble.empty() : OptionalDouble.of(Double.parseDouble(threshold));
    }

    @Override
    public String toString() {
        return decode.name().toLowerCase(Locale.ROOT) + (decode == Decode.ARGMAX ? "" : ", threshold " + threshold);
    }
}
