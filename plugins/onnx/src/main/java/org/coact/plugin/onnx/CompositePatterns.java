package org.coact.plugin.onnx;

import ai.onnx.proto.OnnxMl.NodeProto;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Recognises a module scope that is a LayerNorm exported as primitive ops, from the set of its
 * op types: ReduceMean, Sub, Sqrt and Div, with Pow or Mul for the variance, and nothing outside
 * {@link #LAYER_NORM} ({@code Cast} is always allowed). Activation functions exported as
 * primitive ops are found by dataflow instead ({@link ActivationChains}), which tells a GELU
 * from a module that merely holds one.
 */
final class CompositePatterns {

    private static final Set<String> REQUIRED = Set.of("ReduceMean", "Sub", "Sqrt", "Div");
    private static final Set<String> LAYER_NORM = Set.of("ReduceMean", "Sub", "Pow", "Mul", "Add", "Sqrt", "Div");

    private CompositePatterns() {
    }

    /**
     * @param members the scope's non-Constant nodes
     * @return {@code LayerNormalization} or {@code Composite}
     */
    static String recognise(List<NodeProto> members) {
        Set<String> ops = new HashSet<>();
        for (NodeProto n : members) {
            if (!n.getOpType().equals("Cast")) {
                ops.add(n.getOpType());
            }
        }
        boolean layerNorm = ops.containsAll(REQUIRED) && LAYER_NORM.containsAll(ops)
                && (ops.contains("Pow") || ops.contains("Mul"));
        return layerNorm ? "LayerNormalization" : "Composite";
    }
}
