package org.coact.plugin.onnx;

import ai.onnx.proto.OnnxMl.AttributeProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.Set;
import org.coact.api.format.LayerRole;

/**
 * Finds the layers of an ONNX graph the way the PyTorch exporter names them: every
 * non-{@code Constant} node is a layer named by its node name ({@code /act1/Relu}); a leaf
 * module scope ({@code /act1}) holding two or more such nodes is also a composite layer whose
 * output is the scope's last node's, and whose type is recognised from its ops (GELU exported
 * as Div/Erf/Add/Mul, LayerNorm as ReduceMean/Sub/Pow/Sqrt/Div...). Activations exported as
 * primitive ops are also found by dataflow ({@link ActivationChains}: {@code x * g(x)}), with or
 * without scopes: a function called inside a larger module becomes its own composite layer
 * {@code <scope>/<Type>} ({@code /encoder/layers.0/Gelu}), and a scope counts as an activation
 * only when its output is one. Single activation ops and composite activations get
 * {@link LayerRole#ACTIVATION}; the primitives inside a composite activation do not; Sigmoids
 * that only scale another tensor (squeeze-excite) get {@link LayerRole#GATE} instead. LSTM, GRU
 * and RNN nodes carry their layout (their Y is made batch-first later). Works on the proto
 * alone: output dtypes and shapes come later.
 */
final class LayerScanner {

    /** Op types that are activation functions (METHOD.md section 1). {@code Clip} counts only with min 0. */
    static final Set<String> ACTIVATION_OPS = Set.of("Relu", "LeakyRelu", "Elu", "Selu", "Gelu", "Sigmoid",
            "Tanh", "Softplus", "Silu", "Swish", "HardSigmoid", "HardSwish", "Mish", "PRelu", "Celu",
            "ThresholdedRelu", "Softsign");

    /** Composite types that are activation functions. */
    static final Set<String> ACTIVATION_COMPOSITES = Set.of("Gelu", "Silu", "Mish", "HardSwish");

