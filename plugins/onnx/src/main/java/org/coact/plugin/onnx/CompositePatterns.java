package org.coact.plugin.onnx;

import ai.onnx.proto.OnnxMl.NodeProto;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Recognises what a module scope of primitive ops computes, from the multiset of its op types.
 * A pattern matches when the scope holds all of the pattern's required ops and nothing outside
 * its allowed ops ({@code Cast} is always allowed), so a block such as Conv + Sigmoid + Mul stays
 * a plain {@code Composite}.
 */
final class CompositePatterns {

    private record Pattern(String type, Set<String> required, Set<String> allowed, int minMul) {
    }

    // Order matters: Mish (Softplus, Tanh, Mul) before the tanh-approximated GELU.
    private static final List<Pattern> PATTERNS = List.of(
            new Pattern("Gelu", Set.of("Erf"), Set.of("Erf", "Div", "Mul", "Add", "Sqrt"), 0),
            new Pattern("Mish", Set.of("Softplus", "Tanh", "Mul"), Set.of("Softplus", "Tanh", "Mul"), 0),
            new Pattern("Gelu", Set.of("Tanh", "Pow"), Set.of("Tanh", "Pow", "Mul", "Add", "Sqrt", "Div"), 0),
            new Pattern("Gelu", Set.of("Tanh", "Mul"), Set.of("Tanh", "Mul", "Add", "Sqrt", "Div"), 3),
            new Pattern("LayerNormalization", Set.of("ReduceMean", "Sub", "Sqrt", "Div"),
                    Set.of("ReduceMean", "Sub", "Pow", "Mul", "Add", "Sqrt", "Div"), 0),
            new Pattern("Silu", Set.of("Sigmoid", "Mul"), Set.of("Sigmoid", "Mul"), 0),
            new Pattern("HardSwish", Set.of("HardSigmoid", "Mul"), Set.of("HardSigmoid", "Mul", "Div", "Add", "Clip"), 0));

    private CompositePatterns() {
    }

    /**
     * @param members the scope's non-Constant nodes
     * @return the recognised type ({@code Gelu}, {@code LayerNormalization}, {@code Silu},
     *     {@code Mish}, {@code HardSwish}) or {@code Composite}
     */
    static String recognise(List<NodeProto> members) {
        Map<String, Integer> ops = new HashMap<>();
        for (NodeProto n : members) {
            if (!n.getOpType().equals("Cast")) {
                ops.merge(n.getOpType(), 1, Integer::sum);
            }
        }
        for (Pattern p : PATTERNS) {
            if (ops.keySet().containsAll(p.required()) && p.allowed().containsAll(ops.keySet())
                    && ops.getOrDefault("Mul", 0) >= p.minMul()) {
                if (p.type().equals("LayerNormalization") && !ops.containsKey("Pow") && !ops.containsKey("Mul")) {
                    continue;
                }
                return p.type();
            }
        }
        return "Composite";
    }
}
