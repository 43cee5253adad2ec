package org.coact.plugin.dl4j;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.coact.api.FloatTensor;
import org.coact.api.format.ExtractionRequest;
import org.coact.api.format.Extractor;
import org.coact.api.format.LayerInfo;
import org.coact.api.format.LayerRole;
import org.coact.api.format.ModelDescription;
import org.coact.api.format.ModelFormat;
import org.coact.api.format.ModelHandle;
import org.coact.api.format.OpenOptions;
import org.coact.api.format.TensorSpec;
import org.coact.plugin.testkit.TestModels;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ActivationLayer;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.util.ModelSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/** Layers, shapes, channel axes and roles as the plugin describes them. */
class DescribeTest {

    @TempDir
    Path tmp;

    private static ModelDescription describe(ModelFormat f, Path p, OpenOptions o) throws Exception {
        try (ModelHandle h = f.open(p, o)) {
            return h.describe();
        }
    }

    private static String layers(ModelDescription d) {
        StringBuilder s = new StringBuilder();
        for (LayerInfo l : d.layers()) {
            s.append(l.name()).append(' ').append(l.opType()).append(' ').append(java.util.Arrays.toString(l.outputShape()))
                    .append(" axis=").append(l.channelAxis()).append(' ').append(l.is(LayerRole.ACTIVATION) ? "A" : "-")
                    .append(l.is(LayerRole.MODEL_OUTPUT) ? "O" : "-").append('\n');
        }
        return s.toString();
    }

    @Test
    void dl4jMlpIsThreeNamedDenseLayers() throws Exception {
        ModelDescription d = describe(new Dl4jFormat(), TestModels.dl4j("mlp", 10), OpenOptions.NONE);
        assertEquals(List.of(new TensorSpec("input", org.coact.api.format.DType.FLOAT32, new long[] {-1, 784})), d.inputs());
        assertEquals("fc3", d.outputs().get(0).name());
        assertEquals("""
                fc1 DenseLayer(relu) [-1, 128] axis=-1 A-
                fc2 DenseLayer(relu) [-1, 64] axis=-1 A-
                fc3 DenseLayer(identity) [-1, 10] axis=-1 -O
                """, layers(d));
    }

    @Test
    void dl4jCnnIsAGraphWithNchwConvolutionsAndAnInferredInput() throws Exception {
        ModelDescription d = describe(new Dl4jFormat(), TestModels.dl4j("cnn", 10), OpenOptions.NONE);
        assertArrayEquals(new long[] {-1, 1, 28, 28}, d.inputs().get(0).shape());
        assertEquals("""
                conv1 ConvolutionLayer(relu) [-1, 8, 28, 28] axis=1 A-
                pool1 SubsamplingLayer [-1, 8, 14, 14] axis=1 --
                conv2 ConvolutionLayer(relu) [-1, 16, 14, 14] axis=1 A-
                pool2 SubsamplingLayer [-1, 16, 7, 7] axis=1 --
                fc1 DenseLayer(relu) [-1, 64] axis=-1 A-
                fc2 DenseLayer(identity) [-1, 10] axis=-1 -O
                """, layers(d));
    }

    @Test
    void inputShapeOptionOverridesTheInference() throws Exception {
        ModelDescription d = describe(new Dl4jFormat(), TestModels.dl4j("cnn", 10),
                new OpenOptions(Map.of("input-shape", "1,32,32")));
        assertArrayEquals(new long[] {-1, 1, 32, 32}, d.inputs().get(0).shape());
        assertArrayEquals(new long[] {-1, 8, 32, 32}, d.layer("conv1").orElseThrow().outputShape());
    }

    @Test
    void kerasModelsKeepKerasNamesAndChannelsLast() throws Exception {
        ModelDescription mlp = describe(new KerasFormat(), TestModels.keras("mlp"), OpenOptions.NONE);
        assertArrayEquals(new long[] {-1, 784}, mlp.inputs().get(0).shape());
        assertEquals(List.of("fc1", "fc2", "fc3"), mlp.layers().stream().map(LayerInfo::name).toList());
        ModelDescription cnn = describe(new KerasFormat(), TestModels.keras("cnn"), OpenOptions.NONE);
        assertEquals("input", cnn.inputs().get(0).name());
        assertArrayEquals(new long[] {-1, 28, 28, 1}, cnn.inputs().get(0).shape());
        assertEquals(List.of("fc2"), cnn.outputs().stream().map(TensorSpec::name).toList());
        assertEquals("""
                conv1 ConvolutionLayer(relu) [-1, 28, 28, 8] axis=3 A-
                pool1 SubsamplingLayer [-1, 14, 14, 8] axis=3 --
                conv2 ConvolutionLayer(relu) [-1, 14, 14, 16] axis=3 A-
                pool2 SubsamplingLayer [-1, 7, 7, 16] axis=3 --
                flatten PreprocessorVertex [-1, 784] axis=-1 --
                fc1 DenseLayer(relu) [-1, 64] axis=-1 A-
                fc2 DenseLayer(identity) [-1, 10] axis=-1 -O
                """, layers(cnn));
    }