    /**
     * A layer found in the graph.
     *
     * @param name unique layer name
     * @param opType op type, or the recognised composite type
     * @param output the value holding the layer's output (its internal name, {@link ValueNames})
     * @param roles roles known from the graph alone
     * @param composite whether this is a module scope rather than one node
     * @param recurrentLayout for an LSTM, GRU or RNN node, its {@code layout} attribute (0: the
     *     output Y is {@code [T, directions, N, H]}, 1: {@code [N, T, directions, H]}); -1 otherwise
     * @param subgraph for a node inside a control-flow body, where ("then_branch of If '/If'"); else null
     */
    record LayerDef(String name, String opType, String output, Set<LayerRole> roles, boolean composite,
            int recurrentLayout, String subgraph) {
        LayerDef {
            roles = roles.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(roles));
        }
    }

    /** Recurrent op types whose output Y does not carry the batch on its first axis by default. */
    static final Set<String> RECURRENT_OPS = Set.of("LSTM", "GRU", "RNN");

    private final OnnxGraph graph;

    /** @param graph the parsed model */
    LayerScanner(OnnxGraph graph) {
        this.graph = graph;
    }

    /**
     * Scans the graph.
     *
     * @return layers in graph order; a composite follows the last node of its scope
     */
    List<LayerDef> scan() {
        List<NodeProto> nodes = new ArrayList<>();
        for (NodeProto n : graph.nodes()) {
            if (!n.getOpType().equals("Constant") && n.getOutputCount() > 0 && !n.getOutput(0).isEmpty()) {
                nodes.add(n);
            }
        }
        Map<String, List<NodeProto>> scopes = new LinkedHashMap<>();
        for (NodeProto n : nodes) {
            String scope = scopeOf(n);
            if (!scope.isEmpty()) {
                scopes.computeIfAbsent(scope, k -> new ArrayList<>()).add(n);
            }
        }
        ActivationChains finder = new ActivationChains(nodes, graph.constantValues());
        Map<NodeProto, ActivationChains.Chain> chains = finder.activations(nodes);
        Set<NodeProto> gates = finder.gates(nodes, chains);
        Set<NodeProto> insideActivation = new HashSet<>();
        chains.values().forEach(c -> insideActivation.addAll(c.members()));
        Map<NodeProto, String> compositeAfter = new HashMap<>();
        Map<String, String> compositeType = new HashMap<>();
        for (Map.Entry<String, List<NodeProto>> e : scopes.entrySet()) {
            List<NodeProto> members = e.getValue();
            if (members.size() < 2) {
                continue;
            }
            NodeProto last = members.get(members.size() - 1);
            // a scope is an activation when it is exactly one function found by dataflow: GELU
            // called inside a larger module shares the module's scope with its residual Add
            ActivationChains.Chain c = chains.get(last);
            String type = c != null && c.members().containsAll(members) ? c.type() : CompositePatterns.recognise(members);
            compositeType.put(e.getKey(), type);
            compositeAfter.put(last, e.getKey());
        }
        List<LayerDef> layers = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (NodeProto n : nodes) {
            EnumSet<LayerRole> roles = EnumSet.noneOf(LayerRole.class);
            if (gates.contains(n)) {
                roles.add(LayerRole.GATE);
            } else if (!insideActivation.contains(n) && isActivation(n)) {
                roles.add(LayerRole.ACTIVATION);
            }
            String nodeName = n.getName().isEmpty() ? graph.names().external(n.getOutput(0)) : n.getName();
            addLayer(layers, names, nodeName, n.getOpType(), n.getOutput(0), roles, false,
                    RECURRENT_OPS.contains(n.getOpType()) ? layout(n) : -1);
            String scope = compositeAfter.get(n);
            ActivationChains.Chain chain = chains.get(n);
            if (scope != null) {
                String type = compositeType.get(scope);
                EnumSet<LayerRole> cRoles = EnumSet.of(LayerRole.COMPOSITE);
                if (ACTIVATION_COMPOSITES.contains(type)) {
                    cRoles.add(LayerRole.ACTIVATION);
                }
                addLayer(layers, names, scope, type, n.getOutput(0), cRoles, true,
                        RECURRENT_OPS.contains(n.getOpType()) ? layout(n) : -1);
            }
            if (chain != null && (scope == null || !ACTIVATION_COMPOSITES.contains(compositeType.get(scope)))) {
                String base = scopeOf(n);
                String name = (base.isEmpty() ? nodeName : base) + "/" + chain.type();
                addLayer(layers, names, name, chain.type(), n.getOutput(0),
                        EnumSet.of(LayerRole.COMPOSITE, LayerRole.ACTIVATION), true, -1);
            }
        }
        for (NodeProto n : nodes) {
            addBodies(layers, names, n, 0);
        }
        return layers;
    }

    /** Lists the nodes inside a control-flow node's bodies, recursively, as not extractable. */
    private void addBodies(List<LayerDef> layers, Set<String> names, NodeProto n, int depth) {
        if (depth > 8) {
            return;
        }
        for (AttributeProto a : n.getAttributeList()) {
            List<ai.onnx.proto.OnnxMl.GraphProto> bodies = new ArrayList<>();
            if (a.hasG()) {
                bodies.add(a.getG());
            }
            bodies.addAll(a.getGraphsList());
            for (ai.onnx.proto.OnnxMl.GraphProto body : bodies) {
                String where = a.getName() + " of " + n.getOpType() + " '" + n.getName() + "'";
                for (NodeProto inner : body.getNodeList()) {
                    if (inner.getOpType().equals("Constant") || inner.getOutputCount() == 0) {
                        continue;
                    }
                    String name = inner.getName().isEmpty() ? graph.names().external(inner.getOutput(0)) : inner.getName();
                    String unique = name;
                    for (int i = 2; !names.add(unique); i++) {
                        unique = name + "#" + i;
                    }
                    layers.add(new LayerDef(unique, inner.getOpType(), inner.getOutput(0),
                            Set.of(LayerRole.IN_SUBGRAPH), false, -1, where));
                    addBodies(layers, names, inner, depth + 1);
                }
            }
        }
    }

    private static int layout(NodeProto n) {
        for (AttributeProto a : n.getAttributeList()) {
            if (a.getName().equals("layout")) {
                return (int) a.getI();
            }
        }
        return 0;
    }

    private void addLayer(List<LayerDef> layers, Set<String> names, String name, String opType, String output,
            EnumSet<LayerRole> roles, boolean composite, int recurrentLayout) {
        String unique = name;
        for (int i = 2; !names.add(unique); i++) {
            unique = name + "#" + i;
        }
        if (graph.outputNames().contains(output)) {
            roles.add(LayerRole.MODEL_OUTPUT);
        }
        layers.add(new LayerDef(unique, opType, output, roles, composite, recurrentLayout, null));
    }

    /**
     * @param n a node
     * @return its module scope (node name minus the last {@code /segment}), or "" if none
     */
    static String scopeOf(NodeProto n) {
        String name = n.getName();
        int slash = name.lastIndexOf('/');
        return slash <= 0 ? "" : name.substring(0, slash);
    }

    private boolean isActivation(NodeProto n) {
        String op = n.getOpType();
        if (ACTIVATION_OPS.contains(op) || RECURRENT_OPS.contains(op)) {
            return true; // a recurrent op's Y is its hidden units' activations, h_t = o_t * tanh(c_t) for an LSTM
        }
        return op.equals("Clip") && clipMinIsZero(n);
    }

    /** Relu6 and friends: a Clip whose lower bound is 0 (input 1 from opset 11, attribute before). */
    private boolean clipMinIsZero(NodeProto n) {
        for (AttributeProto a : n.getAttributeList()) {
            if (a.getName().equals("min")) {
                return a.getF() == 0f;
            }
        }
        if (n.getInputCount() < 2 || n.getInput(1).isEmpty()) {
            return false;
        }
        OptionalDouble min = graph.scalarConstant(n.getInput(1));
        return min.isPresent() && min.getAsDouble() == 0.0;
    }
}
