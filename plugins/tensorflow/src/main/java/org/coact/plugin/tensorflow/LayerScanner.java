package org.coact.plugin.tensorflow;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Deque;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.coact.api.format.LayerRole;
import org.tensorflow.proto.GraphDef;
import org.tensorflow.proto.NodeDef;

/**
 * Finds the layers of a (plain or flattened) TensorFlow graph: every op between the signature's
 * inputs and outputs that computes something (not {@code Const}, {@code Identity},
 * {@code ReadVariableOp}...) is a layer named by its op name ({@code dense_1/Relu},
 * {@code sequential/dense_1/Relu}). Each Keras/TF name scope ({@code sequential/dense_1}) that
 * directly holds at least one such op and holds two or more of them, nested scopes included, is
 * also a composite layer whose output is the scope's last op consumed outside it (the Keras
 * layer's output); a scope holding a GELU, SiLU or Mish decomposition is typed and marked as an
 * activation. Single activation ops ({@link #ACTIVATION_OPS}) are activations too, except
 * inside an activation composite. Works on the protos alone; types and shapes come from the
 * TensorFlow graph later. Linear in the graph size (scopes: in the sum of name depths).
 */
final class LayerScanner {

    /** Op types that are activation functions (METHOD.md section 1). */
    static final Set<String> ACTIVATION_OPS = Set.of("Relu", "Relu6", "Elu", "Selu", "Sigmoid", "Tanh", "Softplus",
            "Softsign", "LeakyRelu", "Gelu");

    /** Ops that move or hold values without computing a layer output. */
    static final Set<String> TRIVIAL_OPS = Set.of("Const", "Placeholder", "PlaceholderWithDefault", "Identity",
            "IdentityN", "NoOp", "ReadVariableOp", "VarHandleOp", "VariableV2", "Variable", "StopGradient",
            "Shape", "ShapeN", "Size", "Rank", "Snapshot");

    private static final Set<String> ACTIVATION_COMPOSITES = Set.of("Gelu", "Silu", "Mish");

