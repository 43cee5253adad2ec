package org.coact.plugin.tensorflow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.coact.api.FloatTensor;
import org.coact.api.format.BatchResult;
import org.coact.api.format.ExtractionRequest;
import org.coact.api.format.Extractor;
import org.coact.api.format.LayerInfo;
import org.coact.api.format.LayerRole;
import org.coact.api.format.OpenOptions;
import org.coact.plugin.testkit.Activations;
import org.coact.plugin.testkit.TestModels;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The SavedModels in {@code testmodels/tensorflow} against the PyTorch/ONNX references of the
 * same checkpoint (epoch 10): numpy's neuron values for all 2000 test digits
 * ({@code fixtures/*-activations.npz}) within 1e-4, plus the same number of correct predictions as
 * torch (torch's own values for 16 digits are checked by {@link TfContractTest}). Both styles:
 * graph (ops in the top-level graph) and function (layers inside functions called through
 * StatefulPartitionedCall).
 */
class EquivalenceTest {

    static final double TOL = 1e-4;

    private final TensorFlowFormat format = new TensorFlowFormat();

    static List<String> autoLayers(String style, String net) {
        String p = style.equals("function") ? "sequential/" : "";
        return net.equals("mlp") ? List.of(p + "dense/Relu", p + "dense_1/Relu")
                : List.of(p + "conv2d/Relu", p + "conv2d_1/Relu", p + "dense/Relu");
    }

    /** Torch's 16 reference digits are {@link TfContractTest}'s; here the names auto picks in each style. */
    @ParameterizedTest(name = "{0} {1}")
    @CsvSource({"graph, mlp", "graph, cnn", "function, mlp", "function, cnn"})
    void theStyleIsDetectedAndAutoPicksTheReluOps(String style, String net) throws Exception {
        try (TfModelHandle h = (TfModelHandle) format.open(TestModels.savedModel(style, net, 10), OpenOptions.NONE)) {
            assertEquals(style.equals("function"), h.flattened(), "style detected");
            assertEquals(autoLayers(style, net), h.describe().layers().stream()
                    .filter(l -> l.is(LayerRole.ACTIVATION) && !l.is(LayerRole.MODEL_OUTPUT)).map(LayerInfo::name).toList());
        }
    }

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource({"graph, mlp, 1880", "graph, cnn, 1912", "function, mlp, 1880", "function, cnn, 1912"})
    void allTestDigitsMatchNumpyAndTorchAccuracy(String style, String net, int torchCorrect) throws Exception {
        var test = TestModels.npz(TestModels.model("mnist/test.npz"));
        var fixture = TestModels.npz(TestModels.model("fixtures/" + net + "-epoch10-activations.npz"));
        List<String> layers = autoLayers(style, net);
        Map<String, List<double[]>> parts = new HashMap<>();
        float[] x = test.get("x").floats();
        long[] y = test.get("y").longs();
        int correct = 0;
        try (var h = format.open(TestModels.savedModel(style, net, 10), OpenOptions.NONE);
                Extractor ex = h.extractor(new ExtractionRequest(layers, h.describe().outputs().get(0).name()))) {
            long[] shape = h.describe().inputs().get(0).shape();
            for (int from = 0; from < 2000; from += 256) {
                int to = Math.min(2000, from + 256);
                shape[0] = to - from;
                float[] slice = java.util.Arrays.copyOfRange(x, from * 784, to * 784);
                BatchResult r = ex.run(Map.of(h.describe().inputs().get(0).name(), new FloatTensor(shape, slice)));
                correct += Activations.correct(r.output(), y, from);
                for (String l : layers) {
                    parts.computeIfAbsent(l, k -> new ArrayList<>()).add(Activations.neuronValues(r.activations().get(l), 3));
                }
            }
        }
        assertEquals(torchCorrect, correct, "correct predictions");
        for (int k = 0; k < layers.size(); k++) {
            double[] want = fixture.get("act" + (k + 1)).doubles();
            double d = Activations.maxAbsDiff(want, Activations.concat(parts.get(layers.get(k))));
            report(style, net, layers.get(k) + " (2000 digits, numpy)", d);
            assertTrue(d < TOL, layers.get(k) + " differs from numpy by " + d);
        }
    }

    static void report(String style, String net, String what, double diff) {
        System.out.printf("max |diff| vs reference  %-8s %-4s %-40s %.3g%n", style, net, what, diff);
    }
}
