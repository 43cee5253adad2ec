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
 * as Div/Erf/Add/Mul, LayerNorm as ReduceMean/Sub/Pow/Sqrt/Div...). Single activation ops and
 * composite activations get {@link LayerRole#ACTIVATION}; the primitives inside a composite
 * activation do not. Works on the proto alone: output dtypes and shapes come later.
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
     * @param output the value holding the layer's output
     * @param roles roles known from the graph alone
     * @param composite whether this is a module scope rather than one node
     */
    record LayerDef(String name, String opType, String output, Set<LayerRole> roles, boolean composite) {
        LayerDef {
            roles = roles.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(roles));
        }
    }

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
        Map<NodeProto, String> compositeAfter = new HashMap<>();
        Map<String, String> compositeType = new HashMap<>();
        Set<NodeProto> insideActivation = new HashSet<>();
        for (Map.Entry<String, List<NodeProto>> e : scopes.entrySet()) {
            List<NodeProto> members = e.getValue();
            if (members.size() < 2) {
                continue;
            }
            String type = CompositePatterns.recognise(members);
            compositeType.put(e.getKey(), type);
            compositeAfter.put(members.get(members.size() - 1), e.getKey());
            if (ACTIVATION_COMPOSITES.contains(type)) {
                insideActivation.addAll(members);
            }
        }
        List<LayerDef> layers = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (NodeProto n : nodes) {
            EnumSet<LayerRole> roles = EnumSet.noneOf(LayerRole.class);
            if (!insideActivation.contains(n) && isActivation(n)) {
                roles.add(LayerRole.ACTIVATION);
            }
            addLayer(layers, names, n.getName().isEmpty() ? n.getOutput(0) : n.getName(), n.getOpType(),
                    n.getOutput(0), roles, false);
            String scope = compositeAfter.get(n);
            if (scope != null) {
                String type = compositeType.get(scope);
                EnumSet<LayerRole> cRoles = EnumSet.of(LayerRole.COMPOSITE);
                if (ACTIVATION_COMPOSITES.contains(type)) {
                    cRoles.add(LayerRole.ACTIVATION);
                }
                addLayer(layers, names, scope, type, n.getOutput(0), cRoles, true);
            }
        }
        return layers;
    }

    private void addLayer(List<LayerDef> layers, Set<String> names, String name, String opType, String output,
            EnumSet<LayerRole> roles, boolean composite) {
        String unique = name;
        for (int i = 2; !names.add(unique); i++) {
            unique = name + "#" + i;
        }
        if (graph.outputNames().contains(output)) {
            roles.add(LayerRole.MODEL_OUTPUT);
        }
        layers.add(new LayerDef(unique, opType, output, roles, composite));
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
        if (ACTIVATION_OPS.contains(op)) {
            return true;
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
