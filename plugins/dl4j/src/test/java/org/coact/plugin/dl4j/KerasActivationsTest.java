package org.coact.plugin.dl4j;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.coact.api.FloatTensor;
import org.coact.api.ModelException;
import org.coact.api.format.BatchResult;
import org.coact.api.format.ExtractionRequest;
import org.coact.api.format.Extractor;
import org.coact.api.format.LayerInfo;
import org.coact.api.format.LayerRole;
import org.coact.api.format.ModelHandle;
import org.coact.api.format.OpenOptions;
import org.coact.plugin.testkit.Activations;
import org.coact.plugin.testkit.Npy;
import org.coact.plugin.testkit.TestModels;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ActivationLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.shade.jackson.databind.JsonNode;
import org.nd4j.shade.jackson.databind.ObjectMapper;

/**
 * Keras activations DL4J's import lacks: {@code keras/gelu-mlp.h5} (exact GELU, swish) against
 * numpy's float64 values, the config rewrite, and {@link ActivationKerasGELU}'s values and
 * derivatives.
 */
class KerasActivationsTest {

    private static final double TOL = 1e-4;

    @Test
    void geluAndSwishLayersMatchNumpysExactValuesOnSixteenDigits() throws Exception {
        Map<String, Npy> ref = TestModels.npz(TestModels.model("keras/gelu-mlp-reference.npz"));
        FloatTensor x = ref.get("input").tensor();
        java.nio.file.Path model = TestModels.model("keras/gelu-mlp.h5");
        String sha = TestModels.sha256(model);
        try (ModelHandle h = new KerasFormat().open(model, OpenOptions.NONE)) {
            assertArrayEquals(new long[] {-1, 784}, h.describe().inputs().get(0).shape());
            assertEquals(List.of("fc1 DenseLayer(gelu_erf) [-1, 32] [ACTIVATION]",
                    "fc2 DenseLayer(swish) [-1, 16] [ACTIVATION]", "fc3 DenseLayer(identity) [-1, 10] [MODEL_OUTPUT]"),
                    h.describe().layers().stream().map(KerasActivationsTest::line).toList());
            try (Extractor ex = h.extractor(new ExtractionRequest(List.of("fc1", "fc2"), "fc3"))) {
                BatchResult r = ex.run(Map.of(h.describe().inputs().get(0).name(), x));
                Map<String, FloatTensor> got = Map.of("fc1", r.activations().get("fc1"), "fc2", r.activations().get("fc2"),
                        "logits", r.output());
                for (String k : List.of("fc1", "fc2", "logits")) {
                    FloatTensor want = ref.get(k).tensor();
                    assertArrayEquals(want.shape(), got.get(k).shape(), k);
                    double diff = Activations.maxAbsDiff(want, got.get(k));
                    System.out.printf("keras gelu-mlp vs numpy float64, 16 digits: %-6s max |diff| %.3g (values up to %.3g)%n",
                            k, diff, Activations.maxAbs(want));
                    assertTrue(diff < TOL, k + " differs from numpy by " + diff);
                }
            }
        }
        assertEquals(sha, TestModels.sha256(model), "the model file is edited in memory only");
    }

    /** Normal CDF by the erfc continued fraction (|x| / sqrt 2 >= 2) or the erf series, to ~1e-15. */
    private static double phi(double x) {
        double z = Math.abs(x) / Math.sqrt(2);
        double erf;
        if (z < 2) {
            double term = z;
            double sum = z;
            for (int n = 1; n < 60; n++) {
                term *= -z * z / n;
                sum += term / (2 * n + 1);
            }
            erf = 2 / Math.sqrt(Math.PI) * sum;
        } else {
            double f = 0;
            for (int n = 60; n >= 1; n--) {
                f = n / 2.0 / (z + f);
            }
            erf = 1 - Math.exp(-z * z) / Math.sqrt(Math.PI) / (z + f);
        }
        return x >= 0 ? 0.5 * (1 + erf) : 0.5 * (1 - erf);
    }

    private static String line(LayerInfo l) {
        Set<LayerRole> roles = l.roles();
        return l.name() + " " + l.opType() + " " + java.util.Arrays.toString(l.outputShape()) + " " + roles;
    }

