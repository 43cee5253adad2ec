package org.coact.runner.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.coact.api.FloatTensor;
import org.coact.api.format.DType;
import org.coact.api.format.TensorSpec;
import org.junit.jupiter.api.Test;

/**
 * The real MNIST test split of testmodels/ (x float32 [2000,784], y int64 [2000]); expected
 * values computed with numpy 1.24.2 from the same file. Skipped when the file is absent.
 */
class MnistDatasetTest {

    private static Path testSplit() {
        String root = System.getProperty("coact.testmodels", "../testmodels");
        Path p = Path.of(root, "mnist", "test.npz");
        assumeTrue(Files.isRegularFile(p), "no MNIST test split at " + p);
        return p;
    }

    @Test
    void headersLabelsAndHistogramMatchNumpy() throws Exception {
        try (Dataset d = Dataset.open(testSplit(), null, DatasetOptions.defaults())) {
            assertEquals(2000, d.size());
            assertEquals(List.of("x", "y"), d.arrays());
            assertArrayEquals(new long[] {784}, d.sampleShape("x"));
            assertEquals("float32", d.dtype("x"));
            long[] y = d.labels();
            d.validateLabels(y, 10);
            assertArrayEquals(new long[] {3, 8, 8, 0, 9, 0, 9, 0, 4, 5}, java.util.Arrays.copyOf(y, 10));
            assertArrayEquals(new long[] {6, 7, 4, 5, 0}, java.util.Arrays.copyOfRange(y, 1995, 2000));
            long[] histogram = new long[10];
            for (long label : y) {
                histogram[(int) label]++;
            }
            assertArrayEquals(new long[] {217, 245, 186, 204, 191, 184, 203, 188, 189, 193}, histogram);
        }
    }

    @Test
    void batchesOf64ReshapedTo1x28x28CarryThePixels() throws Exception {
        try (Dataset d = Dataset.open(testSplit(), null, DatasetOptions.defaults())) {
            List<TensorSpec> inputs = List.of(new TensorSpec("input", DType.FLOAT32, new long[] {-1, 1, 28, 28}));
            Map<String, String> binding = Dataset.bindInputs(inputs, d);
            assertEquals(Map.of("input", "x"), binding);
            double total = 0;
            int batches = 0;
            FloatTensor first = null;
            FloatTensor last = null;
            try (BatchCursor c = d.batches(64, binding, InputBinding.sampleShapes(inputs))) {
                while (c.hasNext()) {
                    last = c.next().get("input");
                    first = first == null ? last : first;
                    for (float v : last.data()) {
                        total += v;
                    }
                    batches++;
                }
            }
            assertEquals(32, batches); // 31 × 64 + 16
            assertArrayEquals(new long[] {64, 1, 28, 28}, first.shape());
            assertArrayEquals(new long[] {16, 1, 28, 28}, last.shape());
            float[] x0 = first.data();
            assertEquals(0f, x0[177]);
            assertArrayEquals(new float[] {0.404f, 0.631f, 0.996f}, java.util.Arrays.copyOfRange(x0, 178, 181));
            assertEquals(0.149f, x0[715]);
            assertEquals(99.5759991556406, sum(x0, 0, 784), 1e-9);
            float[] xl = last.data();
            int lastSample = 15 * 784;
            assertArrayEquals(new float[] {0.263f, 0.333f, 0.333f},
                    java.util.Arrays.copyOfRange(xl, lastSample + 179, lastSample + 182));
            assertEquals(0.075f, xl[lastSample + 660]);
            assertEquals(187.01099725998938, sum(xl, lastSample, 784), 1e-9);
            assertEquals(206118.88128464622, total, 1e-6);
        }
    }

    private static double sum(float[] v, int from, int n) {
        double s = 0;
        for (int i = from; i < from + n; i++) {
            s += v[i];
        }
        return s;
    }
}
