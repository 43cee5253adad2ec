package org.coact.plugin.onnx;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.coact.api.ConfigException;
import org.coact.api.DataException;
import org.coact.api.FloatTensor;
import org.coact.api.format.BatchResult;
import org.coact.api.format.ExtractionRequest;
import org.coact.api.format.Extractor;
import org.coact.api.format.LayerInfo;
import org.coact.api.format.LayerRole;
import org.coact.api.format.OpenOptions;
import org.coact.api.format.TensorSpec;
import org.coact.plugin.testkit.Activations;
import org.coact.plugin.testkit.Npy;
import org.coact.plugin.testkit.TestModels;
import org.junit.jupiter.api.Test;

/**
 * The models of {@code testmodels/onnx/wild} (binary heads, integer token inputs, a GELU called
 * inside a transformer layer, an LSTM whose ONNX output has the batch axis third, residual and
 * MobileNetV3 blocks at opset 11, an If with constant and state inputs) against torch's and
 * numpy's values for their first 16 samples. Tolerance 1e-4 absolute: float32 kernels of two
 * runtimes over at most a few hundred accumulations of values of order 1.
 */
class WildModelsTest {

    private static final double TOL = 1e-4;

    private final OnnxFormat format = new OnnxFormat();

    private static Map<String, LayerInfo> layers(OnnxModelHandle h) {
        Map<String, LayerInfo> m = new LinkedHashMap<>();
        h.describe().layers().forEach(l -> m.put(l.name(), l));
        return m;
    }

    /** Runs the reference inputs and compares the output and each layer (key -> layer name). */
    private BatchResult check(OnnxModelHandle h, Map<String, Npy> ref, String output, Map<String, String> keyToLayer,
            Map<String, FloatTensor> extraFeed) throws Exception {
        try (Extractor x = h.extractor(new ExtractionRequest(new ArrayList<>(keyToLayer.values()), output))) {
            Map<String, FloatTensor> feed = new HashMap<>(extraFeed);
            for (TensorSpec in : h.describe().inputs()) {
                feed.putIfAbsent(in.name(), ref.get(in.name()).tensor());
            }
            BatchResult r = x.run(feed);
            double d = Activations.maxAbsDiff(ref.get("logits").tensor(), r.output());
            System.out.printf("max |diff| vs reference %-26s %-22s %.3g%n", h.modelName(), output, d);
            assertTrue(d < TOL, output + " differs by " + d);
            for (Map.Entry<String, String> e : keyToLayer.entrySet()) {
                double a = Activations.maxAbsDiff(ref.get(e.getKey()).tensor(), r.activations().get(e.getValue()));
                System.out.printf("max |diff| vs reference %-26s %-22s %.3g%n", h.modelName(), e.getValue(), a);
                assertTrue(a < TOL, e.getValue() + " differs from " + e.getKey() + " by " + a);
            }
            return r;
        }
    }

    @Test
    void binaryHeadsHaveOneUnitAndTheSigmoidOutputIsMarked() throws Exception {
        for (String name : List.of("binary-sigmoid", "binary-logit")) {
            try (OnnxModelHandle h = (OnnxModelHandle) format.open(TestModels.wild(name + ".onnx"), OpenOptions.NONE)) {
                var ref = TestModels.npz(TestModels.wild(name + "-reference.npz"));
                TensorSpec out = h.describe().outputs().get(0);
                assertArrayEquals(new long[] {-1, 1}, out.shape(), name);
                check(h, ref, out.name(), Map.of("act1", "/act1/Relu", "act2", "/act2/Relu"), Map.of());
                List<LayerInfo> outs = h.describe().layers().stream().filter(l -> l.is(LayerRole.MODEL_OUTPUT)).toList();
                assertEquals(name.endsWith("sigmoid") ? "Sigmoid" : "Gemm", outs.get(outs.size() - 1).opType(), name);
            }
        }
    }

    @Test
    void integerTokenIdsAreFedAndTheGeluInsideTheEncoderLayerIsItsOwnLayer() throws Exception {
        try (OnnxModelHandle h = (OnnxModelHandle) format.open(TestModels.wild("transformer-tokens.onnx"),
                OpenOptions.NONE)) {
            var ref = TestModels.npz(TestModels.wild("transformer-tokens-reference.npz"));
            assertEquals(org.coact.api.format.DType.INT64, h.describe().inputs().get(0).dtype());
            Map<String, LayerInfo> l = layers(h);
            LayerInfo gelu = l.get("/encoder/Gelu");
            assertEquals("Gelu", gelu.opType());
            assertTrue(gelu.is(LayerRole.ACTIVATION));
            assertArrayEquals(new long[] {-1, 49, 64}, gelu.outputShape(), "the feed-forward width, not d_model");
            assertFalse(l.get("/encoder").is(LayerRole.ACTIVATION), "the encoder module is no activation");
            assertEquals(List.of("/encoder/Gelu"), h.describe().layers().stream()
                    .filter(x -> x.is(LayerRole.ACTIVATION) && !x.is(LayerRole.MODEL_OUTPUT)).map(LayerInfo::name).toList());
            check(h, ref, "logits", Map.of("encoder.gelu", "/encoder/Gelu",
                    "encoder.norm1", "/encoder/norm1/LayerNormalization"), Map.of());
        }
    }