    @Test
    void configRewriteReplacesGeluBySiluAndObjectsByNames() throws Exception {
        String json = """
                {"class_name": "Sequential", "config": {"name": "m", "layers": [
                  {"class_name": "InputLayer", "config": {"name": "input", "batch_input_shape": [null, 4]}},
                  {"class_name": "Dense", "config": {"name": "a", "units": 3, "activation": "gelu"}},
                  {"class_name": "Dense", "config": {"name": "b", "units": 3,
                      "activation": {"class_name": "gelu", "config": {"approximate": true}}}},
                  {"class_name": "Dense", "config": {"name": "c", "units": 3,
                      "activation": {"module": "keras.activations", "class_name": "function", "config": "gelu",
                                     "registered_name": "function"}}},
                  {"class_name": "Dense", "config": {"name": "d", "units": 3, "activation": "silu"}},
                  {"class_name": "Activation", "config": {"name": "e", "activation": {"class_name": "relu", "config": {}}}},
                  {"class_name": "Dense", "config": {"name": "f", "units": 3, "activation": "swish"}},
                  {"class_name": "Dense", "config": {"name": "g", "units": 3, "activation": "tanh"}}
                ]}, "keras_version": "2.11.0", "backend": "tensorflow"}""";
        KerasActivations.Rewrite r = KerasActivations.rewrite(json);
        assertEquals(Map.of("a", new ActivationKerasGELU(false), "b", new ActivationKerasGELU(true), "c",
                new ActivationKerasGELU(false)), r.activations());
        JsonNode layers = new ObjectMapper().readTree(r.json()).path("config").path("layers");
        StringBuilder acts = new StringBuilder();
        layers.forEach(l -> acts.append(l.path("config").path("activation").asText("-")).append(' '));
        assertEquals("- linear linear linear swish relu swish tanh ", acts.toString());
        assertEquals("2.11.0", new ObjectMapper().readTree(r.json()).path("keras_version").asText());

        String plain = "{\"class_name\": \"Sequential\", \"config\": {\"layers\": [{\"class_name\": \"Dense\", "
                + "\"config\": {\"name\": \"a\", \"activation\": \"relu\"}}]}}";
        assertSame(plain, KerasActivations.rewrite(plain).json(), "nothing to edit: the JSON is passed on as it is");
        assertTrue(KerasActivations.rewrite(plain).activations().isEmpty());
        // Keras 2.0-2.2 Sequential configs list the layers directly
        String old = "{\"class_name\": \"Sequential\", \"config\": [{\"class_name\": \"Dense\", "
                + "\"config\": {\"name\": \"a\", \"activation\": \"gelu\"}}]}";
        assertEquals(Set.of("a"), KerasActivations.rewrite(old).activations().keySet());

        String leaky = "{\"class_name\": \"Sequential\", \"config\": {\"layers\": [{\"class_name\": \"Dense\", "
                + "\"config\": {\"name\": \"z\", \"activation\": {\"class_name\": \"leaky_relu\", \"config\": {\"alpha\": 0.1}}}}]}}";
        ModelException e = assertThrows(ModelException.class, () -> KerasActivations.rewrite(leaky));
        assertEquals("Keras layer 'z' (Dense) uses activation 'leaky_relu' with settings {\"alpha\":0.1}, which "
                + "Deeplearning4j's Keras import does not support", e.getMessage());
    }

    @Test
    void exactGeluIsXTimesTheNormalCdfInDoubleAndFloat() {
        double[] xs = {-8, -5, -3, -2, -1, -0.5, -1e-3, 0, 1e-3, 0.5, 1, 2, 3, 5, 8};
        INDArray d = Nd4j.createFromArray(xs.clone());
        INDArray f = Nd4j.createFromArray(xs.clone()).castTo(DataType.FLOAT);
        IActivation gelu = new ActivationKerasGELU(false);
        assertSame(d, gelu.getActivation(d, false), "in place, as ND4J's activations work");
        gelu.getActivation(f, false);
        assertEquals(DataType.FLOAT, f.dataType());
        for (int i = 0; i < xs.length; i++) {
            double want = xs[i] * phi(xs[i]);
            assertEquals(want, d.getDouble(i), 1e-14 + 1e-13 * Math.abs(want), "gelu(" + xs[i] + ")");
            assertEquals((float) want, f.getFloat(i), 1e-7 * Math.max(1, Math.abs(want)), "float gelu(" + xs[i] + ")");
        }
        // known values: x Phi(x) at 1 and -1
        assertEquals(0.8413447460685429, new ActivationKerasGELU(false)
                .getActivation(Nd4j.createFromArray(1.0), false).getDouble(0), 1e-15);
        assertEquals(-0.15865525393145707, new ActivationKerasGELU(false)
                .getActivation(Nd4j.createFromArray(-1.0), false).getDouble(0), 1e-15);
    }

    @Test
    void tanhGeluIsKerasApproximateForm() {
        double[] xs = {-6, -3, -1.5, -0.2, 0, 0.7, 2, 4};
        INDArray d = new ActivationKerasGELU(true).getActivation(Nd4j.createFromArray(xs.clone()), false);
        double maxFromExact = 0;
        for (int i = 0; i < xs.length; i++) {
            double x = xs[i];
            double want = 0.5 * x * (1 + Math.tanh(Math.sqrt(2 / Math.PI) * (x + 0.044715 * x * x * x)));
            assertEquals(want, d.getDouble(i), 1e-14, "gelu_tanh(" + x + ")");
            maxFromExact = Math.max(maxFromExact, Math.abs(want - x * phi(x)));
        }
        assertTrue(maxFromExact > 1e-4 && maxFromExact < 1e-3, "the two forms differ: " + maxFromExact);
    }

