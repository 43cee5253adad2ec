package org.coact.api.format;

/** What a {@link LayerInfo} is, beyond its op type. */
public enum LayerRole {
    /** The output of an activation function (METHOD.md section 1); candidates for {@code auto}. */
    ACTIVATION,
    /** The layer's output is (also) a model output, so {@code auto} leaves it out. */
    MODEL_OUTPUT,
    /** The layer is a group of primitive ops (e.g. GELU exported as Div/Erf/Add/Mul). */
    COMPOSITE,
    /**
     * A multiplier that scales another tensor (a squeeze-excite or attention gate's Sigmoid): its
     * values are gains, not neurons' activity, so {@code auto} leaves it out; it can still be
     * named explicitly.
     */
    GATE,
    /**
     * Inside the body of a control-flow node ({@code If}, {@code Loop}, {@code Scan}): listed so
     * users see the model's real layers, but not extractable, because the engine does not expose
     * a body's values. Fixing the inputs a condition depends on ({@link ModelHandle#fixInputs})
     * may fold an {@code If} and make its taken branch's layers ordinary ones.
     */
    IN_SUBGRAPH
}
