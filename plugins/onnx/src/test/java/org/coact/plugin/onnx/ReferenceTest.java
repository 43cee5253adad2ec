package org.coact.plugin.onnx;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.coact.api.FloatTensor;
import org.coact.api.format.BatchResult;
import org.coact.api.format.ExtractionRequest;
import org.coact.api.format.Extractor;
import org.coact.api.format.OpenOptions;
import org.coact.plugin.testkit.Activations;
import org.coact.plugin.testkit.TestModels;
import org.junit.jupiter.api.Test;

/**
 * Activations and logits against torch's own values ({@code onnx/special/*-reference.npz}, 16
 * test digits) and numpy's ({@code fixtures/*-activations.npz}, all 2000 test digits).
 */
class ReferenceTest {

    private static final double TOL = 1e-4;

    private final OnnxFormat format = new OnnxFormat();

    /**
     * Runs the 16 reference samples through the model and compares logits and the named layers.
     *
     * @return the result, for further comparisons
     */
    private BatchResult checkAgainstTorch(Path model, String reference, Map<String, String> keyToLayer,
            BatchMode expectedMode, OpenOptions options) throws Exception {
        var ref = TestModels.npz(TestModels.special(reference));
        List<String> layers = new ArrayList<>(keyToLayer.values());
        try (OnnxModelHandle h = (OnnxModelHandle) format.open(model, options);
                Extractor x = h.extractor(new ExtractionRequest(layers, "logits"))) {
            assertEquals(expectedMode, h.batchMode(), model.toString());
            Map<String, FloatTensor> in = new HashMap<>();
            for (var spec : h.describe().inputs()) {
                in.put(spec.name(), ref.get(spec.name()).tensor());
            }
            BatchResult r = x.run(in);
            double logits = Activations.maxAbsDiff(ref.get("logits").tensor(), r.output());
            report(model, "logits", logits);
            assertTrue(logits < TOL, model + " logits differ from torch by " + logits);
            for (var e : keyToLayer.entrySet()) {
                double diff = Activations.maxAbsDiff(ref.get(e.getKey()).tensor(), r.activations().get(e.getValue()));
                report(model, e.getValue(), diff);
                assertTrue(diff < TOL, model + " " + e.getValue() + " differs from torch by " + diff);
            }
            return r;
        }
    }

    private static void report(Path model, String what, double diff) {
        System.out.printf("max |diff| vs reference  %-28s %-14s %.3g%n", model.getFileName(), what, diff);
    }