    /**
     * A layer found in the graph.
     *
     * @param name unique layer name
     * @param opType op type, or the recognised composite type
     * @param tensor the tensor holding the layer's output, {@code op:0}
     * @param roles roles known from the graph alone
     */
    record LayerDef(String name, String opType, String tensor, Set<LayerRole> roles) {
        LayerDef {
            roles = roles.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(roles));
        }
    }

    private final Map<String, NodeDef> nodes = new LinkedHashMap<>();
    private final Set<String> inputNodes;
    private final Set<String> outputNodes = new HashSet<>();

    /**
     * @param graph the graph that runs
     * @param inputs the signature's input tensors in that graph
     * @param outputs the signature's output tensors in that graph
     */
    LayerScanner(GraphDef graph, Collection<String> inputs, Collection<String> outputs) {
        graph.getNodeList().forEach(n -> nodes.put(n.getName(), n));
        inputNodes = new HashSet<>();
        inputs.forEach(t -> inputNodes.add(GraphDefs.nodeOf(t)));
        for (String t : outputs) {
            outputNodes.add(throughIdentities(GraphDefs.nodeOf(t)));
        }
    }

    /** @return the layers in forward order; a composite follows its output op */
    List<LayerDef> scan() {
        List<String> ops = computeOps();
        Set<String> opSet = new HashSet<>(ops);
        Map<String, List<String>> scopes = new LinkedHashMap<>();
        Set<String> direct = new HashSet<>();
        for (String op : ops) {
            String scope = scopeOf(op);
            if (!scope.isEmpty()) {
                direct.add(scope);
            }
            for (; !scope.isEmpty(); scope = scopeOf(scope)) {
                scopes.computeIfAbsent(scope, k -> new ArrayList<>()).add(op);
            }
        }
        Map<String, List<String>> compositesAfter = new HashMap<>();
        Map<String, String> compositeType = new HashMap<>();
        Set<String> insideActivation = new HashSet<>();
        Map<String, String> compositeOutput = new HashMap<>();
        for (Map.Entry<String, List<String>> e : scopes.entrySet()) {
            List<String> members = e.getValue();
            if (members.size() < 2 || !direct.contains(e.getKey())) {
                continue;
            }
            String type = recognise(members);
            String output = scopeOutput(e.getKey(), members, opSet);
            compositeType.put(e.getKey(), type);
            compositeOutput.put(e.getKey(), output);
            compositesAfter.computeIfAbsent(output, k -> new ArrayList<>()).add(0, e.getKey());
            if (ACTIVATION_COMPOSITES.contains(type)) {
                insideActivation.addAll(members);
            }
        }
        List<LayerDef> layers = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (String op : ops) {
            NodeDef n = nodes.get(op);
            EnumSet<LayerRole> roles = EnumSet.noneOf(LayerRole.class);
            if (!insideActivation.contains(op) && ACTIVATION_OPS.contains(n.getOp())) {
                roles.add(LayerRole.ACTIVATION);
            }
            add(layers, names, op, n.getOp(), op, roles);
            // deepest scope first: sequential/dense/Gelu before sequential/dense
            List<String> after = new ArrayList<>(compositesAfter.getOrDefault(op, List.of()));
            after.sort((a, b) -> Integer.compare(b.length(), a.length()));
            for (String scope : after) {
                String type = compositeType.get(scope);
                EnumSet<LayerRole> cRoles = EnumSet.of(LayerRole.COMPOSITE);
                if (ACTIVATION_COMPOSITES.contains(type)) {
                    cRoles.add(LayerRole.ACTIVATION);
                }
                add(layers, names, scope, type, compositeOutput.get(scope), cRoles);
            }
        }
        return layers;
    }

    private void add(List<LayerDef> layers, Set<String> names, String name, String type, String op,
            EnumSet<LayerRole> roles) {
        String unique = name;
        for (int i = 2; !names.add(unique); i++) {
            unique = name + "#" + i;
        }
        if (outputNodes.contains(op)) {
            roles.add(LayerRole.MODEL_OUTPUT);
        }
        layers.add(new LayerDef(unique, type, op + ":0", roles));
    }

    /** Non-trivial ops that depend on an input and that an output depends on, in forward order. */
    private List<String> computeOps() {
        Map<String, List<String>> consumers = new HashMap<>();
        for (NodeDef n : nodes.values()) {
            for (String in : n.getInputList()) {
                if (!in.startsWith("^")) {
                    consumers.computeIfAbsent(GraphDefs.nodeOf(in), k -> new ArrayList<>()).add(n.getName());
                }
            }
        }
        Set<String> forward = new HashSet<>();
        Deque<String> todo = new ArrayDeque<>(inputNodes);
        while (!todo.isEmpty()) {
            String n = todo.pop();
            if (forward.add(n)) {
                todo.addAll(consumers.getOrDefault(n, List.of()));
            }
        }
        Set<String> both = new HashSet<>();
        Set<String> seen = new HashSet<>();
        for (NodeDef o : outputNodes.stream().map(nodes::get).filter(x -> x != null).toList()) {
            todo.push(o.getName());
        }
        // the signature's own output nodes (maybe Identity) also count as reached
        for (String t : outputNodes) {
            todo.push(t);
        }
        while (!todo.isEmpty()) {
            String name = todo.pop();
            NodeDef n = nodes.get(name);
            if (n == null || !seen.add(name)) {
                continue;
            }
            if (forward.contains(name)) {
                both.add(name);
            }
            for (String in : n.getInputList()) {
                if (!in.startsWith("^")) {
                    todo.push(GraphDefs.nodeOf(in));
                }
            }
        }
        List<String> ops = new ArrayList<>();
        for (String name : GraphDefs.topological(nodes, both, false)) {
            NodeDef n = nodes.get(name);
            if (!inputNodes.contains(name) && !TRIVIAL_OPS.contains(n.getOp()) && !name.startsWith("save/")) {
                ops.add(name);
            }
        }
        return ops;
    }

    /** The scope's last op whose output is used outside the scope (or by nothing), else its last op. */
    private String scopeOutput(String scope, List<String> members, Set<String> opSet) {
        Set<String> inside = new HashSet<>(members);
        Map<String, Boolean> usedOutside = new HashMap<>();
        for (NodeDef n : nodes.values()) {
            boolean outside = !n.getName().startsWith(scope + "/");
            for (String in : n.getInputList()) {
                String src = GraphDefs.nodeOf(in);
                if (inside.contains(src) && outside && !in.startsWith("^")) {
                    usedOutside.put(src, true);
                }
            }
        }
        for (int i = members.size() - 1; i >= 0; i--) {
            if (usedOutside.containsKey(members.get(i)) || outputNodes.contains(members.get(i))) {
                return members.get(i);
            }
        }
        return members.get(members.size() - 1);
    }

    private String throughIdentities(String node) {
        String cur = node;
        for (int i = 0; i < 100; i++) {
            NodeDef n = nodes.get(cur);
            if (n == null || !(n.getOp().equals("Identity") || n.getOp().equals("IdentityN")) || n.getInputCount() == 0) {
                return cur;
            }
            cur = GraphDefs.nodeOf(n.getInput(0));
        }
        return cur;
    }

    /** Recognises a scope's op mix: GELU (erf or tanh form), SiLU/Swish, Mish; else "Composite". */
    private String recognise(List<String> members) {
        Set<String> ops = new HashSet<>();
        members.forEach(m -> {
            String op = nodes.get(m).getOp();
            if (!op.equals("Cast")) {
                ops.add(op);
            }
        });
        Set<String> arith = Set.of("Mul", "AddV2", "Add", "RealDiv", "Div", "Sqrt", "Sub");
        if (ops.contains("Erf") && only(ops, arith, "Erf")) {
            return "Gelu";
        }
        if (ops.contains("Softplus") && ops.contains("Tanh") && only(ops, Set.of("Mul"), "Softplus", "Tanh")) {
            return "Mish";
        }
        if (ops.contains("Tanh") && ops.contains("Pow") && only(ops, arith, "Tanh", "Pow")) {
            return "Gelu";
        }
        if (ops.contains("Sigmoid") && ops.contains("Mul") && only(ops, Set.of("Mul"), "Sigmoid")) {
            return "Silu";
        }
        return "Composite";
    }

    private static boolean only(Set<String> ops, Set<String> allowed, String... extra) {
        Set<String> all = new HashSet<>(allowed);
        all.addAll(List.of(extra));
        return all.containsAll(ops);
    }

    /** @return the name scope of an op ({@code a/b/Relu} gives {@code a/b}), or "" */
    static String scopeOf(String name) {
        int slash = name.lastIndexOf('/');
        return slash <= 0 ? "" : name.substring(0, slash);
    }
}
