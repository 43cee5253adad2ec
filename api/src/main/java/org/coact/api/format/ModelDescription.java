package org.coact.api.format;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What a plugin found in a model: its inputs, outputs and extractable layers.
 *
 * @param inputs the model inputs, fed by name
 * @param outputs the model outputs; the first is the prediction unless the user says otherwise
 * @param layers extractable layers in forward (topological) order
 */
public record ModelDescription(List<TensorSpec> inputs, List<TensorSpec> outputs, List<LayerInfo> layers) {

    /** Validates and copies. */
    public ModelDescription {
        inputs = List.copyOf(Objects.requireNonNull(inputs, "inputs"));
        outputs = List.copyOf(Objects.requireNonNull(outputs, "outputs"));
        layers = List.copyOf(Objects.requireNonNull(layers, "layers"));
    }

    /**
     * @param name a layer name
     * @return the layer with that exact name
     */
    public Optional<LayerInfo> layer(String name) {
        return layers.stream().filter(l -> l.name().equals(name)).findFirst();
    }
}
