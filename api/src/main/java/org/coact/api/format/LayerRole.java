package org.coact.api.format;

/** What a {@link LayerInfo} is, beyond its op type. */
public enum LayerRole {
    /** The output of an activation function (METHOD.md section 1); candidates for {@code auto}. */
    ACTIVATION,
    /** The layer's output is (also) a model output, so {@code auto} leaves it out. */
    MODEL_OUTPUT,
    /** The layer is a group of primitive ops (e.g. GELU exported as Div/Erf/Add/Mul). */
    COMPOSITE
}
