package org.coact.plugin.onnx;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.coact.api.format.DType;
import org.coact.api.format.LayerInfo;
import org.coact.api.format.LayerRole;
import org.coact.api.format.ModelDescription;
import org.coact.api.format.OpenOptions;
import org.coact.api.format.TensorSpec;
import org.coact.plugin.testkit.TestModels;
import org.junit.jupiter.api.Test;

/** Layers, op types, shapes and roles of the PyTorch exports in testmodels/. */
class DescribeTest {

    private final OnnxFormat format = new OnnxFormat();

    private ModelDescription describe(Path p) throws Exception {
        try (var h = format.open(p, OpenOptions.NONE)) {
            return h.describe();
        }
    }

    private static List<String> names(ModelDescription d) {
        return d.layers().stream().map(LayerInfo::name).toList();
    }

    private static List<String> autoCandidates(ModelDescription d) {
        return d.layers().stream().filter(l -> l.is(LayerRole.ACTIVATION) && !l.is(LayerRole.MODEL_OUTPUT))
                .map(LayerInfo::name).toList();
    }

    private static void assertLayer(ModelDescription d, String name, String op, long[] shape, int channelAxis,
            Set<LayerRole> roles) {
        LayerInfo l = d.layer(name).orElseThrow(() -> new AssertionError("no layer " + name + " in " + names(d)));
        assertEquals(op, l.opType(), name);
        assertArrayEquals(shape, l.outputShape(), name);
        assertEquals(channelAxis, l.channelAxis(), name);
        assertEquals(roles, l.roles(), name);
    }

    @Test
    void mlpListsItsFiveNodesWithInferredShapes() throws Exception {
        ModelDescription d = describe(TestModels.onnx("mlp", 10));
        assertEquals(List.of(new TensorSpec("input", DType.FLOAT32, new long[] {-1, 784})), d.inputs());
        assertEquals(List.of(new TensorSpec("logits", DType.FLOAT32, new long[] {-1, 10})), d.outputs());
        assertEquals(List.of("/fc1/Gemm", "/act1/Relu", "/fc2/Gemm", "/act2/Relu", "/fc3/Gemm"), names(d));
        assertLayer(d, "/fc1/Gemm", "Gemm", new long[] {-1, 128}, -1, Set.of());
        assertLayer(d, "/act1/Relu", "Relu", new long[] {-1, 128}, -1, Set.of(LayerRole.ACTIVATION));
        assertLayer(d, "/act2/Relu", "Relu", new long[] {-1, 64}, -1, Set.of(LayerRole.ACTIVATION));
        assertLayer(d, "/fc3/Gemm", "Gemm", new long[] {-1, 10}, -1, Set.of(LayerRole.MODEL_OUTPUT));
        assertEquals(List.of("/act1/Relu", "/act2/Relu"), autoCandidates(d));
        assertEquals(128, d.layer("/act1/Relu").orElseThrow().neurons());
    }

    @Test
    void cnnConvActivationsAreRankFourChannelsFirst() throws Exception {
        ModelDescription d = describe(TestModels.onnx("cnn", 10));
        assertArrayEquals(new long[] {-1, 1, 28, 28}, d.inputs().get(0).shape());
        assertEquals(List.of("/conv1/Conv", "/act1/Relu", "/pool1/MaxPool", "/conv2/Conv", "/act2/Relu",
                "/pool2/MaxPool", "/Flatten", "/fc1/Gemm", "/act3/Relu", "/fc2/Gemm"), names(d));
        assertLayer(d, "/conv1/Conv", "Conv", new long[] {-1, 8, 28, 28}, 1, Set.of());
        assertLayer(d, "/act1/Relu", "Relu", new long[] {-1, 8, 28, 28}, 1, Set.of(LayerRole.ACTIVATION));
        assertLayer(d, "/pool1/MaxPool", "MaxPool", new long[] {-1, 8, 14, 14}, 1, Set.of());
        assertLayer(d, "/act2/Relu", "Relu", new long[] {-1, 16, 14, 14}, 1, Set.of(LayerRole.ACTIVATION));
        assertLayer(d, "/Flatten", "Flatten", new long[] {-1, 784}, -1, Set.of());
        assertLayer(d, "/act3/Relu", "Relu", new long[] {-1, 64}, -1, Set.of(LayerRole.ACTIVATION));
        assertEquals(List.of("/act1/Relu", "/act2/Relu", "/act3/Relu"), autoCandidates(d));
        assertEquals(16, d.layer("/act2/Relu").orElseThrow().neurons());
    }

