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
        // tanh GELU as torch exports it: 0.5 x (1 + tanh(sqrt(2/pi) (x + 0.044715 x^3)))
        scalar("half", 0.5f);
        scalar("three", 3f);
        scalar("k", 0.044715f);
        scalar("s2pi", 0.7978846f);
        scalar("one", 1f);
        node("/gelu/Mul", "Mul", List.of("hs", "half"), "gelu_Mul");
        node("/gelu/Pow", "Pow", List.of("hs", "three"), "gelu_Pow");
        node("/gelu/Mul_1", "Mul", List.of("gelu_Pow", "k"), "gelu_Mul_1");
        node("/gelu/Add", "Add", List.of("hs", "gelu_Mul_1"), "gelu_Add");
        node("/gelu/Mul_2", "Mul", List.of("gelu_Add", "s2pi"), "gelu_Mul_2");
        node("/gelu/Tanh", "Tanh", List.of("gelu_Mul_2"), "gelu_Tanh");
        node("/gelu/Add_1", "Add", List.of("gelu_Tanh", "one"), "gelu_Add_1");
        node("/gelu/Mul_3", "Mul", List.of("gelu_Mul", "gelu_Add_1"), "gelu_Mul_3");
        node("/out/Gemm", "Gemm", List.of("gelu_Mul_3"), "y");
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
        // c * sigmoid(c) is a SiLU inside the block, whatever the scope holds besides
        assertLayer(l, "/block/Sigmoid", "Sigmoid", "s", Set.of());
        assertLayer(l, "/block/Silu", "Silu", "b", Set.of(LayerRole.COMPOSITE, LayerRole.ACTIVATION));
        assertLayer(l, "unnamed_relu", "Relu", "unnamed_relu", Set.of(LayerRole.ACTIVATION));
        assertLayer(l, "/Flatten", "Flatten", "f", Set.of());
        assertEquals(6 + 2, l.size()); // 6 nodes + the block + the SiLU in it
    }

    @Test
    void geluCalledInsideAModuleIsItsOwnLayerAndTheModuleIsNoActivation() throws Exception {
        // nn.TransformerEncoderLayer: F.gelu's ops carry the module's scope beside its residual Add
        scalar("sqrt2", 1.4142135f);
        scalar("one", 1f);
        scalar("half", 0.5f);
        node("/layer/linear1/MatMul", "MatMul", List.of("x", "w1"), "h");
        node("/layer/Div", "Div", List.of("h", "sqrt2"), "d");
        node("/layer/Erf", "Erf", List.of("d"), "e");
        node("/layer/Add", "Add", List.of("e", "one"), "a");
        node("/layer/Mul", "Mul", List.of("h", "a"), "m");
        node("/layer/Mul_1", "Mul", List.of("m", "half"), "gelu");
        node("/layer/linear2/MatMul", "MatMul", List.of("gelu", "w2"), "f");
        node("/layer/Add_1", "Add", List.of("x", "f"), "res");
        node("/head/Gemm", "Gemm", List.of("res"), "y");
        Map<String, LayerDef> l = scan();
        assertLayer(l, "/layer", "Composite", "res", Set.of(LayerRole.COMPOSITE));
        assertLayer(l, "/layer/Gelu", "Gelu", "gelu", Set.of(LayerRole.COMPOSITE, LayerRole.ACTIVATION));
        assertLayer(l, "/layer/Erf", "Erf", "e", Set.of());
    }

    @Test
    void unscopedHardSwishIsOneActivationAndSqueezeExciteGatesAreNot() throws Exception {
        // Paddle2ONNX names: no scopes; hard-swish as x * clip(x + 3, 0, 6) / 6; an SE gate
        scalar("three", 3f);
        scalar("zero", 0f);
        scalar("six", 6f);
        node("conv_0", "Conv", List.of("x", "w"), "c0");
        node("add_0", "Add", List.of("c0", "three"), "a0");
        node("clip_0", "Clip", List.of("a0", "zero", "six"), "r0");
        node("mul_0", "Mul", List.of("c0", "r0"), "m0");
        node("div_0", "Div", List.of("m0", "six"), "hs0");
        node("pool_0", "GlobalAveragePool", List.of("hs0"), "p0");
        node("conv_1", "Conv", List.of("p0", "w1"), "c1");
        node("relu_0", "Relu", List.of("c1"), "r1");
        node("conv_2", "Conv", List.of("r1", "w2"), "c2");
        node("hardsigmoid_0", "HardSigmoid", List.of("c2"), "g");
        node("mul_1", "Mul", List.of("hs0", "g"), "se");
        node("head", "Gemm", List.of("se"), "y");
        Map<String, LayerDef> l = scan();
        assertLayer(l, "clip_0", "Clip", "r0", Set.of());
        assertLayer(l, "div_0/HardSwish", "HardSwish", "hs0", Set.of(LayerRole.COMPOSITE, LayerRole.ACTIVATION));
        assertLayer(l, "relu_0", "Relu", "r1", Set.of(LayerRole.ACTIVATION));
        assertLayer(l, "hardsigmoid_0", "HardSigmoid", "g", Set.of(LayerRole.GATE));
        assertLayer(l, "mul_1", "Mul", "se", Set.of());
    }
}
