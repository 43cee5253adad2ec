package org.coact.analysis;

import java.util.Objects;

/**
 * How predictions were actually decoded in a run, as every report records it (METHOD.md 1).
 *
 * @param output the model output the predictions come from
 * @param kind {@code argmax}, {@code binary} or {@code pooled}
 * @param classes K
 * @param threshold for {@code binary}, the cut (class 1 when the score is above it); else null
 * @param reason why this decoding, in words (e.g. "one unit per sample, after a Sigmoid")
 */
public record Decoding(String output, String kind, int classes, Double threshold, String reason) {

    /** Validates. */
    public Decoding {
        Objects.requireNonNull(output, "output");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(reason, "reason");
        if (classes < 1) {
            throw new IllegalArgumentException("classes must be >= 1: " + classes);
        }
    }

    /** @return a short description for summaries: "argmax over 10 classes", "binary: score > 0.5" */
    public String describe() {
        return switch (kind) {
            case "binary" -> "binary, class 1 when " + output + " > " + threshold;
            case "pooled" -> "argmax of " + output + " averaged over its middle axes, " + classes + " classes";
            default -> "argmax over " + classes + " classes";
        };
    }
}
