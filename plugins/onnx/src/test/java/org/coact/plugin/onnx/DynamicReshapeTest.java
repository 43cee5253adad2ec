package org.coact.plugin.onnx;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.onnx.proto.OnnxMl.AttributeProto;
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
import org.coact.api.format.ExtractionRequest;
import org.coact.api.format.Extractor;
import org.coact.api.format.LayerInfo;
import org.coact.api.format.ModelDescription;
import org.coact.api.format.OpenOptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * PyTorch's {@code x.view(x.size(0), -1)}: Shape, Gather, Unsqueeze, Concat, Reshape. The int64
 * shape ops are not layers, and the Reshape's shape, which static inference leaves open, is
 * observed on one zero sample: [N, 2, 3] becomes [-1, 6].
 */
class DynamicReshapeTest {

    @TempDir
    Path tmp;

    private static ValueInfoProto input() {
        TensorShapeProto.Builder shape = TensorShapeProto.newBuilder()
                .addDim(TensorShapeProto.Dimension.newBuilder().setDimParam("batch"))
                .addDim(TensorShapeProto.Dimension.newBuilder().setDimValue(2))
                .addDim(TensorShapeProto.Dimension.newBuilder().setDimValue(3));
        return ValueInfoProto.newBuilder().setName("x").setType(TypeProto.newBuilder().setTensorType(
                TypeProto.Tensor.newBuilder().setElemType(TensorProto.DataType.FLOAT_VALUE).setShape(shape))).build();
    }

    private static TensorProto int64(String name, long value, boolean vector) {
        TensorProto.Builder t = TensorProto.newBuilder().setName(name).setDataType(TensorProto.DataType.INT64_VALUE)
                .addInt64Data(value);
        return vector ? t.addDims(1).build() : t.build();
    }

    private static NodeProto node(String name, String op, String out, String... in) {
        return NodeProto.newBuilder().setName(name).setOpType(op).addAllInput(List.of(in)).addOutput(out).build();
    }

    @Test
    void shapeOpsAreSkippedAndTheFlattenedShapeIsObserved() throws Exception {
        GraphProto g = GraphProto.newBuilder().setName("view")
                .addInput(input())
                .addOutput(ValueInfoProto.newBuilder().setName("y"))
                .addInitializer(int64("zero", 0, false))
                .addInitializer(int64("axes", 0, true))
                .addInitializer(int64("minus_one", -1, true))
                .addNode(node("/Shape", "Shape", "s", "x"))
                .addNode(node("/Gather", "Gather", "n", "s", "zero"))
                .addNode(node("/Unsqueeze", "Unsqueeze", "n1", "n", "axes"))
                .addNode(node("/Concat", "Concat", "target", "n1", "minus_one").toBuilder()
                        .addAttribute(AttributeProto.newBuilder().setName("axis").setI(0)
                                .setType(AttributeProto.AttributeType.INT)).build())
                .addNode(node("/Reshape", "Reshape", "r", "x", "target"))
                .addNode(node("/act/Relu", "Relu", "y", "r"))
                .build();
        ModelProto m = ModelProto.newBuilder().setIrVersion(7).setProducerName("coact-test")
                .addOpsetImport(OperatorSetIdProto.newBuilder().setVersion(13)).setGraph(g).build();
        Path file = Files.write(tmp.resolve("view.onnx"), m.toByteArray());

        try (OnnxModelHandle h = (OnnxModelHandle) new OnnxFormat().open(file, OpenOptions.NONE)) {
            ModelDescription d = h.describe();
            assertEquals(List.of("/Reshape", "/act/Relu"), d.layers().stream().map(LayerInfo::name).toList());
            assertArrayEquals(new long[] {-1, 6}, d.layer("/Reshape").orElseThrow().outputShape());
            assertArrayEquals(new long[] {-1, 6}, d.layer("/act/Relu").orElseThrow().outputShape());
            assertEquals(BatchMode.DYNAMIC, h.batchMode());
            try (Extractor x = h.extractor(new ExtractionRequest(List.of("/Reshape"), "y"))) {
                float[] data = new float[18];
                for (int i = 0; i < data.length; i++) {
                    data[i] = i - 9;
                }
                BatchResult r = x.run(Map.of("x", new FloatTensor(new long[] {3, 2, 3}, data)));
                assertArrayEquals(new long[] {3, 6}, r.activations().get("/Reshape").shape());
                assertArrayEquals(data, r.activations().get("/Reshape").data());
                assertEquals(0f, r.output().data()[0]);
                assertEquals(8f, r.output().data()[17]);
            }
        }
    }
}
