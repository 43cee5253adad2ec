package org.coact.plugin.tensorflow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.coact.api.FloatTensor;
import org.coact.api.format.BatchResult;
import org.coact.api.format.ExtractionRequest;
import org.coact.api.format.Extractor;
import org.coact.api.format.LayerInfo;
import org.coact.api.format.OpenOptions;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The SavedModels in {@code testmodels/tensorflow} against the PyTorch/ONNX references of the
 * same checkpoint (epoch 10): torch's own values for 16 test digits
 * ({@code onnx/special/*-reference.npz}, conv maps transposed from NCHW to NHWC) and numpy's
 * neuron values for all 2000 ({@code fixtures/*-activations.npz}), each within 1e-4, plus the
 * same number of correct predictions as torch. Both styles: graph (ops in the top-level graph)
 * and function (layers inside functions called through StatefulPartitionedCall).
 */
class EquivalenceTest {

    static final double TOL = 1e-4;

    private final TensorFlowFormat format = new TensorFlowFormat();

    static List<String> autoLayers(String style, String net) {
        String p = style.equals("function") ? "sequential/" : "";
        return net.equals("mlp") ? List.of(p + "dense/Relu", p + "dense_1/Relu")
                : List.of(p + "conv2d/Relu", p + "conv2d_1/Relu", p + "dense/Relu");
    }

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource({"graph, mlp", "graph, cnn", "function, mlp", "function, cnn"})
    void sixteenDigitsMatchTorch(String style, String net) throws Exception {
        Path model = TestModels.savedModel(style, net, 10);
        var ref = TestModels.npz(TestModels.special(net + "-fixed-batch-reference.npz"));
        List<String> layers = autoLayers(style, net);
        try (TfModelHandle h = (TfModelHandle) format.open(model, OpenOptions.NONE)) {
            assertEquals(style.equals("function"), h.flattened(), "style detected");
            assertEquals(layers, h.describe().layers().stream().filter(l -> l.is(org.coact.api.format.LayerRole.ACTIVATION)
                    && !l.is(org.coact.api.format.LayerRole.MODEL_OUTPUT)).map(LayerInfo::name).toList());
            String output = h.describe().outputs().get(0).name();
            try (Extractor x = h.extractor(new ExtractionRequest(layers, output))) {
                FloatTensor in = ref.get("input").tensor();
                long[] shape = h.describe().inputs().get(0).shape();
                shape[0] = 16;
                BatchResult r = x.run(Map.of(h.describe().inputs().get(0).name(), new FloatTensor(shape, in.data())));
                double logits = TestModels.maxAbsDiff(ref.get("logits").tensor(), r.output());
                report(style, net, "logits", logits);
                assertTrue(logits < TOL, "logits differ by " + logits);
                for (int k = 0; k < layers.size(); k++) {
                    FloatTensor want = ref.get("act" + (k + 1)).tensor();
                    FloatTensor got = r.activations().get(layers.get(k));
                    if (want.rank() == 4) {
                        want = nchwToNhwc(want);
                    }
                    double d = TestModels.maxAbsDiff(want, got);
                    report(style, net, layers.get(k), d);
                    assertTrue(d < TOL, layers.get(k) + " differs from torch by " + d);
                }
            }
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
                correct += TestModels.correct(r.output(), y, from);
                for (String l : layers) {
                    parts.computeIfAbsent(l, k -> new ArrayList<>()).add(TestModels.neuronValues(r.activations().get(l), 3));
                }
            }
        }
        assertEquals(torchCorrect, correct, "correct predictions");
        for (int k = 0; k < layers.size(); k++) {
            double[] want = fixture.get("act" + (k + 1)).doubles();
            double[] have = TestModels.concat(parts.get(layers.get(k)));
            assertEquals(want.length, have.length);
            double d = 0;
            for (int i = 0; i < want.length; i++) {
                d = Math.max(d, Math.abs(want[i] - have[i]));
            }
            report(style, net, layers.get(k) + " (2000 digits, numpy)", d);
            assertTrue(d < TOL, layers.get(k) + " differs from numpy by " + d);
        }
    }

    static void report(String style, String net, String what, double diff) {
        System.out.printf("max |diff| vs reference  %-8s %-4s %-40s %.3g%n", style, net, what, diff);
    }

    static FloatTensor nchwToNhwc(FloatTensor t) {
        int n = (int) t.dim(0);
        int c = (int) t.dim(1);
        int h = (int) t.dim(2);
        int w = (int) t.dim(3);
        float[] out = new float[t.data().length];
        for (int i = 0; i < n; i++) {
            for (int ch = 0; ch < c; ch++) {
                for (int y = 0; y < h; y++) {
                    for (int x = 0; x < w; x++) {
                        out[((i * h + y) * w + x) * c + ch] = t.data()[((i * c + ch) * h + y) * w + x];
                    }
                }
            }
        }
        return new FloatTensor(new long[] {n, h, w, c}, out);
    }
}
