package org.coact.analysis.activity;

import java.util.Objects;

/**
 * A selected layer as the analysis sees it: its name and how many neurons it contributes
 * (METHOD.md section 2).
 *
 * @param name the layer name, as in {@link org.coact.api.format.LayerInfo#name()}
 * @param neurons the number of neurons, {@code >= 1}
 */
public record LayerShape(String name, int neurons) implements java.io.Serializable {

    /** Validates. */
    public LayerShape {
        Objects.requireNonNull(name, "name");
        if (name.isEmpty()) {
            throw new IllegalArgumentException("layer name must not be empty");
        }
        if (neurons < 1) {
            throw new IllegalArgumentException("layer " + name + " must have at least one neuron, got " + neurons);
        }
    }

    /**
     * The neuron id of METHOD.md section 2.
     *
     * @param index neuron index within the layer
     * @return {@code <layer name>:<index>}
     */
    public String neuronId(int index) {
        Objects.checkIndex(index, neurons);
        return name + ":" + index;
    }
}
