package org.coact.runner.pipeline;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import org.coact.api.ModelException;
import org.coact.api.format.LayerInfo;
import org.coact.api.format.ModelDescription;
import org.coact.api.format.TensorSpec;

/**
 * Refuses a model whose declared shapes no run could hold, before any inference: a value
 * (input, output or layer) whose fixed dimensions multiply to more elements per sample than a
 * Java array holds ({@value #MAX_ELEMENTS}; 8 GiB of floats) could never be returned or
 * counted. Free dimensions ({@code -1}) count as 1; the batch axis of a free-batch model is free.
 * Used by {@code coact layers} and {@code coact analyze} alike.
 */
public final class DeclaredShapes {

    /** The most elements one value may declare per sample. */
    public static final long MAX_ELEMENTS = Integer.MAX_VALUE - 8;

    private DeclaredShapes() {
    }

    /**
     * @param model the model file, for the message
     * @param description what the plugin describes
     * @throws ModelException naming the first value whose declared shape is too large
     */
    public static void check(Path model, ModelDescription description) throws ModelException {
        for (TensorSpec in : description.inputs()) {
            check(model, "input", in.name(), in.shape());
        }
        for (TensorSpec out : description.outputs()) {
            check(model, "output", out.name(), out.shape());
        }
        for (LayerInfo layer : description.layers()) {
            check(model, "layer", layer.name(), layer.outputShape());
        }
    }

    private static void check(Path model, String kind, String name, long[] shape) throws ModelException {
        double elements = 1;
        for (long d : shape) {
            if (d > 0) {
                elements *= d;
            }
        }
        if (elements > MAX_ELEMENTS) {
            throw new ModelException(String.format(Locale.ROOT,
                    "%s declares %s '%s' with shape %s, %.3g elements, more than the %,d one array can "
                            + "hold; no run could compute it (is the export's shape right?)",
                    model, kind, name, Arrays.toString(shape), elements, MAX_ELEMENTS));
        }
    }
}