    @Test
    void unnamedLayersKeepDl4jsIndexNamesAndSeparateActivationLayersAreActivations() throws Exception {
        MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder().seed(1).list()
                .layer(new ConvolutionLayer.Builder(3, 3).nOut(2).activation(Activation.IDENTITY).build())
                .layer(new ActivationLayer.Builder().activation(Activation.TANH).build())
                .layer(new DenseLayer.Builder().name("hidden").nOut(5).activation(Activation.SWISH).build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nOut(3).activation(Activation.SOFTMAX)
                        .build())
                .setInputType(InputType.convolutionalFlat(6, 6, 1))
                .build();
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();
        Path zip = tmp.resolve("tiny.zip");
        ModelSerializer.writeModel(net, zip.toFile(), false);
        try (ModelHandle h = new Dl4jFormat().open(zip, OpenOptions.NONE)) {
            ModelDescription d = h.describe();
            assertArrayEquals(new long[] {-1, 36}, d.inputs().get(0).shape(), "from the FeedForwardToCnnPreProcessor");
            assertEquals("""
                    layer0 ConvolutionLayer(identity) [-1, 2, 4, 4] axis=1 --
                    layer1 ActivationLayer(tanh) [-1, 2, 4, 4] axis=1 A-
                    hidden DenseLayer(swish) [-1, 5] axis=-1 A-
                    layer3 OutputLayer(softmax) [-1, 3] axis=-1 -O
                    """, layers(d));
            try (Extractor x = h.extractor(new ExtractionRequest(List.of("layer1", "hidden"), "layer3"))) {
                var r = x.run(Map.of("input", new FloatTensor(new long[] {2, 36}, new float[72])));
                assertArrayEquals(new long[] {2, 2, 4, 4}, r.activations().get("layer1").shape());
                assertArrayEquals(new long[] {2, 3}, r.output().shape());
                float sum = r.output().data()[0] + r.output().data()[1] + r.output().data()[2];
                assertEquals(1f, sum, 1e-6f);
            }
        }
    }

    @Test
    void activationRolesSkipIdentityAndSoftmax() {
        assertTrue(LayerKinds.isActivationFunction(Activation.RELU.getActivationFunction()));
        assertTrue(LayerKinds.isActivationFunction(Activation.GELU.getActivationFunction()));
        assertTrue(LayerKinds.isActivationFunction(Activation.LEAKYRELU.getActivationFunction()));
        for (Activation a : Set.of(Activation.IDENTITY, Activation.SOFTMAX, Activation.CUBE)) {
            assertTrue(!LayerKinds.isActivationFunction(a.getActivationFunction()), a.toString());
        }
    }
    /** x W + b for a dense layer, computed by hand from its parameters. */
    private static float[] dense(float[] x, int n, org.nd4j.linalg.api.ndarray.INDArray w,
            org.nd4j.linalg.api.ndarray.INDArray b) {
        int in = (int) w.size(0);
        int out = (int) w.size(1);
        float[] y = new float[n * out];
        for (int s = 0; s < n; s++) {
            for (int o = 0; o < out; o++) {
                double v = b.getDouble(o);
                for (int i = 0; i < in; i++) {
                    v += x[s * in + i] * w.getDouble(i, o);
                }
                y[s * out + o] = (float) v;
            }
        }
        return y;
    }

    @Test
    void aLayerFollowedByAnActivationLayerKeepsItsOwnOutput() throws Exception {
        // DL4J's ActivationLayer works in place in inference; the layer before must not see it
        float[] x = new float[4 * 5];
        java.util.SplittableRandom r = new java.util.SplittableRandom(3);
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) (r.nextDouble() * 2 - 1);
        }
        MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder().seed(1).list()
                .layer(new DenseLayer.Builder().name("pre").nIn(5).nOut(6).activation(Activation.IDENTITY).build())
                .layer(new ActivationLayer.Builder().name("act").activation(Activation.RELU).build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).name("out").nOut(3)
                        .activation(Activation.SOFTMAX).build())
                .setInputType(InputType.feedForward(5)).build();
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();
        float[] expected = dense(x, 4, net.getLayer(0).getParam("W"), net.getLayer(0).getParam("b"));
        Path zip = tmp.resolve("in-place.zip");
        ModelSerializer.writeModel(net, zip.toFile(), false);
        org.deeplearning4j.nn.conf.ComputationGraphConfiguration gconf = new NeuralNetConfiguration.Builder().seed(1)
                .graphBuilder().addInputs("in")
                .addLayer("pre", new DenseLayer.Builder().nIn(5).nOut(6).activation(Activation.IDENTITY).build(), "in")
                .addLayer("act", new ActivationLayer.Builder().activation(Activation.RELU).build(), "pre")
                .addLayer("out", new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nOut(3)
                        .activation(Activation.SOFTMAX).build(), "act")
                .setOutputs("out").setInputTypes(InputType.feedForward(5)).build();
        org.deeplearning4j.nn.graph.ComputationGraph graph = new org.deeplearning4j.nn.graph.ComputationGraph(gconf);
        graph.init();
        float[] expectedGraph = dense(x, 4, graph.getLayer("pre").getParam("W"), graph.getLayer("pre").getParam("b"));
        Path gzip = tmp.resolve("in-place-graph.zip");
        ModelSerializer.writeModel(graph, gzip.toFile(), false);
        for (Object[] c : new Object[][] {{zip, "input", expected}, {gzip, "in", expectedGraph}}) {
            try (ModelHandle h = new Dl4jFormat().open((Path) c[0], OpenOptions.NONE);
                    Extractor e = h.extractor(new ExtractionRequest(List.of("pre", "act"), "out"))) {
                var res = e.run(Map.of((String) c[1], new FloatTensor(new long[] {4, 5}, x.clone())));
                float[] pre = res.activations().get("pre").data();
                float[] want = (float[]) c[2];
                int negative = 0;
                for (int i = 0; i < want.length; i++) {
                    assertEquals(want[i], pre[i], 1e-5, c[0] + " pre[" + i + "]");
                    negative += want[i] < 0 ? 1 : 0;
                    assertEquals(Math.max(0, want[i]), res.activations().get("act").data()[i], 1e-5);
                }
                assertTrue(negative > 0, "the test needs negative pre-activations");
            }
        }
    }
}