    @Test
    void fixedBatchExportsReportAFreeBatchAxisAndSkipConstants() throws Exception {
        ModelDescription d = describe(TestModels.special("cnn-fixed-batch.onnx"));
        assertArrayEquals(new long[] {-1, 1, 28, 28}, d.inputs().get(0).shape());
        assertTrue(d.inputs().get(0).dynamicBatch());
        assertArrayEquals(new long[] {-1, 10}, d.outputs().get(0).shape());
        assertFalse(names(d).contains("/Constant"));
        assertLayer(d, "/Reshape", "Reshape", new long[] {-1, 784}, -1, Set.of());
        assertLayer(d, "/act1/Relu", "Relu", new long[] {-1, 8, 28, 28}, 1, Set.of(LayerRole.ACTIVATION));
        assertEquals(List.of("/act1/Relu", "/act2/Relu", "/act3/Relu"), autoCandidates(d));
    }

    @Test
    void decomposedGeluAndLayerNormAreCompositeLayers() throws Exception {
        ModelDescription d = describe(TestModels.special("gelu-ln-mlp.onnx"));
        assertLayer(d, "/act1", "Gelu", new long[] {-1, 32}, -1, Set.of(LayerRole.ACTIVATION, LayerRole.COMPOSITE));
        assertLayer(d, "/act2", "Gelu", new long[] {-1, 16}, -1, Set.of(LayerRole.ACTIVATION, LayerRole.COMPOSITE));
        assertLayer(d, "/norm1", "LayerNormalization", new long[] {-1, 32}, -1, Set.of(LayerRole.COMPOSITE));
        assertLayer(d, "/act1/Erf", "Erf", new long[] {-1, 32}, -1, Set.of());
        assertLayer(d, "/act1/Mul_1", "Mul", new long[] {-1, 32}, -1, Set.of());
        assertEquals(List.of("/act1", "/act2"), autoCandidates(d));
        List<String> n = names(d);
        assertFalse(n.stream().anyMatch(s -> s.contains("Constant")), n.toString());
        // a composite comes right after the last node of its scope
        assertEquals(n.indexOf("/act1/Mul_1") + 1, n.indexOf("/act1"));
        assertEquals(n.indexOf("/norm1/Add_1") + 1, n.indexOf("/norm1"));
        assertEquals(List.of("/fc1/Gemm", "/norm1/ReduceMean", "/norm1/Sub", "/norm1/Pow", "/norm1/ReduceMean_1",
                "/norm1/Add", "/norm1/Sqrt", "/norm1/Div", "/norm1/Mul", "/norm1/Add_1", "/norm1", "/act1/Div",
                "/act1/Erf", "/act1/Add", "/act1/Mul", "/act1/Mul_1", "/act1"), n.subList(0, 17));
    }

    @Test
    void everyCheckpointOfASeriesHasTheSameLayers() throws Exception {
        ModelDescription mlp = describe(TestModels.onnx("mlp", 10));
        ModelDescription cnn = describe(TestModels.onnx("cnn", 10));
        for (int epoch = 0; epoch < 10; epoch++) {
            assertEquals(mlp.layers(), describe(TestModels.onnx("mlp", epoch)).layers(), "mlp epoch " + epoch);
            assertEquals(cnn.layers(), describe(TestModels.onnx("cnn", epoch)).layers(), "cnn epoch " + epoch);
        }
    }

    @Test
    void twoInputModelListsBothInputsByName() throws Exception {
        ModelDescription d = describe(TestModels.special("two-input.onnx"));
        assertEquals(List.of(new TensorSpec("image", DType.FLOAT32, new long[] {-1, 784}),
                new TensorSpec("aux", DType.FLOAT32, new long[] {-1, 4})), d.inputs());
        assertEquals(List.of("/act1/Relu"), autoCandidates(d));
        assertLayer(d, "/Add", "Add", new long[] {-1, 16}, -1, Set.of());
    }
}
