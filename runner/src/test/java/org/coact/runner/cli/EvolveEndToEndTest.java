package org.coact.runner.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.coact.runner.testing.TestEnv;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code coact evolve} on the bundled ONNX MLP series (epochs 0-10): accuracies against the
 * ones PyTorch measured while training (testmodels/onnx/mlp/training.json), correlations
 * recomputed here from the per-checkpoint figures, tracking consistent with the flows, and
 * the tables.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class EvolveEndToEndTest {

    Path out;
    JsonNode evolution;
    final ObjectMapper json = new ObjectMapper();

    @BeforeAll
    void run(@TempDir Path dir) throws Exception {
        out = dir;
        TestEnv.Run run = TestEnv.coact("evolve", "--models", TestEnv.model("onnx/mlp").toString(), "--data",
                TestEnv.model("mnist/test.npz").toString(), "--out", out.toString(), "--quiet");
        assertEquals(0, run.exitCode(), run.err());
        evolution = json.readTree(out.resolve("evolution.json").toFile());
    }

    @Test
    void elevenCheckpointsInEpochOrderWithTorchsAccuracies() throws Exception {
        JsonNode training = json.readTree(TestEnv.model("onnx/mlp/training.json").toFile());
        JsonNode checkpoints = evolution.get("checkpoints");
        assertEquals(11, checkpoints.size());
        for (int e = 0; e <= 10; e++) {
            JsonNode c = checkpoints.get(e);
            assertEquals(e, c.get("epoch").asInt());
            assertEquals(String.format("mlp-epoch%02d", e), c.get("label").asText());
            double torch = torchAccuracy(training, e);
            assertEquals(torch, c.get("accuracy").asDouble(), 1e-12, "epoch " + e);
            assertEquals(2, c.get("layers").size());
        }
        assertEquals("coact-evolution/1", evolution.get("schema").asText());
    }

    private static double torchAccuracy(JsonNode training, int epoch) {
        for (JsonNode e : training.has("epochs") ? training.get("epochs") : training) {
            if (e.get("epoch").asInt() == epoch) {
                return e.get("testAccuracy").asDouble();
            }
        }
        throw new AssertionError("no epoch " + epoch + " in training.json: " + training);
    }

    @Test
    void pearsonCorrelationsEqualTheTextbookFormula() {
        JsonNode checkpoints = evolution.get("checkpoints");
        double[] accuracy = new double[checkpoints.size()];
        double[] mi = new double[checkpoints.size()];
        double[] modularity = new double[checkpoints.size()];
        for (int i = 0; i < accuracy.length; i++) {
            accuracy[i] = checkpoints.get(i).get("accuracy").asDouble();
            mi[i] = checkpoints.get(i).at("/summary/meanMutualInformationBits").asDouble();
            modularity[i] = checkpoints.get(i).at("/communities/modularity").asDouble();
        }
        assertEquals(pearson(mi, accuracy), correlation("meanMutualInformationBits").at("/pearson/value").asDouble(), 1e-12);
        assertEquals(pearson(modularity, accuracy), correlation("modularity").at("/pearson/value").asDouble(), 1e-12);
        assertEquals(11, correlation("modularity").get("n").asInt());
        double p = correlation("meanMutualInformationBits").at("/pearson/pValue").asDouble();
        assertTrue(p > 0 && p < 1, "p = " + p);
    }

    private JsonNode correlation(String figure) {
        for (JsonNode c : evolution.get("correlations")) {
            if (c.get("figure").asText().equals(figure)) {
                return c;
            }
        }
        throw new AssertionError(figure);
    }

    private static double pearson(double[] x, double[] y) {
        double mx = 0;
        double my = 0;
        for (int i = 0; i < x.length; i++) {
            mx += x[i] / x.length;
            my += y[i] / y.length;
        }
        double sxy = 0;
        double sxx = 0;
        double syy = 0;
        for (int i = 0; i < x.length; i++) {
            sxy += (x[i] - mx) * (y[i] - my);
            sxx += (x[i] - mx) * (x[i] - mx);
            syy += (y[i] - my) * (y[i] - my);
        }
        return sxy / Math.sqrt(sxx * syy);
    }

    @Test
    void trackingCountsAgreeWithTheirEvents() {
        assertEquals(10, evolution.get("transitions").size());
        for (JsonNode t : evolution.get("transitions")) {
            for (String kind : List.of("continuation", "birth", "death", "split", "merge")) {
                long events = 0;
                for (JsonNode e : t.get("events")) {
                    events += e.get("kind").asText().equals(kind) ? 1 : 0;
                }
                assertEquals(t.get(kind.equals("continuation") ? "continuations" : kind + "s").asLong(), events, kind);
            }
            assertTrue(t.get("flows").size() > 0);
        }
    }

    @Test
    void tablesHaveOneRowPerCheckpointLayerAndNeuron() throws Exception {
        List<String> checkpoints = Files.readAllLines(out.resolve("checkpoints.csv"));
        assertEquals(12, checkpoints.size());
        assertTrue(checkpoints.get(0).startsWith("index,epoch,label,model,accuracy,correct,meanEntropyBits"));
        assertEquals(1 + 11 * 2, Files.readAllLines(out.resolve("layers.csv")).size());
        List<String> neurons = Files.readAllLines(out.resolve("neurons.csv"));
        assertEquals(1 + 11 * 192, neurons.size());
        assertTrue(neurons.get(1).startsWith("mlp-epoch00,/act1/Relu:0,/act1/Relu,0,"), neurons.get(1));
    }
}
