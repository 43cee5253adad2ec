package org.coact.runner.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.coact.analysis.Analysis;
import org.coact.runner.testing.TestEnv;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The caveats of docs/METHOD.md 9 on the bundled checkpoints: the CNN after one epoch (48 of 88
 * neurons dead or always on, Q 0 against a null of no spread) gets three; the trained MLP none;
 * an alignment level nobody passes leaves few aligned neurons and says so.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class WarningsTest {

    AnalysisPipeline pipeline;

    @BeforeAll
    void start() throws Exception {
        pipeline = TestEnv.pipeline();
    }

    private List<String> warnings(String model, Map<String, Object> overrides) throws Exception {
        Analysis a = pipeline.analyze(TestEnv.mnistRequest(model, overrides), ProgressListener.NONE);
        return a.warnings();
    }

    @Test
    void theTrainedMlpUnderTheDefaultsHasNone() throws Exception {
        assertEquals(List.of(), warnings("onnx/mlp/mlp-epoch10.onnx", Map.of()));
    }

    @Test
    void theCnnAfterOneEpochIsFlaggedThreeWays() throws Exception {
        List<String> w = warnings("onnx/cnn/cnn-epoch01.onnx", Map.of());
        assertEquals(3, w.size(), w.toString());
        assertTrue(w.get(0).startsWith("48 of 88 neurons are dead (25) or always on (23) under threshold 0.0 and reduce "
                + "'fraction'"), w.get(0));
        assertTrue(w.get(0).endsWith("try another active_fraction or a quantile threshold (docs/METHOD.md 3)"), w.get(0));
        assertTrue(w.get(1).startsWith("modularity 0.0000 is not above its null model"), w.get(1));
        assertTrue(w.get(1).contains("z n/a, p 1.000 over 20 draws"), w.get(1));
        assertTrue(w.get(2).startsWith("the layer-structure baseline"), w.get(2));
        List<String> mean = warnings("onnx/cnn/cnn-epoch01.onnx", Map.of("reduce", "mean"));
        assertTrue(mean.get(0).endsWith("for conv layers try reduce: fraction, or a quantile threshold (docs/METHOD.md 3)"),
                mean.get(0));
    }

    @Test
    void fewAlignedNeuronsAreNamed() throws Exception {
        List<String> w = warnings("onnx/mlp/mlp-epoch10.onnx", Map.of("community.alignment_alpha", 1e-300));
        assertTrue(w.stream().anyMatch(s -> s.matches("only \\d+ of 192 neurons have a preferred class .*")), w.toString());
    }

    @Test
    void fewNullDrawsDoNotWarnOnPAlone() throws Exception {
        // with R = 5, p >= 1/6 always: only z can speak, and the trained MLP's z is far above 2
        assertEquals(List.of(), warnings("onnx/mlp/mlp-epoch10.onnx", Map.of("community.null_samples", 5)));
    }
}
