package org.coact.api.format;

import java.util.Map;
import java.util.Objects;
import org.coact.api.FloatTensor;

/**
 * The result of running one batch.
 *
 * @param output the prediction output, batch axis first
 * @param activations layer name to that layer's output, batch axis first, for every requested
 *     layer
 */
public record BatchResult(FloatTensor output, Map<String, FloatTensor> activations) {

    /** Validates and copies. */
    public BatchResult {
        Objects.requireNonNull(output, "output");
        activations = Map.copyOf(Objects.requireNonNull(activations, "activations"));
    }
}