    @Test
    void integerInputsRefuseValuesThatAreNotWholeNumbersOfTheirType() throws Exception {
        try (OnnxModelHandle h = (OnnxModelHandle) format.open(TestModels.wild("transformer-tokens.onnx"),
                OpenOptions.NONE); Extractor x = h.extractor(new ExtractionRequest(List.of("/encoder/Gelu"), "logits"))) {
            float[] v = new float[49];
            v[3] = 2.5f;
            DataException e = assertThrows(DataException.class,
                    () -> x.run(Map.of("tokens", new FloatTensor(new long[] {1, 49}, v))));
            assertTrue(e.getMessage().contains("input 'tokens' takes int64 values") && e.getMessage().contains("2.5"),
                    e.getMessage());
            v[3] = 1 << 24;
            e = assertThrows(DataException.class, () -> x.run(Map.of("tokens", new FloatTensor(new long[] {1, 49}, v))));
            assertTrue(e.getMessage().contains("1.6777216E7"), e.getMessage());
        }
    }

    @Test
    void lstmOutputIsMadeBatchFirstFromItsLayout() throws Exception {
        try (OnnxModelHandle h = (OnnxModelHandle) format.open(TestModels.wild("lstm-rows.onnx"), OpenOptions.NONE)) {
            var ref = TestModels.npz(TestModels.wild("lstm-rows-reference.npz"));
            LayerInfo lstm = layers(h).get("/lstm/LSTM");
            // ONNX's Y is [T, directions, N, H] = [28, 1, N, 32]; the layer is [N, T, H]
            assertArrayEquals(new long[] {-1, 28, 32}, lstm.outputShape());
            assertEquals(2, lstm.channelAxis());
            assertTrue(lstm.is(LayerRole.ACTIVATION));
            BatchResult r = check(h, ref, "logits", Map.of("lstm", "/lstm/LSTM"), Map.of());
            assertArrayEquals(new long[] {16, 28, 32}, r.activations().get("/lstm/LSTM").shape());
        }
    }

    @Test
    void residualAndMobileNetBlocksMatchTorchAndSqueezeExciteGatesAreNotActivations() throws Exception {
        try (OnnxModelHandle h = (OnnxModelHandle) format.open(TestModels.wild("resnet-blocks.onnx"), OpenOptions.NONE)) {
            check(h, TestModels.npz(TestModels.wild("resnet-blocks-reference.npz")), "logits",
                    Map.of("stem.act", "/stem/act/Relu", "block1.relu2", "/block1/relu2/Relu",
                            "block2.relu2", "/block2/relu2/Relu"), Map.of());
        }
        try (OnnxModelHandle h = (OnnxModelHandle) format.open(TestModels.wild("mobilenetv3-blocks.onnx"),
                OpenOptions.NONE)) {
            Map<String, LayerInfo> l = layers(h);
            // opset 11: hard-swish is HardSigmoid + Mul in the module's scope
            assertEquals("HardSwish", l.get("/stem/act").opType());
            assertTrue(l.get("/stem/act").is(LayerRole.ACTIVATION));
            assertFalse(l.get("/stem/act/HardSigmoid").is(LayerRole.ACTIVATION));
            LayerInfo gate = l.get("/blocks/blocks.0/se/gate/HardSigmoid");
            assertTrue(gate.is(LayerRole.GATE) && !gate.is(LayerRole.ACTIVATION), gate.roles().toString());
            check(h, TestModels.npz(TestModels.wild("mobilenetv3-blocks-reference.npz")), "logits",
                    Map.of("stem.act", "/stem/act", "blocks.1.act2", "/blocks/blocks.1/act2",
                            "blocks.0.se.gate", "/blocks/blocks.0/se/gate/HardSigmoid", "last.act", "/last/act"),
                    Map.of());
        }
    }

