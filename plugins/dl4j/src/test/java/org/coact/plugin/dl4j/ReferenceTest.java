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
import org.coact.plugin.testkit.Activations;
import org.coact.plugin.testkit.TestModels;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The epoch-10 MLP and CNN as DL4J zips and Keras .h5 files against numpy's neuron values
 * ({@code fixtures/*-activations.npz}, all 2000 test digits, conv channel means), within 1e-4,
 * plus torch's accuracy. (Torch's own values for 16 digits are {@link Dl4jContractTest}'s.)
 */
class ReferenceTest {

    private static final double TOL = 1e-4;

    /** A bundled model and which of its layers hold numpy's act1, act2(, act3). */
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
                    correct += Activations.correct(r.output(), y, from);
                    for (String l : c.layers()) {
                        LayerInfo info = h.describe().layer(l).orElseThrow();
                        parts.computeIfAbsent(l, k -> new ArrayList<>()).add(Activations.neuronValues(r.activations().get(l),
                                info.channelAxis()));
                    }
                }
            }
        }
        assertEquals(c.correct(), correct, c + " correct predictions");
        for (int k = 0; k < c.layers().size(); k++) {
            String l = c.layers().get(k);
            double[] want = fixture.get("act" + (k + 1)).doubles();
            double diff = Activations.maxAbsDiff(want, Activations.concat(parts.get(l)));
            System.out.printf("max |diff| vs numpy over 2000 digits  %-10s %-6s %.3g (%d / %d correct)%n", c, l, diff,
                    correct, n);
            assertTrue(diff < TOL, c + " " + l + " differs from numpy by " + diff);
        }
    }
}
