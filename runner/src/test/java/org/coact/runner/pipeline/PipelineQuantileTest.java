package org.coact.runner.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.coact.analysis.activity.CoactivationStats;
import org.coact.analysis.Measurement;
import org.coact.analysis.Timings;
import org.coact.analysis.activity.Taus;
import org.coact.analysis.activity.Threshold;
import org.coact.runner.testing.TestEnv;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The quantile passes on real checkpoints: co-activation counts C_jk against the numpy fixtures
 * of testmodels/make_quantile_fixtures.py, the passes shown as progress tasks, and the passes
 * each model needs.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PipelineQuantileTest {

    AnalysisPipeline pipeline;
    final ObjectMapper json = new ObjectMapper();

    @BeforeAll
    void start() throws Exception {
        pipeline = TestEnv.pipeline();
    }

    private Timings timings;

    private Measurement measure(String model, Map<String, Object> overrides, ProgressListener progress)
            throws Exception {
        timings = new Timings();
        return pipeline.measure(TestEnv.mnistRequest(model, overrides), progress, timings);
    }

    @Test
    void coactivationCountsEqualNumpyForTheMlpAtTheMedianAndTheNinetiethPercentile() throws Exception {
        assertCoactivationMatches("fixtures/mlp-epoch10-q50.json");
        assertCoactivationMatches("fixtures/mlp-epoch10-q90.json");
    }

    @Test
    void coactivationCountsEqualNumpyForTheCnnAtTheMedian() throws Exception {
        assertCoactivationMatches("fixtures/cnn-epoch10-q50.json");
    }

    private void assertCoactivationMatches(String fixturePath) throws Exception {
        JsonNode fixture = json.readTree(TestEnv.model(fixturePath).toFile());
        List<String> tasks = new ArrayList<>();
        Measurement m = measure(fixture.get("modelPath").asText(),
                Map.of("threshold", fixture.get("threshold").asText(), "reduce", fixture.get("reduce").asText()),
                new ProgressListener() {
                    @Override
                    public void start(String task, long total) {
                        tasks.add(task);
                    }

                    @Override
                    public void advance(long done) {
                    }

                    @Override
                    public void finish() {
                    }
                });
        CoactivationStats stats = m.statistics();
        assertInstanceOf(Threshold.Quantile.class, m.settings().threshold());
        assertEquals(m.quantilePasses() + 1, tasks.size(), tasks.toString());
        assertEquals("Quantiles 1/8", tasks.get(0));
        assertEquals("Counting", tasks.get(tasks.size() - 1));
        assertTrue(m.quantilePasses() >= 1 && m.quantilePasses() <= 5, "float32 activations need at most 5 passes");
        System.out.printf("%s: %d quantile passes (%s)%n", fixturePath, m.quantilePasses(),
                timings.result());
        assertEquals(fixture.get("n").asLong(), stats.samples());
        int t = 0;
        for (JsonNode pair : fixture.get("coactivation")) {
            int from = stats.layerOffset(t);
            int to = stats.layerOffset(t + 1);
            JsonNode counts = pair.get("counts");
            for (int j = 0; j < counts.size(); j++) {
                for (int k = 0; k < counts.get(j).size(); k++) {
                    assertEquals(counts.get(j).get(k).asLong(), stats.coactive(from + j, to + k),
                            "C[" + pair.get("from").asText() + ":" + j + ", " + pair.get("to").asText() + ":" + k + "]");
                }
            }
            t++;
        }
    }

    @Test
    void tausAndCountsDoNotDependOnTheBatchSize() throws Exception {
        Map<String, Object> q = Map.of("threshold", "quantile 0.75");
        Measurement b64 = measure("onnx/cnn/cnn-epoch05.onnx", q, ProgressListener.NONE);
        Measurement b7 = measure("onnx/cnn/cnn-epoch05.onnx",
                Map.of("threshold", "quantile 0.75", "batch_size", 7), ProgressListener.NONE);
        assertEquals(b64.taus(), b7.taus());
        assertEquals(b64.statistics(), b7.statistics());
    }

    @Test
    void aFixedThresholdMakesOnePassAndRecordsItsTauForEveryNeuron() throws Exception {
        List<String> tasks = new ArrayList<>();
        Measurement m = measure("onnx/mlp/mlp-epoch10.onnx", Map.of("threshold", 0.25),
                new ProgressListener() {
                    @Override
                    public void start(String task, long total) {
                        tasks.add(task);
                    }

                    @Override
                    public void advance(long done) {
                    }

                    @Override
                    public void finish() {
                    }
                });
        assertEquals(List.of("Extracting"), tasks);
        assertEquals(0, m.quantilePasses());
        assertEquals(new Threshold.Fixed(0.25), m.settings().threshold());
        assertEquals(Taus.uniform(0.25, m.statistics().layers()), m.taus());
        assertTrue(!timings.result().containsKey("quantiles"));
    }
}
