package org.coact.runner.crossformat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.coact.runner.data.NpyReader;
import org.coact.runner.data.NpzArchive;
import org.coact.runner.testing.TestEnv;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code coact analyze} on the same network in every format the DL4J plugin adds, against its
 * ONNX export: the epoch-10 MLP and CNN as ONNX, DL4J zip and Keras .h5 (and the graph-style
 * TensorFlow SavedModel where testmodels/tensorflow has it), over the 2,000 test digits, through the CLI and the packaged plugins, default configuration (auto layers, tau 0,
 * Louvain, seed 42). Layer names differ across formats (ONNX {@code /act1/Relu}, DL4J and Keras
 * {@code fc1}), so neurons are compared by position.
 *
 * <p>The reports must be identical: accuracy, every neuron's counts and entropies, the graph
 * (nodes, edges, total weight) and the community membership. The one allowed difference is a
 * neuron whose activity flips because a value lies within {@link #NEAR} of the threshold, where
 * float rounding differs between engines: its count may differ by at most the number of samples
 * whose numpy pre-activation (fixtures/*-activations.npz, for conv channels the smallest |value|
 * over the positions) lies that near; the test prints how many flips there were. With no flip,
 * everything must be equal bit for bit.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class Dl4jEquivalenceTest {

    static final double NEAR = 1e-5;

    /** Reports by network ("mlp", "cnn") and format ("onnx", "dl4j", "keras"). */
    final Map<String, Map<String, JsonNode>> reports = new LinkedHashMap<>();

    @BeforeAll
    void analyzeEveryFormat(@TempDir Path out) throws Exception {
        ObjectMapper json = new ObjectMapper();
        for (String net : List.of("mlp", "cnn")) {
            Map<String, Path> models = new LinkedHashMap<>();
            models.put("onnx", TestEnv.model("onnx/" + net + "/" + net + "-epoch10.onnx"));
            models.put("dl4j", TestEnv.model("dl4j/" + net + "-epoch10.zip"));
            models.put("keras", TestEnv.model("keras/" + net + "-epoch10.h5"));
            Path tf = TestEnv.model("tensorflow/graph/" + net + "-epoch10");
            if (java.nio.file.Files.isDirectory(tf)) {
                models.put("tensorflow", tf); // the TensorFlow plugin's own test covers both its styles
            }
            Map<String, JsonNode> byFormat = new LinkedHashMap<>();
            for (var e : models.entrySet()) {
                Path dir = out.resolve(net + "-" + e.getKey());
                TestEnv.Run run = TestEnv.coact("analyze", "--model", e.getValue().toString(), "--data",
                        TestEnv.model("mnist/test.npz").toString(), "--out", dir.toString(), "--quiet");
                assertEquals(0, run.exitCode(), e.getValue() + ": " + run.err());
                assertEquals("", run.err().strip(), "nothing on stderr for " + e.getValue());
                JsonNode report = json.readTree(dir.resolve("report.json").toFile());
                assertEquals(e.getKey(), report.at("/model/format").asText());
                assertEquals(e.getKey().equals("keras") ? "dl4j" : e.getKey(), report.at("/model/plugin/id").asText());
                byFormat.put(e.getKey(), report);
            }
            reports.put(net, byFormat);
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"mlp", "cnn"})
    void accuracyAndSelectedLayersAgree(String net) {
        JsonNode onnx = reports.get(net).get("onnx");
        for (String format : others(net)) {
            JsonNode other = reports.get(net).get(format);
            assertEquals(onnx.get("correct").asLong(), other.get("correct").asLong(), net + " " + format);
            assertEquals(onnx.get("accuracy").asDouble(), other.get("accuracy").asDouble(), 0.0);
            assertEquals(onnx.get("layers").size(), other.get("layers").size(), net + " " + format + " layers");
            for (int t = 0; t < onnx.get("layers").size(); t++) {
                assertEquals(onnx.at("/layers/" + t + "/neurons").asInt(), other.at("/layers/" + t + "/neurons").asInt());
            }
            System.out.printf("%s %s: accuracy %.4f (onnx %.4f); layers %s vs %s%n", net, format,
                    other.get("accuracy").asDouble(), onnx.get("accuracy").asDouble(), names(other), names(onnx));
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"mlp", "cnn"})
    void neuronCountsAndEntropiesAgreeOrDifferOnlyAtTheThreshold(String net) throws Exception {
        JsonNode onnx = reports.get(net).get("onnx");
        List<int[]> near = nearThreshold(net, onnx);
        for (String format : others(net)) {
            JsonNode other = reports.get(net).get(format);
            int flips = 0;
            for (int j = 0; j < onnx.get("neurons").size(); j++) {
                JsonNode a = onnx.get("neurons").get(j);
                JsonNode b = other.get("neurons").get(j);
                assertEquals(a.get("index").asInt(), b.get("index").asInt());
                long diff = Math.abs(a.get("activeCount").asLong() - b.get("activeCount").asLong());
                if (diff == 0 && a.get("classActiveCounts").equals(b.get("classActiveCounts"))) {
                    for (String f : List.of("entropyBits", "conditionalEntropyBits", "mutualInformationBits",
                            "activeFraction")) {
                        assertEquals(a.get(f).asDouble(), b.get(f).asDouble(), 0.0, a.get("id") + " " + f);
                    }
                    assertEquals(a.get("preferredClass"), b.get("preferredClass"), a.get("id").asText());
                    continue;
                }
                int bound = near.get(j)[0];
                System.out.printf("%s %s: neuron %s (%s) count %d vs onnx %d; %d samples within %.0e of tau%n", net,
                        format, b.get("id").asText(), a.get("id").asText(), b.get("activeCount").asLong(),
                        a.get("activeCount").asLong(), bound, NEAR);
                assertTrue(diff <= bound, a.get("id") + ": " + format + " count differs by " + diff + " but only " + bound
                        + " samples lie within " + NEAR + " of the threshold");
                flips += (int) diff;
            }
            System.out.printf("%s %s: %d neurons, %d activity flips at the threshold vs onnx%n", net, format,
                    onnx.get("neurons").size(), flips);
            if (flips == 0) {
                assertEquals(onnx.get("summary").get("meanEntropyBits").asDouble(),
                        other.get("summary").get("meanEntropyBits").asDouble(), 0.0);
                assertEquals(onnx.get("summary").get("meanMutualInformationBits").asDouble(),
                        other.get("summary").get("meanMutualInformationBits").asDouble(), 0.0);
                assertEquals(onnx.get("summary").get("dead"), other.get("summary").get("dead"));
                assertEquals(onnx.get("summary").get("alwaysOn"), other.get("summary").get("alwaysOn"));
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"mlp", "cnn"})
    void graphAndCommunitiesAreIdentical(String net) {
        JsonNode onnx = reports.get(net).get("onnx");
        for (String format : others(net)) {
            JsonNode other = reports.get(net).get(format);
            for (String f : List.of("nodes", "edges")) {
                assertEquals(onnx.at("/graph/" + f).asLong(), other.at("/graph/" + f).asLong(), net + " " + format + " " + f);
            }
            assertEquals(onnx.at("/graph/totalWeight").asDouble(), other.at("/graph/totalWeight").asDouble(), 0.0);
            assertEquals(onnx.at("/communities/seed").asLong(), other.at("/communities/seed").asLong());
            assertEquals(membership(onnx), membership(other), net + " " + format + " community membership by position");
            assertEquals(onnx.at("/communities/count").asInt(), other.at("/communities/count").asInt());
            assertEquals(onnx.at("/communities/sizes"), other.at("/communities/sizes"));
            assertEquals(onnx.at("/communities/modularity").asDouble(), other.at("/communities/modularity").asDouble(), 0.0);
            assertEquals(onnx.at("/communities/nmi").asDouble(), other.at("/communities/nmi").asDouble(), 0.0);
            System.out.printf("%s %s: graph %d nodes %d edges total weight %.6f; %d communities, Q = %.6f (same as onnx)%n",
                    net, format, other.at("/graph/nodes").asInt(), other.at("/graph/edges").asInt(),
                    other.at("/graph/totalWeight").asDouble(), other.at("/communities/count").asInt(),
                    other.at("/communities/modularity").asDouble());
        }
    }

    /** @return the formats compared with ONNX: dl4j, keras, and tensorflow where its test models exist */
    private List<String> others(String net) {
        return reports.get(net).keySet().stream().filter(f -> !f.equals("onnx")).toList();
    }

    /** @return each neuron's community, in neuron order */
    private static List<Integer> membership(JsonNode report) {
        List<Integer> out = new ArrayList<>();
        for (JsonNode n : report.get("neurons")) {
            out.add(report.at("/communities/membership").get(n.get("id").asText()).asInt());
        }
        return out;
    }

    private static List<String> names(JsonNode report) {
        List<String> out = new ArrayList<>();
        report.get("layers").forEach(l -> out.add(l.get("name").asText()));
        return out;
    }

    /** @return per neuron (report order), the number of samples whose numpy pre-activation is within NEAR of 0 */
    private static List<int[]> nearThreshold(String net, JsonNode onnx) throws Exception {
        List<int[]> out = new ArrayList<>();
        try (NpzArchive acts = NpzArchive.open(TestEnv.model("fixtures/" + net + "-epoch10-activations.npz"))) {
            for (int k = 1; k <= onnx.get("layers").size(); k++) {
                int f = onnx.at("/layers/" + (k - 1) + "/neurons").asInt();
                float[] pre;
                int n;
                try (NpyReader r = acts.reader("pre" + k, 1f)) {
                    n = (int) r.header().rows();
                    pre = r.readFloats(n);
                }
                for (int i = 0; i < f; i++) {
                    int count = 0;
                    for (int s = 0; s < n; s++) {
                        count += Math.abs(pre[s * f + i]) < NEAR ? 1 : 0;
                    }
                    out.add(new int[] {count});
                }
            }
        }
        return out;
    }
}
