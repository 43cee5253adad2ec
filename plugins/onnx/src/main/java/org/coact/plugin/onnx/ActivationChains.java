package org.coact.plugin.onnx;

import ai.onnx.proto.OnnxMl.NodeProto;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Finds activation functions exported as primitive ops, by dataflow rather than by names, so
 * that exports without module scopes (Paddle2ONNX, TF2ONNX) and functions called inside a larger
 * module (GELU inside {@code nn.TransformerEncoderLayer}) are found too: a {@code Mul(x, g(x))}
 * where {@code g} is a chain of element-wise ops of {@code x} alone (each op's other inputs are
 * constants). The chain's contents name the function: {@code Erf} or {@code Tanh} with
 * {@code Pow}: GELU; {@code Softplus} and {@code Tanh}: Mish; {@code Sigmoid}: SiLU/Swish;
 * {@code HardSigmoid}, {@code Clip} or {@code Relu}: hard-swish. A trailing {@code Mul} or
 * {@code Div} by a constant (GELU's 0.5, hard-swish's 1/6) belongs to the function.
 *
 * <p>Also finds <em>gates</em>: a Sigmoid or HardSigmoid whose output only scales another
 * tensor ({@code Mul(x, sigmoid(s))} with {@code s} not an element-wise function of {@code x}:
 * squeeze-excite, attention masks). A gate's values are multipliers, not a layer's neurons.
 */
final class ActivationChains {

    /** Element-wise ops a chain may contain (their non-constant input is the chain's). */
    private static final Set<String> ELEMENTWISE = Set.of("Sigmoid", "HardSigmoid", "Clip", "Relu", "Tanh",
            "Softplus", "Erf", "Add", "Sub", "Mul", "Div", "Pow", "Sqrt", "Cast", "Identity");

    /** Gate op types. */
    private static final Set<String> GATES = Set.of("Sigmoid", "HardSigmoid");

    /**
     * One activation found.
     *
     * @param end the node whose output is the activation's output
     * @param type {@code Gelu}, {@code Mish}, {@code Silu} or {@code HardSwish}
     * @param members every node of the function, {@code end} included
     */
    record Chain(NodeProto end, String type, Set<NodeProto> members) {
    }

    private final Map<String, NodeProto> producer = new HashMap<>();
    private final Map<String, List<NodeProto>> consumers = new HashMap<>();
    private final Set<String> constants;
    private final Map<NodeProto, Integer> order = new HashMap<>();

    /**
     * @param nodes the graph's nodes
     * @param constants values that are initializers or Constant outputs
     */
    ActivationChains(List<NodeProto> nodes, Set<String> constants) {
        this.constants = constants;
        for (NodeProto n : nodes) {
            order.put(n, order.size());
            for (String o : n.getOutputList()) {
                producer.put(o, n);
            }
            for (String i : n.getInputList()) {
                consumers.computeIfAbsent(i, k -> new ArrayList<>()).add(n);
            }
        }
    }

    /**
     * @param nodes the graph's nodes in order
     * @return the activations found, by end node, in graph order
     */
    Map<NodeProto, Chain> activations(List<NodeProto> nodes) {
        Map<NodeProto, Chain> found = new LinkedHashMap<>();
        Set<NodeProto> claimed = new HashSet<>();
        for (NodeProto mul : nodes) {
            if (!mul.getOpType().equals("Mul") || mul.getInputCount() != 2 || claimed.contains(mul)) {
                continue;
            }
            String u = mul.getInput(0);
            String v = mul.getInput(1);
            if (constants.contains(u) || constants.contains(v)) {
                continue;
            }
            String x = meeting(u, v);
            Set<NodeProto> chain = new HashSet<>();
            if (x == null || !chainOf(u, x, chain, 0) || !chainOf(v, x, chain, 0)) {
                continue;
            }
            String type = typeOf(chain);
            if (type == null || chain.stream().anyMatch(claimed::contains)) {
                continue;
            }
            chain.add(mul);
            NodeProto end = mul;
            NodeProto tail = soleConsumer(mul.getOutput(0));
            if (tail != null && (tail.getOpType().equals("Mul") || tail.getOpType().equals("Div"))
                    && tail.getInputCount() == 2 && tail.getInput(0).equals(mul.getOutput(0))
                    && constants.contains(tail.getInput(1))) {
                chain.add(tail);
                end = tail;
            }
            claimed.addAll(chain);
            found.put(end, new Chain(end, type, Set.copyOf(chain)));
        }
        return found;
    }

