package org.coact.plugin.dl4j.generator;

import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.util.ModelSerializer;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Writes {@code testmodels/dl4j/}: the bundled PyTorch MNIST checkpoints (read from their ONNX
 * exports' initializers) as Deeplearning4j ModelSerializer zips with the same weights, every epoch
 * 00-10. The MLP becomes a {@link MultiLayerNetwork} ({@code fc1}, {@code fc2} dense ReLU,
 * {@code fc3} dense identity = the logits); the CNN a {@link ComputationGraph} with input
 * {@code input} [N,1,28,28] NCHW ({@code conv1}, {@code pool1}, {@code conv2}, {@code pool2},
 * {@code fc1}, {@code fc2}). Both end in an identity dense layer so the output is torch's logits
 * (an inference export: no loss layer).
 *
 * <p>Layouts: torch/ONNX Gemm weights are [out,in] with transB=1, DL4J dense {@code W} is
 * [in,out] (transposed here); conv weights are OIHW in both. The CNN's flatten is NCHW in C order
 * in both (DL4J's {@code CnnToFeedForwardPreProcessor}), so fc1 needs no permutation; the
 * equivalence tests check it against torch's activations.
 *
 * <p>Run: {@code mvn -B -pl plugins/dl4j test-compile exec:java} (argument: the testmodels dir).
 */
public final class Dl4jTestModelGenerator {

    private Dl4jTestModelGenerator() {
    }

    /**
     * @param args the testmodels directory
     * @throws IOException if a file cannot be read or written
     */
    public static void main(String[] args) throws IOException {
        Path root = Path.of(args.length > 0 ? args[0] : "testmodels");
        Path out = Files.createDirectories(root.resolve("dl4j"));
        for (int epoch = 0; epoch <= 10; epoch++) {
            String e = String.format("epoch%02d", epoch);
            Map<String, INDArray> mlp = initializers(root.resolve("onnx/mlp/mlp-" + e + ".onnx"));
            write(mlp(mlp), out.resolve("mlp-" + e + ".zip"));
            Map<String, INDArray> cnn = initializers(root.resolve("onnx/cnn/cnn-" + e + ".onnx"));
            write(cnn(cnn), out.resolve("cnn-" + e + ".zip"));
        }
    }

    private static void write(org.deeplearning4j.nn.api.Model net, Path file) throws IOException {
        ModelSerializer.writeModel(net, file.toFile(), false);
        System.out.printf("%s %d bytes%n", file, Files.size(file));
    }

    /** @return the 784-128-64-10 MLP with the checkpoint's weights */
    static MultiLayerNetwork mlp(Map<String, INDArray> w) {
        MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder().seed(0).dataType(DataType.FLOAT).list()
                .layer(new DenseLayer.Builder().name("fc1").nIn(784).nOut(128).activation(Activation.RELU).build())
                .layer(new DenseLayer.Builder().name("fc2").nIn(128).nOut(64).activation(Activation.RELU).build())
                .layer(new DenseLayer.Builder().name("fc3").nIn(64).nOut(10).activation(Activation.IDENTITY).build())
                .build();
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();
        for (int i = 0; i < 3; i++) {
            String m = "fc" + (i + 1);
            net.getLayer(i).setParam("W", w.get(m + ".weight").transpose().dup('c'));
            net.getLayer(i).setParam("b", w.get(m + ".bias").reshape(1, -1));
        }
        return net;
    }

    /** @return the CNN as a computation graph with the checkpoint's weights */
    static ComputationGraph cnn(Map<String, INDArray> w) {
        ComputationGraphConfiguration conf = new NeuralNetConfiguration.Builder().seed(0).dataType(DataType.FLOAT)
                .convolutionMode(ConvolutionMode.Truncate).graphBuilder()
                .addInputs("input")
                .setInputTypes(InputType.convolutional(28, 28, 1))
                .addLayer("conv1", new ConvolutionLayer.Builder(3, 3).stride(1, 1).padding(1, 1).nIn(1).nOut(8)
                        .activation(Activation.RELU).build(), "input")
                .addLayer("pool1", new SubsamplingLayer.Builder(SubsamplingLayer.PoolingType.MAX).kernelSize(2, 2)
                        .stride(2, 2).build(), "conv1")
                .addLayer("conv2", new ConvolutionLayer.Builder(3, 3).stride(1, 1).padding(1, 1).nIn(8).nOut(16)
                        .activation(Activation.RELU).build(), "pool1")
                .addLayer("pool2", new SubsamplingLayer.Builder(SubsamplingLayer.PoolingType.MAX).kernelSize(2, 2)
                        .stride(2, 2).build(), "conv2")
                .addLayer("fc1", new DenseLayer.Builder().nOut(64).activation(Activation.RELU).build(), "pool2")
                .addLayer("fc2", new DenseLayer.Builder().nOut(10).activation(Activation.IDENTITY).build(), "fc1")
                .setOutputs("fc2")
                .build();
        ComputationGraph net = new ComputationGraph(conf);
        net.init();
        for (String m : new String[] {"conv1", "conv2"}) {
            net.getLayer(m).setParam("W", w.get(m + ".weight").dup('c'));
            net.getLayer(m).setParam("b", w.get(m + ".bias").reshape(1, -1));
        }
        for (String m : new String[] {"fc1", "fc2"}) {
            net.getLayer(m).setParam("W", w.get(m + ".weight").transpose().dup('c'));
            net.getLayer(m).setParam("b", w.get(m + ".bias").reshape(1, -1));
        }
        return net;
    }

    /**
     * @param onnx an ONNX file
     * @return its float initializers by name, in their ONNX shapes
     * @throws IOException if the file cannot be read
     */
    public static Map<String, INDArray> initializers(Path onnx) throws IOException {
        ModelProto model = ModelProto.parseFrom(Files.readAllBytes(onnx));
        Map<String, INDArray> out = new HashMap<>();
        for (TensorProto t : model.getGraph().getInitializerList()) {
            if (t.getDataType() != TensorProto.DataType.FLOAT.getNumber()) {
                throw new IllegalStateException(onnx + ": initializer " + t.getName() + " is not float32");
            }
            long[] shape = t.getDimsList().stream().mapToLong(Long::longValue).toArray();
            float[] v;
            if (!t.getRawData().isEmpty()) {
                ByteBuffer b = t.getRawData().asReadOnlyByteBuffer().order(ByteOrder.LITTLE_ENDIAN);
                v = new float[b.remaining() / 4];
                b.asFloatBuffer().get(v);
            } else {
                v = new float[t.getFloatDataCount()];
                for (int i = 0; i < v.length; i++) {
                    v[i] = t.getFloatData(i);
                }
            }
            out.put(t.getName(), Nd4j.create(v, shape, 'c'));
        }
        return out;
    }
}