    @Test
    void anIfWithAConstantConditionIsFoldedAndItsBranchMatchesNumpy() throws Exception {
        Path model = TestModels.wild("silero-like.onnx");
        try (OnnxModelHandle h = (OnnxModelHandle) format.open(model, OpenOptions.NONE)) {
            Map<String, LayerInfo> before = layers(h);
            assertTrue(before.get("/then/lstm/LSTM").is(LayerRole.IN_SUBGRAPH));
            ConfigException e = assertThrows(ConfigException.class,
                    () -> h.extractor(new ExtractionRequest(List.of("/then/relu1/Relu"), "out")));
            assertTrue(e.getMessage().contains("inside the then_branch of If '/If'"), e.getMessage());
            assertEquals("folded 1 If node with {sr=16000.0}", h.fixInputs(Map.of("sr", 16000.0, "h", 0.0)));
            Map<String, LayerInfo> after = layers(h);
            assertFalse(after.containsKey("/else/relu1/Relu"), "the branch not taken is gone");
            assertArrayEquals(new long[] {-1, 1, 16}, after.get("/then/lstm/LSTM").outputShape());
            var ref = TestModels.npz(TestModels.wild("silero-like-reference.npz"));
            // sr is a scalar, h and c are [2, N, 16]: fed whole, not sliced along the batch
            BatchResult r = check(h, ref, "out", Map.of("then.relu1", "/then/relu1/Relu", "then.relu2",
                    "/then/relu2/Relu"), Map.of("sr", new FloatTensor(new long[0], new float[] {16000f})));
            float[] y = ref.get("then.lstm.Y").floats();
            FloatTensor batchFirst = new FloatTensor(new long[] {16, 1, 16}, y);
            try (Extractor x = h.extractor(new ExtractionRequest(List.of("/then/lstm/LSTM"), "out"))) {
                Map<String, FloatTensor> feed = new HashMap<>();
                feed.put("x", ref.get("x").tensor());
                feed.put("sr", new FloatTensor(new long[0], new float[] {16000f}));
                feed.put("h", ref.get("h").tensor());
                feed.put("c", ref.get("c").tensor());
                double d = Activations.maxAbsDiff(batchFirst, x.run(feed).activations().get("/then/lstm/LSTM"));
                assertTrue(d < TOL, "LSTM Y differs by " + d);
            }
            assertEquals(16, r.output().dim(0));
        }
        try (OnnxModelHandle h = (OnnxModelHandle) format.open(model, OpenOptions.NONE)) {
            assertEquals("folded 1 If node with {sr=8000.0}", h.fixInputs(Map.of("sr", 8000.0)));
            assertTrue(layers(h).containsKey("/else/relu1/Relu"));
            assertEquals("", h.fixInputs(Map.of("x", 1.0)), "non-scalar inputs do not fold anything");
        }
    }
    @Test
    void anUnscopedHardSwishIsOneActivationAndItsSqueezeExciteGateIsAGate() throws Exception {
        // Paddle2ONNX-style names (no '/' scopes), opset 11: hard-swish as Add/Clip/Mul/Div
        try (OnnxModelHandle h = (OnnxModelHandle) format.open(TestModels.wild("hardswish-unscoped.onnx"),
                OpenOptions.NONE)) {
            Map<String, LayerInfo> l = layers(h);
            LayerInfo hs = l.get("hard_swish_0.div/HardSwish");
            assertEquals("HardSwish", hs.opType());
            assertTrue(hs.is(LayerRole.ACTIVATION));
            assertFalse(l.get("hard_swish_0.clip").is(LayerRole.ACTIVATION), "the Clip inside is no activation");
            assertTrue(l.get("hard_sigmoid_0").is(LayerRole.GATE));
            assertEquals(List.of("hard_swish_0.div/HardSwish", "relu_0"), h.describe().layers().stream()
                    .filter(x -> x.is(LayerRole.ACTIVATION) && !x.is(LayerRole.MODEL_OUTPUT)).map(LayerInfo::name).toList());
            check(h, TestModels.npz(TestModels.wild("hardswish-unscoped-reference.npz")), "logits",
                    Map.of("hardswish", "hard_swish_0.div/HardSwish", "gate", "hard_sigmoid_0"), Map.of());
        }
    }

    @Test
    void anLstmWithLayoutZeroIsBatchFirstAndLayoutOneIsRefusedInWords() throws Exception {
        try (OnnxModelHandle h = (OnnxModelHandle) format.open(TestModels.wild("lstm-layout0.onnx"), OpenOptions.NONE)) {
            var ref = TestModels.npz(TestModels.wild("lstm-layout0-reference.npz"));
            assertArrayEquals(new long[] {-1, 5, 6}, layers(h).get("/lstm/LSTM").outputShape());
            check(h, ref, "logits", Map.of("Y", "/lstm/LSTM"), Map.of());
        }
        for (String op : List.of("rnn-layout1", "gru-layout1", "rnn-simple-layout1")) {
            org.coact.api.ModelException e = assertThrows(org.coact.api.ModelException.class,
                    () -> format.open(TestModels.wild("refusals/" + op + ".onnx"), OpenOptions.NONE));
            assertTrue(e.getMessage().contains("has layout=1") && e.getMessage().contains("export it with layout 0"),
                    e.getMessage());
        }
    }
}
