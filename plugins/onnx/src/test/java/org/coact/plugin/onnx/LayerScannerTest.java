package org.coact.plugin.onnx;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.onnx.proto.OnnxMl.AttributeProto;
import ai.onnx.proto.OnnxMl.GraphProto;
import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import ai.onnx.proto.OnnxMl.ValueInfoProto;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.coact.api.format.LayerRole;
import org.coact.plugin.onnx.LayerScanner.LayerDef;
import org.junit.jupiter.api.Test;

/** Composite recognition and roles on small hand-built graphs (scopes named as PyTorch names them). */
class LayerScannerTest {

    private final GraphProto.Builder g = GraphProto.newBuilder().setName("hand-built");

    private void node(String name, String op, List<String> in, String out) {
        g.addNode(NodeProto.newBuilder().setName(name).setOpType(op).addAllInput(in).addOutput(out));
    }

    private void scalar(String name, float value) {
        g.addInitializer(TensorProto.newBuilder().setName(name).setDataType(TensorProto.DataType.FLOAT_VALUE)
                .addFloatData(value));
    }

    private Map<String, LayerDef> scan() throws Exception {
        g.addInput(ValueInfoProto.newBuilder().setName("x"));
        g.addOutput(ValueInfoProto.newBuilder().setName("y"));
        ModelProto m = ModelProto.newBuilder().setIrVersion(7).setGraph(g).build();
        Map<String, LayerDef> out = new LinkedHashMap<>();
        for (LayerDef d : new LayerScanner(OnnxGraph.parse(Path.of("hand.onnx"), m.toByteArray())).scan()) {
            out.put(d.name(), d);
        }
        return out;
    }

    private static void assertLayer(Map<String, LayerDef> layers, String name, String op, String output,
            Set<LayerRole> roles) {
        LayerDef d = layers.get(name);
        assertEquals(op, d == null ? null : d.opType(), name + " in " + layers.keySet());
        assertEquals(output, d.output(), name);
        assertEquals(roles, d.roles(), name);
    }

    @Test
    void activationCompositesAreRecognisedAndTheirPrimitivesAreNotActivations() throws Exception {
        node("/silu/Sigmoid", "Sigmoid", List.of("x"), "s1");
        node("/silu/Mul", "Mul", List.of("x", "s1"), "silu");
        g.addNode(NodeProto.newBuilder().setName("/mish/Constant").setOpType("Constant").addOutput("c1")
                .addAttribute(AttributeProto.newBuilder().setName("value_float").setF(1f)));
        node("/mish/Softplus", "Softplus", List.of("silu"), "sp");
        node("/mish/Tanh", "Tanh", List.of("sp"), "th");
        node("/mish/Mul", "Mul", List.of("silu", "th"), "mish");
        node("/hs/HardSigmoid", "HardSigmoid", List.of("mish"), "hsg");
        node("/hs/Mul", "Mul", List.of("mish", "hsg"), "hs");
        String[] tanhGelu = {"Mul", "Pow", "Mul_1", "Add", "Mul_2", "Tanh", "Add_1", "Mul_3"};
        String prev = "hs";
        for (String n : tanhGelu) {
            node("/gelu/" + n, n.replaceAll("_\\d+$", ""), List.of(prev), "gelu_" + n);
            prev = "gelu_" + n;
        }
        node("/out/Gemm", "Gemm", List.of(prev), "y");
        Map<String, LayerDef> l = scan();
        assertLayer(l, "/silu", "Silu", "silu", Set.of(LayerRole.COMPOSITE, LayerRole.ACTIVATION));
        assertLayer(l, "/silu/Sigmoid", "Sigmoid", "s1", Set.of());
        assertLayer(l, "/mish", "Mish", "mish", Set.of(LayerRole.COMPOSITE, LayerRole.ACTIVATION));
        assertLayer(l, "/mish/Tanh", "Tanh", "th", Set.of());
        assertLayer(l, "/mish/Softplus", "Softplus", "sp", Set.of());
        assertLayer(l, "/hs", "HardSwish", "hs", Set.of(LayerRole.COMPOSITE, LayerRole.ACTIVATION));
        assertLayer(l, "/hs/HardSigmoid", "HardSigmoid", "hsg", Set.of());
        assertLayer(l, "/gelu", "Gelu", "gelu_Mul_3", Set.of(LayerRole.COMPOSITE, LayerRole.ACTIVATION));
        assertLayer(l, "/gelu/Tanh", "Tanh", "gelu_Tanh", Set.of());
        assertLayer(l, "/out/Gemm", "Gemm", "y", Set.of(LayerRole.MODEL_OUTPUT));
        assertEquals(List.of("/silu/Sigmoid", "/silu/Mul", "/silu", "/mish/Softplus", "/mish/Tanh", "/mish/Mul", "/mish"),
                List.copyOf(l.keySet()).subList(0, 7));
    }

    @Test
    void clipIsAnActivationOnlyWithLowerBoundZero() throws Exception {
        scalar("zero", 0f);
        scalar("six", 6f);
        scalar("minus_one", -1f);
        node("/relu6/Clip", "Clip", List.of("x", "zero", "six"), "r6");
        node("/clamp/Clip", "Clip", List.of("r6", "minus_one"), "cl");
        g.addNode(NodeProto.newBuilder().setName("/old/Clip").setOpType("Clip").addInput("cl").addOutput("oc")
                .addAttribute(AttributeProto.newBuilder().setName("min").setF(0f)));
        node("/out/Gemm", "Gemm", List.of("oc"), "y");
        Map<String, LayerDef> l = scan();
        assertLayer(l, "/relu6/Clip", "Clip", "r6", Set.of(LayerRole.ACTIVATION));
        assertLayer(l, "/clamp/Clip", "Clip", "cl", Set.of());
        assertLayer(l, "/old/Clip", "Clip", "oc", Set.of(LayerRole.ACTIVATION));
    }

    @Test
    void otherScopesArePlainCompositesAndKeepTheirActivations() throws Exception {
        node("/block/Conv", "Conv", List.of("x"), "c");
        node("/block/Sigmoid", "Sigmoid", List.of("c"), "s");
        node("/block/Mul", "Mul", List.of("c", "s"), "b");
        node("", "Relu", List.of("b"), "unnamed_relu");
        node("/Flatten", "Flatten", List.of("unnamed_relu"), "f");
        node("/head/Gemm", "Gemm", List.of("f"), "y");
        Map<String, LayerDef> l = scan();
        assertLayer(l, "/block", "Composite", "b", Set.of(LayerRole.COMPOSITE));
        assertLayer(l, "/block/Sigmoid", "Sigmoid", "s", Set.of(LayerRole.ACTIVATION));
        assertLayer(l, "unnamed_relu", "Relu", "unnamed_relu", Set.of(LayerRole.ACTIVATION));
        assertLayer(l, "/Flatten", "Flatten", "f", Set.of());
        assertEquals(8 - 1, l.size()); // 6 nodes + 1 composite
    }
}
