package org.coact.plugin.dl4j;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.coact.api.FloatTensor;
import org.coact.api.format.BatchResult;
import org.coact.api.format.ExtractionRequest;
import org.coact.api.format.Extractor;
import org.coact.api.format.LayerInfo;
import org.coact.api.format.ModelFormat;
import org.coact.api.format.ModelHandle;
import org.coact.api.format.OpenOptions;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The epoch-10 MLP and CNN as DL4J zips and Keras .h5 files against torch's own values
 * ({@code onnx/special/*-reference.npz}, 16 test digits, full conv maps) and numpy's
 * ({@code fixtures/*-activations.npz}, all 2000 test digits, conv channel means), within 1e-4,
 * plus torch's accuracy. Keras' NHWC conv outputs are compared after moving channels to axis 1.
 */
class ReferenceTest {

    private static final double TOL = 1e-4;

    /** A bundled model and which of its layers hold torch's act1, act2(, act3). */
    record Case(String label, ModelFormat format, Path model, String net, List<String> layers, long[] inputShape,
            int correct) {
        @Override
        public String toString() {
            return label;
        }
    }

    static Stream<Arguments> models() {
        return Stream.of(
                new Case("dl4j mlp", new Dl4jFormat(), TestModels.dl4j("mlp", 10), "mlp", List.of("fc1", "fc2"),
                        new long[] {-1, 784}, 1880),
                new Case("dl4j cnn", new Dl4jFormat(), TestModels.dl4j("cnn", 10), "cnn", List.of("conv1", "conv2", "fc1"),
                        new long[] {-1, 1, 28, 28}, 1912),
                new Case("keras mlp", new KerasFormat(), TestModels.keras("mlp"), "mlp", List.of("fc1", "fc2"),
                        new long[] {-1, 784}, 1880),
                new Case("keras cnn", new KerasFormat(), TestModels.keras("cnn"), "cnn", List.of("conv1", "conv2", "fc1"),
                        new long[] {-1, 28, 28, 1}, 1912))
                .map(Arguments::of);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("models")
    void activationsAndLogitsMatchTorchOnTheReferenceDigits(Case c) throws Exception {
        var ref = TestModels.npz(TestModels.special(c.net() + "-fixed-batch-reference.npz"));
        try (ModelHandle h = c.format().open(c.model(), OpenOptions.NONE)) {
            String output = h.describe().outputs().get(0).name();
            try (Extractor x = h.extractor(new ExtractionRequest(c.layers(), output))) {
                FloatTensor input = ref.get("input").tensor();
                long[] shape = c.inputShape().clone();
                shape[0] = input.batchSize();
                BatchResult r = x.run(Map.of(h.describe().inputs().get(0).name(), new FloatTensor(shape, input.data())));
                double logits = TestModels.maxAbsDiff(ref.get("logits").tensor(), r.output());
                report(c, "logits", logits);
                assertTrue(logits < TOL, c + " logits differ from torch by " + logits);
                for (int k = 0; k < c.layers().size(); k++) {
                    String layer = c.layers().get(k);
                    FloatTensor got = nchw(r.activations().get(layer), h.describe().layer(layer).orElseThrow());
                    double diff = TestModels.maxAbsDiff(ref.get("act" + (k + 1)).tensor(), got);
                    report(c, layer, diff);
                    assertTrue(diff < TOL, c + " " + layer + " differs from torch by " + diff);
                }
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("models")
    void neuronValuesMatchNumpyOnAllTestDigitsWithTorchsAccuracy(Case c) throws Exception {
        var test = TestModels.npz(TestModels.model("mnist/test.npz"));
        var fixture = TestModels.npz(TestModels.model("fixtures/" + c.net() + "-epoch10-activations.npz"));
        FloatTensor x = test.get("x").tensor();
        long[] y = test.get("y").longs();
        int n = x.batchSize();
        int per = 784;
        Map<String, List<double[]>> parts = new HashMap<>();
        int correct = 0;
        try (ModelHandle h = c.format().open(c.model(), OpenOptions.NONE)) {
            assertArrayEquals(c.inputShape(), h.describe().inputs().get(0).shape());
            String output = h.describe().outputs().get(0).name();
            try (Extractor ex = h.extractor(new ExtractionRequest(c.layers(), output))) {
                for (int from = 0; from < n; from += 300) {
                    int to = Math.min(n, from + 300);
                    long[] shape = c.inputShape().clone();
                    shape[0] = to - from;
                    FloatTensor batch = new FloatTensor(shape, Arrays.copyOfRange(x.data(), from * per, to * per));
                    BatchResult r = ex.run(Map.of(h.describe().inputs().get(0).name(), batch));
                    float[] logits = r.output().data();
                    for (int i = 0; i < to - from; i++) {
                        int best = 0;
                        for (int k = 1; k < 10; k++) {
                            best = logits[i * 10 + k] > logits[i * 10 + best] ? k : best;
                        }
                        correct += best == y[from + i] ? 1 : 0;
                    }
                    for (String l : c.layers()) {
                        LayerInfo info = h.describe().layer(l).orElseThrow();
                        parts.computeIfAbsent(l, k -> new ArrayList<>()).add(neuronValues(r.activations().get(l), info));
                    }
                }
            }
        }
        assertEquals(c.correct(), correct, c + " correct predictions");
        for (int k = 0; k < c.layers().size(); k++) {
            String l = c.layers().get(k);
            double[] want = fixture.get("act" + (k + 1)).doubles();
            double[] have = parts.get(l).stream().flatMapToDouble(Arrays::stream).toArray();
            assertEquals(want.length, have.length, l);
            double diff = 0;
            for (int i = 0; i < want.length; i++) {
                diff = Math.max(diff, Math.abs(want[i] - have[i]));
            }
            System.out.printf("max |diff| vs numpy over 2000 digits  %-10s %-6s %.3g (%d / %d correct)%n", c, l, diff,
                    correct, n);
            assertTrue(diff < TOL, c + " " + l + " differs from numpy by " + diff);
        }
    }

    private static void report(Case c, String what, double diff) {
        System.out.printf("max |diff| vs torch reference  %-10s %-7s %.3g%n", c, what, diff);
    }

    /** Moves an NHWC output's channels to axis 1, as torch has them. */
    static FloatTensor nchw(FloatTensor t, LayerInfo info) {
        if (t.rank() != 4 || info.channelAxis() == 1) {
            return t;
        }
        int n = (int) t.dim(0);
        int hh = (int) t.dim(1);
        int ww = (int) t.dim(2);
        int cc = (int) t.dim(3);
        float[] in = t.data();
        float[] out = new float[in.length];
        for (int i = 0; i < n; i++) {
            for (int y = 0; y < hh; y++) {
                for (int x = 0; x < ww; x++) {
                    for (int ch = 0; ch < cc; ch++) {
                        out[((i * cc + ch) * hh + y) * ww + x] = in[((i * hh + y) * ww + x) * cc + ch];
                    }
                }
            }
        }
        return new FloatTensor(new long[] {n, cc, hh, ww}, out);
    }

    /** Per-sample neuron values: features, or float64 channel means of an image output. */
    static double[] neuronValues(FloatTensor t, LayerInfo info) {
        FloatTensor a = nchw(t, info);
        if (a.rank() != 4) {
            double[] d = new double[a.data().length];
            for (int i = 0; i < d.length; i++) {
                d[i] = a.data()[i];
            }
            return d;
        }
        int nc = (int) (a.dim(0) * a.dim(1));
        int hw = (int) (a.dim(2) * a.dim(3));
        double[] out = new double[nc];
        for (int i = 0; i < nc; i++) {
            double s = 0;
            for (int j = 0; j < hw; j++) {
                s += a.data()[i * hw + j];
            }
            out[i] = s / hw;
        }
        return out;
    }

}
