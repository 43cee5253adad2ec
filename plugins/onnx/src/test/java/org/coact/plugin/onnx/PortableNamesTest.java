package org.coact.plugin.onnx;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.onnx.proto.OnnxMl.GraphProto;
import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import ai.onnx.proto.OnnxMl.OperatorSetIdProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import ai.onnx.proto.OnnxMl.TensorShapeProto;
import ai.onnx.proto.OnnxMl.TypeProto;
import ai.onnx.proto.OnnxMl.ValueInfoProto;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.coact.api.FloatTensor;
import org.coact.api.format.BatchResult;
import org.coact.api.format.DType;
import org.coact.api.format.ExtractionRequest;
import org.coact.api.format.Extractor;
import org.coact.api.format.LayerInfo;
import org.coact.api.format.ModelDescription;
import org.coact.api.format.OpenOptions;
import org.coact.api.format.TensorSpec;
import org.coact.plugin.testkit.TestModels;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Value names that ONNX Runtime's Java API cannot pass unchanged (emoji and other characters
 * outside the BMP, NUL) are aliased in memory ({@link ValueNames}): the layers keep their shapes
 * and run, and Coact sees the file's names for inputs, outputs and layers. Before, an emoji in a
 * node name (PyTorch names values after nodes) gave the layer the shape [-1] and the run failed.
 */
class PortableNamesTest {

    static final String INPUT = "in \uD83D\uDE00";
    static final String OUTPUT = "y \uD83E\uDDE0\u0000";
    static final String RELU = "/emoji \uD83D\uDE00/Relu";
    static final String UNNAMED_VALUE = "v \uD83D\uDC4D";

    @TempDir
    Path tmp;

    private static ValueInfoProto value(String name, long batch) {
        TensorShapeProto.Dimension first = batch > 0 ? TensorShapeProto.Dimension.newBuilder().setDimValue(batch).build()
                : TensorShapeProto.Dimension.newBuilder().setDimParam("N").build();
        TensorShapeProto shape = TensorShapeProto.newBuilder().addDim(first)
                .addDim(TensorShapeProto.Dimension.newBuilder().setDimValue(3)).build();
        return ValueInfoProto.newBuilder().setName(name).setType(TypeProto.newBuilder().setTensorType(
                TypeProto.Tensor.newBuilder().setElemType(TensorProto.DataType.FLOAT_VALUE).setShape(shape))).build();
    }

    /** in -> Relu (named RELU, value RELU_output_0) -> Neg (unnamed, value UNNAMED_VALUE) -> Neg -> out. */
    private Path model(long batch) throws Exception {
        GraphProto g = GraphProto.newBuilder().setName("names")
                .addInput(value(INPUT, batch))
                .addOutput(value(OUTPUT, batch))
                .addNode(NodeProto.newBuilder().setName(RELU).setOpType("Relu").addInput(INPUT).addOutput(RELU + "_output_0"))
                .addNode(NodeProto.newBuilder().setOpType("Neg").addInput(RELU + "_output_0").addOutput(UNNAMED_VALUE))
                .addNode(NodeProto.newBuilder().setName("/out/Neg").setOpType("Neg").addInput(UNNAMED_VALUE).addOutput(OUTPUT))
                .build();
        ModelProto m = ModelProto.newBuilder().setIrVersion(7).setProducerName("coact-test")
                .addOpsetImport(OperatorSetIdProto.newBuilder().setVersion(13)).setGraph(g).build();
        return Files.write(tmp.resolve("names-" + batch + ".onnx"), m.toByteArray());
    }

    @Test
    void portableNamesAreWhatTheJniLayerPassesUnchanged() {
        assertTrue(ValueNames.portable("/act1/Relu_output_0"));
        assertTrue(ValueNames.portable("\u05e9\u05dc\u05d5\u05dd \u202e \u4e2d\u6587 \u0001"), "BMP text, controls too");
        assertFalse(ValueNames.portable("a \uD83D\uDE00"), "outside the BMP");
        assertFalse(ValueNames.portable("nul\u0000"), "NUL");
    }

    @Test
    void aModelWithoutSuchNamesIsLeftAsItIs() throws Exception {
        ModelProto m = ModelProto.parseFrom(Files.readAllBytes(TestModels.onnx("mlp", 10)));
        ValueNames.Portable p = ValueNames.of(m);
        assertSame(m, p.model());
        assertEquals(0, p.names().aliased());
    }

    @Test
    void emojiAndNulNamesKeepTheirShapesAndRunWithTheFilesNames() throws Exception {
        for (long batch : new long[] {0, 1}) { // a free batch axis, and an export fixed at batch 1
            try (OnnxModelHandle h = (OnnxModelHandle) new OnnxFormat().open(model(batch), OpenOptions.NONE)) {
                ModelDescription d = h.describe();
                assertEquals(List.of(new TensorSpec(INPUT, DType.FLOAT32, new long[] {-1, 3})), d.inputs());
                assertEquals(List.of(new TensorSpec(OUTPUT, DType.FLOAT32, new long[] {-1, 3})), d.outputs());
                assertEquals(List.of(RELU, UNNAMED_VALUE, "/out/Neg"), d.layers().stream().map(LayerInfo::name).toList());
                for (LayerInfo l : d.layers()) {
                    assertArrayEquals(new long[] {-1, 3}, l.outputShape(), l.name());
                }
                try (Extractor x = h.extractor(new ExtractionRequest(List.of(RELU, UNNAMED_VALUE), OUTPUT))) {
                    float[] data = {-2, 0, 3, 4, -5, 6};
                    BatchResult r = x.run(Map.of(INPUT, new FloatTensor(new long[] {2, 3}, data)));
                    assertArrayEquals(new float[] {0, 0, 3, 4, 0, 6}, r.activations().get(RELU).data());
                    assertArrayEquals(new float[] {-0f, -0f, -3, -4, -0f, -6}, r.activations().get(UNNAMED_VALUE).data());
                    assertArrayEquals(new float[] {0, 0, 3, 4, 0, 6}, r.output().data());
                }
            }
        }
    }
}
