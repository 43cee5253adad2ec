package org.coact.plugin.tensorflow.generator;

import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The bundled PyTorch checkpoints' weights, read from the ONNX initializers and laid out as
 * TensorFlow/Keras expects them: Dense kernels [in, out] (ONNX Gemm with transB=1 stores
 * [out, in]), Conv2D kernels HWIO (PyTorch OIHW), and the CNN's first Dense kernel reordered so
 * that flattening an NHWC [7,7,16] map feeds the same weights as PyTorch's NCHW flatten.
 */
final class Weights {

    /**
     * One variable.
     *
     * @param shape TF shape
     * @param data row-major values
     */
    record Var(long[] shape, float[] data) {
    }

    private Weights() {
    }

    /** @return ONNX initializer name to (shape, values) */
    static Map<String, Var> readOnnx(Path onnx) throws IOException {
        ModelProto m = ModelProto.parseFrom(Files.readAllBytes(onnx));
        Map<String, Var> out = new LinkedHashMap<>();
        for (TensorProto t : m.getGraph().getInitializerList()) {
            if (t.getDataType() != TensorProto.DataType.FLOAT.getNumber()) {
                continue;
            }
            long[] dims = t.getDimsList().stream().mapToLong(Long::longValue).toArray();
            float[] data;
            if (!t.getRawData().isEmpty()) {
                ByteBuffer b = t.getRawData().asReadOnlyByteBuffer().order(ByteOrder.LITTLE_ENDIAN);
                data = new float[b.remaining() / 4];
                b.asFloatBuffer().get(data);
            } else {
                data = new float[t.getFloatDataCount()];
                for (int i = 0; i < data.length; i++) {
                    data[i] = t.getFloatData(i);
                }
            }
            out.put(t.getName(), new Var(dims, data));
        }
        return out;
    }

    /** MLP 784-128-64-10: Keras names dense, dense_1, dense_2. */
    static Map<String, Var> mlp(Map<String, Var> onnx) {
        Map<String, Var> tf = new LinkedHashMap<>();
        dense(tf, "dense", onnx, "fc1");
        dense(tf, "dense_1", onnx, "fc2");
        dense(tf, "dense_2", onnx, "fc3");
        return tf;
    }

    /** CNN: conv2d, conv2d_1 (HWIO), dense (NHWC flatten order), dense_1. */
    static Map<String, Var> cnn(Map<String, Var> onnx) {
        Map<String, Var> tf = new LinkedHashMap<>();
        conv(tf, "conv2d", onnx, "conv1");
        conv(tf, "conv2d_1", onnx, "conv2");
        Var w = get(onnx, "fc1.weight"); // [64, 16*7*7], input index c*49 + h*7 + w
        int out = (int) w.shape()[0];
        int c = 16;
        int hw = 7;
        float[] k = new float[784 * out]; // [784, 64], input index (h*7 + w)*16 + c
        for (int o = 0; o < out; o++) {
            for (int ch = 0; ch < c; ch++) {
                for (int h = 0; h < hw; h++) {
                    for (int x = 0; x < hw; x++) {
                        int torchIn = ch * hw * hw + h * hw + x;
                        int tfIn = (h * hw + x) * c + ch;
                        k[tfIn * out + o] = w.data()[o * 784 + torchIn];
                    }
                }
            }
        }
        tf.put("dense/kernel", new Var(new long[] {784, out}, k));
        tf.put("dense/bias", get(onnx, "fc1.bias"));
        dense(tf, "dense_1", onnx, "fc2");
        return tf;
    }

    private static void dense(Map<String, Var> tf, String layer, Map<String, Var> onnx, String module) {
        Var w = get(onnx, module + ".weight");
        int out = (int) w.shape()[0];
        int in = (int) w.shape()[1];
        float[] k = new float[in * out];
        for (int o = 0; o < out; o++) {
            for (int i = 0; i < in; i++) {
                k[i * out + o] = w.data()[o * in + i];
            }
        }
        tf.put(layer + "/kernel", new Var(new long[] {in, out}, k));
        tf.put(layer + "/bias", get(onnx, module + ".bias"));
    }

    private static void conv(Map<String, Var> tf, String layer, Map<String, Var> onnx, String module) {
        Var w = get(onnx, module + ".weight"); // OIHW
        int o = (int) w.shape()[0];
        int i = (int) w.shape()[1];
        int kh = (int) w.shape()[2];
        int kw = (int) w.shape()[3];
        float[] k = new float[w.data().length]; // HWIO
        for (int a = 0; a < o; a++) {
            for (int b = 0; b < i; b++) {
                for (int y = 0; y < kh; y++) {
                    for (int x = 0; x < kw; x++) {
                        k[((y * kw + x) * i + b) * o + a] = w.data()[((a * i + b) * kh + y) * kw + x];
                    }
                }
            }
        }
        tf.put(layer + "/kernel", new Var(new long[] {kh, kw, i, o}, k));
        tf.put(layer + "/bias", get(onnx, module + ".bias"));
    }

    private static Var get(Map<String, Var> onnx, String name) {
        Var v = onnx.get(name);
        if (v == null) {
            throw new IllegalArgumentException("no initializer '" + name + "'; have " + onnx.keySet());
        }
        return new Var(v.shape().clone(), Arrays.copyOf(v.data(), v.data().length));
    }
}
