package org.coact.runner.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.coact.runner.data.NpyReader;
import org.coact.runner.data.NpzArchive;
import org.coact.runner.testing.TestEnv;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The acceptance test of the backbone: {@code coact analyze} on the bundled PyTorch MLP (ONNX,
 * epoch 10) over the 2,000 test digits, through the CLI and the packaged ONNX plugin, checked
 * against the independent numpy fixtures of testmodels/make_testmodels.py.
 *
 * <p>Counts must match exactly. The one allowed exception is a pre-activation so close to the
 * threshold that ONNX Runtime and numpy may round it to different sides: for each neuron the
 * count may differ by at most the number of samples whose numpy pre-activation lies within
 * {@link #NEAR} of zero, and the test reports how many such differences there were.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MlpFixtureEndToEndTest {

    static final double BITS = 1e-12;
    static final double NEAR = 1e-5;

    Path out;

    JsonNode fixture;
    JsonNode report;
    JsonNode defaults;
    JsonNode association;
    Map<String, float[]> pre = new HashMap<>();

    @BeforeAll
    void run(@TempDir Path dir) throws Exception {
        out = dir;
        Path models = TestEnv.testmodels();
        ObjectMapper json = new ObjectMapper();
        fixture = json.readTree(models.resolve("fixtures/mlp-epoch10.json").toFile());
        defaults = json.readTree(models.resolve("fixtures/defaults.json").toFile());
        association = defaults.at("/association/mlp-epoch10.json");
        TestEnv.Run run = TestEnv.coact("analyze", "--model", models.resolve(fixture.get("modelPath").asText()).toString(),
                "--data", models.resolve(fixture.get("dataPath").asText()).toString(), "--out", out.toString(), "--quiet");
        assertEquals(0, run.exitCode(), run.err());
        report = json.readTree(out.resolve("report.json").toFile());
        try (NpzArchive acts = NpzArchive.open(models.resolve("fixtures/mlp-epoch10-activations.npz"))) {
            for (JsonNode layer : fixture.get("layers")) {
                String key = layer.get("preActivationKey").asText();
                try (NpyReader r = acts.reader(key, 1f)) {
                    pre.put(layer.get("name").asText(), r.readFloats((int) r.header().rows()));
                }
            }
        }
    }

    @Test
    void datasetAndAccuracyMatchTheFixture() {
        assertEquals(fixture.get("n").asLong(), report.at("/dataset/samples").asLong());
        assertEquals(fixture.get("classes").asInt(), report.at("/dataset/classes").asInt());
        assertEquals(fixture.get("classCounts"), report.at("/dataset/classCounts"));
        assertEquals(fixture.get("correct").asLong(), report.get("correct").asLong());
        assertEquals(fixture.get("accuracy").asDouble(), report.get("accuracy").asDouble(), 0.0);
        assertEquals("onnx", report.at("/model/format").asText());
        assertEquals("onnx", report.at("/model/plugin/id").asText());
        assertEquals(64, report.at("/model/sha256").asText().length());
    }

    @Test
    void autoSelectsTheTwoReluLayers() {
        assertEquals(2, report.get("layers").size());
        assertEquals("/act1/Relu", report.at("/layers/0/name").asText());
        assertEquals("/act2/Relu", report.at("/layers/1/name").asText());
        assertEquals(192, report.get("neurons").size());
    }

    @Test
    void countsMatchExactlyOrDifferOnlyAtTheThreshold() {
        int nearDifferences = 0;
        int exactNeurons = 0;
        int neuron = 0;
        int n = fixture.get("n").asInt();
        for (JsonNode layer : fixture.get("layers")) {
            String name = layer.get("name").asText();
            int f = layer.get("neurons").asInt();
            float[] p = pre.get(name);
            for (int i = 0; i < f; i++, neuron++) {
                JsonNode r = report.get("neurons").get(neuron);
                assertEquals(name + ":" + i, r.get("id").asText());
                long expected = layer.get("activeCounts").get(i).asLong();
                long actual = r.get("activeCount").asLong();
                if (expected == actual) {
                    exactNeurons++;
                    assertEquals(layer.get("classActiveCounts").get(i), r.get("classActiveCounts"), name + ":" + i);
                    continue;
                }
                int near = 0;
                for (int s = 0; s < n; s++) {
                    if (Math.abs(p[s * f + i]) < NEAR) {
                        near++;
                    }
                }
                assertTrue(Math.abs(expected - actual) <= near, name + ":" + i + " counts " + actual + " vs numpy "
                        + expected + " but only " + near + " pre-activations lie within " + NEAR + " of the threshold");
                nearDifferences += Math.abs(expected - actual);
            }
        }
        System.out.printf("MLP epoch 10: %d of %d neurons match numpy exactly; %d activity flips at the threshold%n",
                exactNeurons, neuron, nearDifferences);
        assertEquals(exactNeurons == neuron, nearDifferences == 0);
    }

    @Test
    void entropiesMatchWithinOneEMinus12() {
        int neuron = 0;
        for (JsonNode layer : fixture.get("layers")) {
            for (int i = 0; i < layer.get("neurons").asInt(); i++, neuron++) {
                JsonNode r = report.get("neurons").get(neuron);
                if (r.get("activeCount").asLong() != layer.get("activeCounts").get(i).asLong()) {
                    continue; // a threshold flip, bounded in countsMatchExactlyOrDifferOnlyAtTheThreshold
                }
                assertEquals(layer.get("entropyBits").get(i).asDouble(), r.get("entropyBits").asDouble(), BITS);
                assertEquals(layer.get("conditionalEntropyBits").get(i).asDouble(),
                        r.get("conditionalEntropyBits").asDouble(), BITS);
                assertEquals(layer.get("mutualInformationBits").get(i).asDouble(),
                        r.get("mutualInformationBits").asDouble(), BITS);
                // scipy's G-test p; a preferred class only where it is below alignment_alpha (0.01)
                double p = association.get(layer.get("name").asText()).get(i).asDouble();
                assertEquals(p, r.get("classAssociationP").asDouble(), Math.max(1e-9 * p, 1e-300), r.get("id").asText());
                int preferred = layer.get("preferredClass").get(i).asInt();
                assertEquals(preferred < 0 || p >= 0.01 ? null : preferred,
                        r.get("preferredClass").isNull() ? null : r.get("preferredClass").asInt());
            }
        }
    }

    @Test
    void layerAndModelFiguresMatch() {
        for (int t = 0; t < fixture.get("layers").size(); t++) {
            JsonNode f = fixture.get("layers").get(t);
            JsonNode r = report.get("layers").get(t);
            assertEquals(f.get("meanEntropyBits").asDouble(), r.get("meanEntropyBits").asDouble(), BITS);
            assertEquals(f.get("meanConditionalEntropyBits").asDouble(), r.get("meanConditionalEntropyBits").asDouble(), BITS);
            assertEquals(f.get("meanMutualInformationBits").asDouble(), r.get("meanMutualInformationBits").asDouble(), BITS);
            assertEquals(f.get("dead").asInt(), r.get("dead").asInt());
            assertEquals(f.get("alwaysOn").asInt(), r.get("alwaysOn").asInt());
        }
        JsonNode m = fixture.get("model");
        assertEquals(m.get("meanEntropyBits").asDouble(), report.at("/summary/meanEntropyBits").asDouble(), BITS);
        assertEquals(m.get("meanMutualInformationBits").asDouble(), report.at("/summary/meanMutualInformationBits").asDouble(), BITS);
        assertEquals(m.get("dead").asInt(), report.at("/summary/dead").asInt());
    }

    /** The default Jaccard weights from the numpy counts (fixtures/defaults.json, mlpJaccard). */
    @Test
    void graphMatchesTheNumpyCoactivationCounts() {
        JsonNode g = defaults.get("mlpJaccard");
        assertEquals("jaccard", report.at("/graph/weight").asText());
        assertEquals(fixture.at("/graph/nodes").asInt(), report.at("/graph/nodes").asInt());
        assertEquals(g.get("nodes").asInt(), report.at("/graph/nodes").asInt());
        assertEquals(g.get("edges").asInt(), report.at("/graph/edges").asInt());
        assertEquals(fixture.at("/graph/edges").asInt(), report.at("/graph/edges").asInt(), "the same pairs as C/n");
        assertEquals(g.get("totalWeight").asDouble(), report.at("/graph/totalWeight").asDouble(), 1e-9);
    }

    @Test
    void everyOutputIsWrittenAndNoTemporaryFileIsLeft() throws IOException {
        try (var files = Files.list(out)) {
            assertEquals(java.util.List.of("graph.gexf", "graph.graphml", "layers.csv", "neurons.csv", "report.html",
                    "report.json"), files.map(p -> p.getFileName().toString()).sorted().toList());
        }
    }
}
