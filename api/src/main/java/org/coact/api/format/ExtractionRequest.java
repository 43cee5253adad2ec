package org.coact.api.format;

import java.util.List;
import java.util.Objects;

/**
 * What to extract on every batch.
 *
 * @param layers names of the layers whose outputs are wanted, as listed in
 *     {@link ModelDescription#layers()}
 * @param output name of the model output used as the prediction (argmax over its last axis)
 */
public record ExtractionRequest(List<String> layers, String output) {

    /** Validates and copies. */
    public ExtractionRequest {
        layers = List.copyOf(Objects.requireNonNull(layers, "layers"));
        Objects.requireNonNull(output, "output");
    }
}
