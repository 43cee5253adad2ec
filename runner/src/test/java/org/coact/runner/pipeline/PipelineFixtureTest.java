package org.coact.runner.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.Map;
import org.coact.analysis.activity.CoactivationStats;
import org.coact.runner.output.json.Report;
import org.coact.runner.output.json.Reports;
import org.coact.runner.testing.TestEnv;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The pipeline on real checkpoints through the packaged plugins: co-activation counts against
 * the numpy fixtures, modularity against METHOD.md's formula evaluated from scratch, and
 * independence from the batch size (METHOD.md 4).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PipelineFixtureTest {

    AnalysisPipeline pipeline;
    final ObjectMapper json = new ObjectMapper();

    @BeforeAll
    void start() throws Exception {
        pipeline = TestEnv.pipeline();
    }

    private AnalyzeRequest request(String model, Map<String, Object> overrides) throws Exception {
        return TestEnv.mnistRequest(model, overrides);
    }

    @Test
    void coactivationCountsEqualNumpyForTheMlp() throws Exception {
        assertCoactivationMatches("fixtures/mlp-epoch10.json");
    }

    @Test
    void coactivationCountsEqualNumpyForTheCnn() throws Exception {
        assertCoactivationMatches("fixtures/cnn-epoch10.json");
    }

    private void assertCoactivationMatches(String fixturePath) throws Exception {
        JsonNode fixture = json.readTree(TestEnv.model(fixturePath).toFile());
        CoactivationStats stats = pipeline.measure(request(fixture.get("modelPath").asText(),
                Map.of("reduce", fixture.get("reduce").asText())), ProgressListener.NONE).statistics();
        assertEquals(fixture.get("n").asLong(), stats.samples());
        assertEquals(fixture.get("correct").asLong(), stats.correct());
        int t = 0;
        for (JsonNode pair : fixture.get("coactivation")) {
            assertEquals(pair.get("from").asText(), stats.layers().get(t).name());
            assertEquals(pair.get("to").asText(), stats.layers().get(t + 1).name());
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
        for (int l = 0; l < fixture.get("layers").size(); l++) {
            JsonNode layer = fixture.get("layers").get(l);
            for (int i = 0; i < layer.get("neurons").asInt(); i++) {
                for (int c = 0; c < fixture.get("classes").asInt(); c++) {
                    assertEquals(layer.get("classActiveCounts").get(i).get(c).asLong(),
                            stats.active(stats.layerOffset(l) + i, c));
                }
            }
        }
    }

    /**
     * The default settings on the CNN (reduce fraction, active_fraction 0.25, Jaccard weights)
     * against fixtures/defaults.json, worked out with numpy from the ONNX graph: counts exact
     * (no sample lies near enough to the cut for ONNX Runtime's rounding to matter, the fixture
     * says), the graph's size and total weight within 1e-9, and each neuron's G-test p-value
     * against scipy's chi2_contingency within 1e-9 relative.
     */
    @Test
    void theDefaultFractionReductionAndJaccardGraphMatchNumpyForTheCnn() throws Exception {
        JsonNode fixture = json.readTree(TestEnv.model("fixtures/defaults.json").toFile()).get("cnnFraction");
        AnalyzeRequest request = request(fixture.get("modelPath").asText(), Map.of());
        CoactivationStats stats = pipeline.measure(request, ProgressListener.NONE).statistics();
        Report report = Reports.of(pipeline.analyze(request, ProgressListener.NONE));
        assertEquals(org.coact.analysis.activity.Reduction.FRACTION, report.config().reduce());
        assertEquals(0.25, report.config().activeFraction());
        int neuron = 0;
        for (int l = 0; l < fixture.get("layers").size(); l++) {
            JsonNode layer = fixture.get("layers").get(l);
            for (int i = 0; i < layer.get("neurons").asInt(); i++, neuron++) {
                assertEquals(0, layer.get("near").get(i).asInt(), "the fixture has no sample near the cut");
                int j = stats.layerOffset(l) + i;
                assertEquals(layer.get("activeCounts").get(i).asLong(), stats.active(j), layer.get("name") + ":" + i);
                for (int c = 0; c < 10; c++) {
                    assertEquals(layer.get("classActiveCounts").get(i).get(c).asLong(), stats.active(j, c));
                }
                double p = layer.get("associationP").get(i).asDouble();
                assertEquals(p, report.neurons().get(neuron).classAssociationP(), Math.max(1e-9 * p, 1e-300), layer.get("name") + ":" + i);
            }
        }
        for (int t = 0; t < fixture.get("coactivation").size(); t++) {
            JsonNode counts = fixture.get("coactivation").get(t);
            for (int j = 0; j < counts.size(); j++) {
                for (int k = 0; k < counts.get(j).size(); k++) {
                    assertEquals(counts.get(j).get(k).asLong(),
                            stats.coactive(stats.layerOffset(t) + j, stats.layerOffset(t + 1) + k));
                }
            }
        }
        assertEquals(fixture.at("/graph/nodes").asInt(), report.graph().nodes());
        assertEquals(fixture.at("/graph/edges").asInt(), report.graph().edges());
        assertEquals(fixture.at("/graph/totalWeight").asDouble(), report.graph().totalWeight(), 1e-9);
        assertEquals("jaccard", report.graph().weight());
    }

    @Test
    void countsDoNotDependOnTheBatchSize() throws Exception {
        CoactivationStats b64 = pipeline.measure(request("onnx/mlp/mlp-epoch05.onnx", Map.of()), ProgressListener.NONE)
                .statistics();
        CoactivationStats b7 = pipeline.measure(request("onnx/mlp/mlp-epoch05.onnx", Map.of("batch_size", 7)),
                ProgressListener.NONE).statistics();
        CoactivationStats whole = pipeline.measure(request("onnx/mlp/mlp-epoch05.onnx", Map.of("batch_size", 2000)),
                ProgressListener.NONE).statistics();
        assertEquals(b64, b7);
        assertEquals(b64, whole);
    }

    @Test
    void modularityEqualsTheFormulaOnTheReportedPartitionForLouvainAndLeiden() throws Exception {
        for (String weight : List.of("jaccard", "frequency")) {
            for (String algorithm : List.of("louvain", "leiden")) {
                for (double gamma : new double[] {1.0, 0.5}) {
                    Map<String, Object> o = Map.of("community.algorithm", algorithm, "community.resolution", gamma,
                            "graph.weight", weight, "community.null_samples", 0);
                    AnalyzeRequest request = request("onnx/mlp/mlp-epoch10.onnx", o);
                    CoactivationStats stats = pipeline.measure(request, ProgressListener.NONE).statistics();
                    Report report = Reports.of(pipeline.analyze(request, ProgressListener.NONE));
                    double q = modularityFromScratch(stats, report, gamma, weight.equals("jaccard"));
                    String what = weight + " " + algorithm + " gamma " + gamma;
                    assertEquals(q, report.communities().modularity(), 1e-9, what);
                    assertEquals(algorithm, report.communities().algorithm());
                    assertTrue(report.communities().count() > 1, what + " found " + report.communities().count());
                }
            }
        }
    }

    @Test
    void anotherSeedMayGiveAnotherPartitionButTheSameSeedNever() throws Exception {
        AnalyzeRequest a = request("onnx/mlp/mlp-epoch10.onnx", Map.of("community.seed", 1));
        Report r1 = Reports.of(pipeline.analyze(a, ProgressListener.NONE));
        Report r2 = Reports.of(pipeline.analyze(a, ProgressListener.NONE));
        assertEquals(r1.communities().membership(), r2.communities().membership());
        assertEquals(1, r1.communities().seed());
        Report other = Reports.of(pipeline.analyze(request("onnx/mlp/mlp-epoch10.onnx", Map.of("community.seed", 2)),
                ProgressListener.NONE));
        assertNotEquals(0.0, other.communities().modularity());
    }

    /**
     * Q = 1/(2m) sum_ij [A_ij - gamma k_i k_j / (2m)] delta(c_i, c_j), straight from METHOD.md 6
     * with a dense adjacency matrix of weights C_jk / n, or C_jk / (c_j + c_k - C_jk), built from
     * the raw counts.
     */
    private static double modularityFromScratch(CoactivationStats stats, Report report, double gamma,
            boolean jaccard) {
        int nodes = stats.neuronCount();
        double[][] a = new double[nodes][nodes];
        for (int t = 0; t + 1 < stats.layers().size(); t++) {
            for (int j = 0; j < stats.layers().get(t).neurons(); j++) {
                for (int k = 0; k < stats.layers().get(t + 1).neurons(); k++) {
                    int u = stats.layerOffset(t) + j;
                    int v = stats.layerOffset(t + 1) + k;
                    long c = stats.coactive(u, v);
                    double w = !jaccard ? (double) c / stats.samples()
                            : c == 0 ? 0 : (double) c / (stats.active(u) + stats.active(v) - c);
                    a[u][v] = w;
                    a[v][u] = w;
                }
            }
        }
        double[] degree = new double[nodes];
        double twoM = 0;
        for (int i = 0; i < nodes; i++) {
            for (int j = 0; j < nodes; j++) {
                degree[i] += a[i][j];
            }
            twoM += degree[i];
        }
        int[] community = new int[nodes];
        for (int i = 0; i < nodes; i++) {
            community[i] = report.communities().membership().get(stats.neuronId(i));
        }
        double q = 0;
        for (int i = 0; i < nodes; i++) {
            for (int j = 0; j < nodes; j++) {
                if (community[i] == community[j]) {
                    q += a[i][j] - gamma * degree[i] * degree[j] / twoM;
                }
            }
        }
        return q / twoM;
    }
}