    @Test
    void derivativesMatchFiniteDifferences() {
        double[] xs = {-4, -2.5, -1, -0.3, 0, 0.4, 1.2, 3};
        double h = 1e-5;
        for (boolean approximate : new boolean[] {false, true}) {
            IActivation g = new ActivationKerasGELU(approximate);
            double[] eps = new double[xs.length];
            for (int i = 0; i < xs.length; i++) {
                eps[i] = 0.5 + i;
            }
            INDArray grad = g.backprop(Nd4j.createFromArray(xs.clone()), Nd4j.createFromArray(eps)).getFirst();
            INDArray up = g.getActivation(Nd4j.createFromArray(xs.clone()).addi(h), false);
            INDArray down = g.getActivation(Nd4j.createFromArray(xs.clone()).subi(h), false);
            for (int i = 0; i < xs.length; i++) {
                double fd = (up.getDouble(i) - down.getDouble(i)) / (2 * h) * eps[i];
                assertEquals(fd, grad.getDouble(i), 1e-8 * eps[i], g + "'(" + xs[i] + ")");
            }
        }
    }

    @Test
    void namesEqualityAndJsonRoundTrip() throws Exception {
        assertEquals("gelu_erf", new ActivationKerasGELU(false).toString());
        assertEquals("gelu_tanh", new ActivationKerasGELU(true).toString());
        assertNotEquals(new ActivationKerasGELU(false), new ActivationKerasGELU(true));
        assertNotEquals(Activation.GELU.getActivationFunction(), new ActivationKerasGELU(false));
        assertTrue(LayerKinds.isActivationFunction(new ActivationKerasGELU(false)));
        MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder().list()
                .layer(new DenseLayer.Builder().name("a").nIn(3).nOut(2).activation(new ActivationKerasGELU(true)).build())
                .build();
        MultiLayerConfiguration back = MultiLayerConfiguration.fromJson(conf.toJson());
        assertEquals(new ActivationKerasGELU(true), LayerKinds.activation(back.getConf(0).getLayer()));
    }

    @Test
    void attachSetsDenseAndActivationLayersOfBothNetworkKinds() throws Exception {
        IActivation gelu = new ActivationKerasGELU(false);
        MultiLayerNetwork seq = new MultiLayerNetwork(new NeuralNetConfiguration.Builder().seed(3).list()
                .layer(new DenseLayer.Builder().name("d").nIn(4).nOut(3).activation(Activation.IDENTITY).build())
                .layer(new ActivationLayer.Builder().name("act").activation(Activation.IDENTITY).build())
                .build());
        seq.init();
        INDArray in = Nd4j.createFromArray(new float[][] {{0.5f, -1f, 2f, 0.25f}});
        INDArray pre = seq.feedForward(in, false).get(1).dup();
        new KerasActivations.Rewrite("", Map.of("act", gelu)).attach(seq);
        assertEquals("ActivationLayer(gelu_erf)", new SequentialNetwork(seq).nodes().get(1).opType());
        INDArray post = seq.feedForward(in, false).get(2);
        for (int i = 0; i < 3; i++) {
            assertEquals(pre.getDouble(0, i) * phi(pre.getDouble(0, i)), post.getDouble(0, i), 1e-6);
        }

        ComputationGraphConfiguration gc = new NeuralNetConfiguration.Builder().seed(3).graphBuilder().addInputs("in")
                .addLayer("d", new DenseLayer.Builder().nIn(4).nOut(3).activation(Activation.IDENTITY).build(), "in")
                .addLayer("e", new DenseLayer.Builder().nIn(3).nOut(2).activation(Activation.IDENTITY).build(), "d")
                .setOutputs("e").setInputTypes(InputType.feedForward(4)).build();
        ComputationGraph graph = new ComputationGraph(gc);
        graph.init();
        INDArray before = graph.feedForward(in, false).get("d").dup();
        new KerasActivations.Rewrite("", Map.of("d", gelu)).attach(graph);
        assertEquals("DenseLayer(gelu_erf)", new GraphNetwork(graph).nodes().get(0).opType());
        INDArray after = graph.feedForward(in, false).get("d");
        for (int i = 0; i < 3; i++) {
            double z = before.getDouble(0, i);
            assertEquals(z * phi(z), after.getDouble(0, i), 1e-6);
        }

        ModelException missing = assertThrows(ModelException.class,
                () -> new KerasActivations.Rewrite("", Map.of("nope", gelu)).attach(graph));
        assertEquals("Keras layer 'nope' uses activation 'gelu_erf', but Deeplearning4j's import has no layer of that "
                + "name to give it to", missing.getMessage());
        assertFalse(missing.getMessage().contains("\n"));
    }
}