    private static Map<String, String> relus(int n) {
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 1; i <= n; i++) {
            m.put("act" + i, "/act" + i + "/Relu");
        }
        return m;
    }

    @Test
    void fixedBatchMlpRunsBatchedAndMatchesTorch() throws Exception {
        checkAgainstTorch(TestModels.special("mlp-fixed-batch.onnx"), "mlp-fixed-batch-reference.npz", relus(2),
                BatchMode.BATCHED, OpenOptions.NONE);
    }

    @Test
    void fixedBatchCnnFallsBackToPerSampleAndMatchesTorch() throws Exception {
        checkAgainstTorch(TestModels.special("cnn-fixed-batch.onnx"), "cnn-fixed-batch-reference.npz", relus(3),
                BatchMode.PER_SAMPLE, OpenOptions.NONE);
    }

    @Test
    void geluAndLayerNormCompositesMatchTorchModuleOutputs() throws Exception {
        Map<String, String> layers = Map.of("norm1", "/norm1", "act1", "/act1", "act2", "/act2");
        BatchResult basic = checkAgainstTorch(TestModels.special("gelu-ln-mlp.onnx"), "gelu-ln-mlp-reference.npz",
                layers, BatchMode.DYNAMIC, OpenOptions.NONE);
        // with every graph optimisation on, ORT may fuse the GELU and LayerNorm ops, but not away
        // from the values we added as outputs
        BatchResult all = checkAgainstTorch(TestModels.special("gelu-ln-mlp.onnx"), "gelu-ln-mlp-reference.npz",
                layers, BatchMode.DYNAMIC, new OpenOptions(Map.of("optimization", "all", "threads", "1")));
        for (String layer : layers.values()) {
            assertTrue(Activations.maxAbsDiff(basic.activations().get(layer), all.activations().get(layer)) < 1e-5, layer);
        }
    }

    @Test
    void twoInputModelIsFedByNameAndMatchesTorch() throws Exception {
        checkAgainstTorch(TestModels.special("two-input.onnx"), "two-input-reference.npz", relus(1), BatchMode.DYNAMIC,
                OpenOptions.NONE);
    }

    @Test
    void dynamicExportsMatchTorchAndTheirFixedBatchTwins() throws Exception {
        BatchResult mlp = checkAgainstTorch(TestModels.onnx("mlp", 10), "mlp-fixed-batch-reference.npz", relus(2),
                BatchMode.DYNAMIC, OpenOptions.NONE);
        BatchResult mlpFixed = checkAgainstTorch(TestModels.special("mlp-fixed-batch.onnx"),
                "mlp-fixed-batch-reference.npz", relus(2), BatchMode.BATCHED, OpenOptions.NONE);
        assertSame(mlp, mlpFixed, "mlp dynamic vs fixed");
        BatchResult cnn = checkAgainstTorch(TestModels.onnx("cnn", 10), "cnn-fixed-batch-reference.npz", relus(3),
                BatchMode.DYNAMIC, OpenOptions.NONE);
        BatchResult cnnFixed = checkAgainstTorch(TestModels.special("cnn-fixed-batch.onnx"),
                "cnn-fixed-batch-reference.npz", relus(3), BatchMode.PER_SAMPLE, OpenOptions.NONE);
        assertSame(cnn, cnnFixed, "cnn dynamic vs fixed");
    }

    private static void assertSame(BatchResult a, BatchResult b, String what) {
        double max = Activations.maxAbsDiff(a.output(), b.output());
        for (String layer : a.activations().keySet()) {
            max = Math.max(max, Activations.maxAbsDiff(a.activations().get(layer), b.activations().get(layer)));
        }
        System.out.printf("max |diff| %s: %.3g%n", what, max);
        assertTrue(max < 1e-5, what + " differ by " + max);
    }

    @Test
    void mlpOnAllTestDigitsMatchesNumpyAndTorchAccuracy() throws Exception {
        var test = TestModels.npz(TestModels.model("mnist/test.npz"));
        var fixture = TestModels.npz(TestModels.model("fixtures/mlp-epoch10-activations.npz"));
        Map<String, FloatTensor> got = runAll(TestModels.onnx("mlp", 10), test.get("x").tensor(), List.of("/act1/Relu", "/act2/Relu"),
                new long[] {-1, 784}, test.get("y").longs(), 1880);
        for (int k = 1; k <= 2; k++) {
            double diff = Activations.maxAbsDiff(fixture.get("act" + k).tensor(), got.get("/act" + k + "/Relu"));
            System.out.printf("max |diff| vs numpy mlp-epoch10 /act%d/Relu over 2000 digits: %.3g%n", k, diff);
            assertTrue(diff < TOL);
        }
    }

    @Test
    void cnnOnAllTestDigitsMatchesNumpyChannelMeansAndTorchAccuracy() throws Exception {
        var test = TestModels.npz(TestModels.model("mnist/test.npz"));
        var fixture = TestModels.npz(TestModels.model("fixtures/cnn-epoch10-activations.npz"));
        FloatTensor x = test.get("x").tensor();
        FloatTensor images = new FloatTensor(new long[] {2000, 1, 28, 28}, x.data());
        Map<String, FloatTensor> got = runAll(TestModels.onnx("cnn", 10), images, List.of("/act1/Relu", "/act2/Relu", "/act3/Relu"),
                new long[] {-1, 1, 28, 28}, test.get("y").longs(), 1912);
        for (int k = 1; k <= 3; k++) {
            double[] want = fixture.get("act" + k).doubles();
            double diff = Activations.maxAbsDiff(want, Activations.neuronValues(got.get("/act" + k + "/Relu"), 1));
            System.out.printf("max |diff| vs numpy cnn-epoch10 /act%d/Relu over 2000 digits: %.3g%n", k, diff);
            assertTrue(diff < TOL);
        }
    }

    /** Runs every sample in uneven batches; checks the accuracy; returns the concatenated activations. */
    private Map<String, FloatTensor> runAll(Path model, FloatTensor x, List<String> layers, long[] inputShape, long[] y,
            int expectedCorrect) throws Exception {
        int n = x.batchSize();
        Map<String, List<FloatTensor>> parts = new HashMap<>();
        int correct = 0;
        try (var h = format.open(model, OpenOptions.NONE);
                Extractor ex = h.extractor(new ExtractionRequest(layers, "logits"))) {
            assertArrayEquals(inputShape, h.describe().inputs().get(0).shape());
            for (int from = 0; from < n; from += 300) {
                int to = Math.min(n, from + 300);
                BatchResult r = ex.run(Map.of("input", Tensors.slice(x, from, to)));
                correct += Activations.correct(r.output(), y, from);
                for (String l : layers) {
                    parts.computeIfAbsent(l, k -> new ArrayList<>()).add(r.activations().get(l));
                }
            }
        }
        assertEquals(expectedCorrect, correct, model + " correct predictions");
        System.out.printf("%s: %d / %d correct%n", model.getFileName(), correct, n);
        Map<String, FloatTensor> out = new HashMap<>();
        for (var e : parts.entrySet()) {
            out.put(e.getKey(), Activations.concatBatches(e.getValue()));
        }
        return out;
    }
}