    /**
     * @param nodes the graph's nodes
     * @param activations what {@link #activations} found
     * @return Sigmoid/HardSigmoid nodes that only scale another tensor
     */
    Set<NodeProto> gates(List<NodeProto> nodes, Map<NodeProto, Chain> activations) {
        Set<NodeProto> inside = new HashSet<>();
        activations.values().forEach(c -> inside.addAll(c.members()));
        Set<NodeProto> gates = new HashSet<>();
        for (NodeProto n : nodes) {
            if (!GATES.contains(n.getOpType()) || inside.contains(n) || n.getOutputCount() == 0) {
                continue;
            }
            List<NodeProto> uses = consumers.getOrDefault(n.getOutput(0), List.of());
            if (!uses.isEmpty() && uses.stream().allMatch(u -> u.getOpType().equals("Mul") && u.getInputCount() == 2
                    && !constants.contains(other(u, n.getOutput(0))))) {
                gates.add(n);
            }
        }
        return gates;
    }

    /**
     * The value where the element-wise ancestries of {@code u} and {@code v} meet: the common
     * ancestor produced last (the x of {@code x * g(x)}), or null if none within 8 ops.
     */
    private String meeting(String u, String v) {
        Map<String, Integer> au = ancestry(u);
        Map<String, Integer> av = ancestry(v);
        String best = null;
        int bestOrder = Integer.MIN_VALUE;
        for (Map.Entry<String, Integer> e : au.entrySet()) {
            if (av.containsKey(e.getKey()) && e.getValue() > bestOrder) {
                best = e.getKey();
                bestOrder = e.getValue();
            }
        }
        return best;
    }

    /** Values reachable backwards through element-wise ops, with their producer's graph position. */
    private Map<String, Integer> ancestry(String value) {
        Map<String, Integer> seen = new HashMap<>();
        List<String> frontier = new ArrayList<>(List.of(value));
        for (int depth = 0; depth <= 8 && !frontier.isEmpty(); depth++) {
            List<String> next = new ArrayList<>();
            for (String f : frontier) {
                if (constants.contains(f) || seen.containsKey(f)) {
                    continue;
                }
                NodeProto p = producer.get(f);
                seen.put(f, p == null ? -1 : order.get(p));
                if (p != null && ELEMENTWISE.contains(p.getOpType())) {
                    p.getInputList().stream().filter(i -> !i.isEmpty()).forEach(next::add);
                }
            }
            frontier = next;
        }
        return seen;
    }

    private static String other(NodeProto mul, String value) {
        return mul.getInput(0).equals(value) ? mul.getInput(1) : mul.getInput(0);
    }

    /**
     * Whether {@code value} is an element-wise function of {@code x} alone, collecting the nodes
     * on the way.
     */
    private boolean chainOf(String value, String x, Set<NodeProto> chain, int depth) {
        if (value.equals(x)) {
            return true;
        }
        if (depth > 8 || constants.contains(value)) {
            return false;
        }
        NodeProto p = producer.get(value);
        if (p == null || !ELEMENTWISE.contains(p.getOpType())) {
            return false;
        }
        boolean any = false;
        for (int i = 0; i < p.getInputCount(); i++) {
            String in = p.getInput(i);
            if (in.isEmpty() || constants.contains(in)) {
                continue;
            }
            if (!chainOf(in, x, chain, depth + 1)) {
                return false;
            }
            any = true;
        }
        if (!any) {
            return false;
        }
        chain.add(p);
        return true;
    }

    private NodeProto soleConsumer(String value) {
        List<NodeProto> uses = consumers.getOrDefault(value, List.of());
        return uses.size() == 1 ? uses.get(0) : null;
    }

    private static String typeOf(Set<NodeProto> chain) {
        Set<String> ops = new HashSet<>();
        chain.forEach(n -> ops.add(n.getOpType()));
        if (ops.contains("Erf")) {
            return "Gelu";
        }
        if (ops.contains("Softplus") && ops.contains("Tanh")) {
            return "Mish";
        }
        if (ops.contains("Tanh") && (ops.contains("Pow") || ops.contains("Mul"))) {
            return "Gelu";
        }
        if (ops.contains("Sigmoid")) {
            return "Silu";
        }
        if (ops.contains("HardSigmoid") || ops.contains("Clip") || ops.contains("Relu")) {
            return "HardSwish";
        }
        return null;
    }
}
