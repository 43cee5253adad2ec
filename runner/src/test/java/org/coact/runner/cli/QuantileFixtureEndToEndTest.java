package org.coact.runner.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.coact.runner.testing.TestEnv;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code coact analyze --threshold "quantile q"} on the bundled epoch-10 MLP (q = 0.5, 0.9) and
 * CNN (q = 0.5) through the CLI and the packaged ONNX plugin, against the numpy fixtures of
 * testmodels/make_quantile_fixtures.py ({@code np.quantile(v, q)}, 'linear', on the same
 * neuron values computed by numpy's own forward pass).
 *
 * <p>The taus cannot be bit-equal: ONNX Runtime's activations differ from numpy's by about
 * 1e-6, and a quantile is one (or two interpolated) of those values. They must agree within
 * {@link #TAU_REL} relative (absolute below 1). Counts must match exactly, except that a
 * neuron's count may differ by at most its fixture's {@code nearTau}: the samples whose value
 * lies within 1e-5 of tau (a ReLU zero only if its pre-activation is that close to zero too).
 * Entropies agree within 1e-12 bits wherever the counts match.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class QuantileFixtureEndToEndTest {

    static final double TAU_REL = 1e-6;
    static final double BITS = 1e-12;

    final ObjectMapper json = new ObjectMapper();
    final Map<String, JsonNode> fixtures = new TreeMap<>();
    final Map<String, JsonNode> reports = new TreeMap<>();
    final Map<String, List<String>> csv = new TreeMap<>();
    JsonNode association;

    @BeforeAll
    void run(@TempDir Path dir) throws Exception {
        association = json.readTree(TestEnv.model("fixtures/defaults.json").toFile()).get("association");
        for (String name : List.of("mlp-epoch10-q50", "mlp-epoch10-q90", "cnn-epoch10-q50")) {
            JsonNode fixture = json.readTree(TestEnv.model("fixtures/" + name + ".json").toFile());
            Path out = dir.resolve(name);
            TestEnv.Run run = TestEnv.coact("analyze", "--model", TestEnv.model(fixture.get("modelPath").asText())
                    .toString(), "--data", TestEnv.model(fixture.get("dataPath").asText()).toString(),
                    "--threshold", fixture.get("threshold").asText(), "--set", "reduce=" + fixture.get("reduce").asText(), "--set", "graph.weight=frequency",
                    "--out", out.toString(), "--quiet");
            assertEquals(0, run.exitCode(), run.err());
            fixtures.put(name, fixture);
            reports.put(name, json.readTree(out.resolve("report.json").toFile()));
            csv.put(name, Files.readAllLines(out.resolve("neurons.csv")));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"mlp-epoch10-q50", "mlp-epoch10-q90", "cnn-epoch10-q50"})
    void theConfigShowsTheThresholdAsGivenAndTimingsHaveAQuantilesStage(String name) {
        JsonNode report = reports.get(name);
        assertEquals(fixtures.get(name).get("threshold").asText(), report.at("/config/threshold").asText());
        assertTrue(report.at("/config/threshold").isTextual());
        assertTrue(report.at("/timings/quantiles").isNumber(), report.get("timings").toString());
        assertEquals(fixtures.get(name).get("n").asLong(), report.at("/dataset/samples").asLong());
    }

    @ParameterizedTest
    @ValueSource(strings = {"mlp-epoch10-q50", "mlp-epoch10-q90", "cnn-epoch10-q50"})
    void tausMatchNumpyWithinOneEMinus6Relative(String name) {
        double worst = 0;
        int exact = 0;
        int neuron = 0;
        for (JsonNode layer : fixtures.get(name).get("layers")) {
            for (int i = 0; i < layer.get("neurons").asInt(); i++, neuron++) {
                JsonNode r = reports.get(name).get("neurons").get(neuron);
                assertEquals(layer.get("name").asText() + ":" + i, r.get("id").asText());
                double expected = layer.get("taus").get(i).asDouble();
                double actual = r.get("threshold").asDouble();
                double diff = Math.abs(expected - actual);
                assertTrue(diff <= TAU_REL * Math.max(1.0, Math.abs(expected)),
                        r.get("id").asText() + " tau " + actual + " vs numpy " + expected);
                worst = Math.max(worst, diff / Math.max(1.0, Math.abs(expected)));
                exact += diff == 0 ? 1 : 0;
                String row = csv.get(name).get(neuron + 1);
                assertEquals(actual, Double.parseDouble(row.substring(row.lastIndexOf(',') + 1)), 0.0, row);
            }
        }
        System.out.printf("%s: taus of %d neurons, %d bit-equal to numpy's, max relative difference %.3g%n", name,
                neuron, exact, worst);
    }

    @ParameterizedTest
    @ValueSource(strings = {"mlp-epoch10-q50", "mlp-epoch10-q90", "cnn-epoch10-q50"})
    void countsMatchExactlyOrDifferOnlyNearTau(String name) {
        int flips = 0;
        int exactNeurons = 0;
        int neuron = 0;
        int near = 0;
        for (JsonNode layer : fixtures.get(name).get("layers")) {
            for (int i = 0; i < layer.get("neurons").asInt(); i++, neuron++) {
                JsonNode r = reports.get(name).get("neurons").get(neuron);
                long expected = layer.get("activeCounts").get(i).asLong();
                long actual = r.get("activeCount").asLong();
                int bound = layer.get("nearTau").get(i).asInt();
                near += bound;
                if (expected == actual) {
                    exactNeurons++;
                    assertEquals(layer.get("classActiveCounts").get(i), r.get("classActiveCounts"), r.get("id").asText());
                    continue;
                }
                assertTrue(Math.abs(expected - actual) <= bound, r.get("id").asText() + " counts " + actual
                        + " vs numpy " + expected + " but only " + bound + " values lie within 1e-5 of tau");
                flips += Math.abs(expected - actual);
            }
        }
        System.out.printf("%s: %d of %d neurons match numpy's counts exactly; %d activity flips near tau "
                + "(%d values within 1e-5 of tau)%n", name, exactNeurons, neuron, flips, near);
        assertTrue(flips <= near);
    }

    @ParameterizedTest
    @ValueSource(strings = {"mlp-epoch10-q50", "mlp-epoch10-q90", "cnn-epoch10-q50"})
    void entropiesMatchWithinOneEMinus12WhereCountsMatch(String name) {
        int neuron = 0;
        boolean allExact = true;
        for (JsonNode layer : fixtures.get(name).get("layers")) {
            for (int i = 0; i < layer.get("neurons").asInt(); i++, neuron++) {
                JsonNode r = reports.get(name).get("neurons").get(neuron);
                if (r.get("activeCount").asLong() != layer.get("activeCounts").get(i).asLong()) {
                    allExact = false;
                    continue; // bounded in countsMatchExactlyOrDifferOnlyNearTau
                }
                assertEquals(layer.get("entropyBits").get(i).asDouble(), r.get("entropyBits").asDouble(), BITS);
                assertEquals(layer.get("conditionalEntropyBits").get(i).asDouble(),
                        r.get("conditionalEntropyBits").asDouble(), BITS);
                assertEquals(layer.get("mutualInformationBits").get(i).asDouble(),
                        r.get("mutualInformationBits").asDouble(), BITS);
                double p = association.at("/" + name + ".json").get(layer.get("name").asText()).get(i).asDouble();
                assertEquals(p, r.get("classAssociationP").asDouble(), Math.max(1e-9 * p, 1e-300), r.get("id").asText());
                int preferred = layer.get("preferredClass").get(i).asInt();
                assertEquals(preferred < 0 || p >= 0.01 ? null : preferred,
                        r.get("preferredClass").isNull() ? null : r.get("preferredClass").asInt());
            }
        }
        if (allExact) {
            JsonNode m = fixtures.get(name).get("model");
            JsonNode report = reports.get(name);
            assertEquals(m.get("meanEntropyBits").asDouble(), report.at("/summary/meanEntropyBits").asDouble(), BITS);
            assertEquals(m.get("meanMutualInformationBits").asDouble(),
                    report.at("/summary/meanMutualInformationBits").asDouble(), BITS);
            assertEquals(m.get("dead").asInt(), report.at("/summary/dead").asInt());
            assertEquals(fixtures.get(name).at("/graph/edges").asInt(), report.at("/graph/edges").asInt());
            assertEquals(fixtures.get(name).at("/graph/totalWeight").asDouble(),
                    report.at("/graph/totalWeight").asDouble(), 1e-9);
        }
    }
}
