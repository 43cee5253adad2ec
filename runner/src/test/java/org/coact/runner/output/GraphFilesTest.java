package org.coact.runner.output;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.coact.runner.testing.TestEnv;
import org.jgrapht.Graph;
import org.jgrapht.graph.DefaultWeightedEdge;
import org.jgrapht.graph.SimpleWeightedGraph;
import org.jgrapht.nio.Attribute;
import org.jgrapht.nio.gexf.SimpleGEXFImporter;
import org.jgrapht.nio.graphml.GraphMLImporter;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The GraphML and GEXF files of {@code coact analyze} on the bundled MLP parse back with
 * jgrapht-io into the reported graph: same nodes, edges, weights, layers and communities.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class GraphFilesTest {

    Path out;
    JsonNode report;

    @BeforeAll
    void analyze(@TempDir Path dir) throws Exception {
        out = dir;
        TestEnv.Run run = TestEnv.coact("analyze", "--model", TestEnv.model("onnx/mlp/mlp-epoch10.onnx").toString(),
                "--data", TestEnv.model("mnist/test.npz").toString(), "--out", dir.toString(), "--quiet");
        assertEquals(0, run.exitCode(), run.err());
        report = new ObjectMapper().readTree(dir.resolve("report.json").toFile());
    }

    @Test
    void graphmlParsesBackWithItsAttributes() throws Exception {
        Map<String, Map<String, Attribute>> nodeAttrs = new HashMap<>();
        GraphMLImporter<String, DefaultWeightedEdge> importer = new GraphMLImporter<>();
        importer.setVertexFactory(id -> id);
        importer.addVertexAttributeConsumer((p, a) -> nodeAttrs.computeIfAbsent(p.getFirst(), k -> new HashMap<>())
                .put(p.getSecond(), a));
        Graph<String, DefaultWeightedEdge> g = new SimpleWeightedGraph<>(DefaultWeightedEdge.class);
        try (Reader r = Files.newBufferedReader(out.resolve("graph.graphml"))) {
            importer.importGraph(g, r);
        }
        assertGraph(g, nodeAttrs);
    }

    @Test
    void gexfParsesBackWithItsAttributes() throws Exception {
        Map<String, Map<String, Attribute>> nodeAttrs = new HashMap<>();
        SimpleGEXFImporter<String, DefaultWeightedEdge> importer = new SimpleGEXFImporter<>();
        importer.setVertexFactory(id -> id);
        importer.addVertexAttributeConsumer((p, a) -> nodeAttrs.computeIfAbsent(p.getFirst(), k -> new HashMap<>())
                .put(p.getSecond(), a));
        Graph<String, DefaultWeightedEdge> g = new SimpleWeightedGraph<>(DefaultWeightedEdge.class);
        try (Reader r = Files.newBufferedReader(out.resolve("graph.gexf"))) {
            importer.importGraph(g, r);
        }
        assertGraph(g, nodeAttrs);
    }

    private void assertGraph(Graph<String, DefaultWeightedEdge> g, Map<String, Map<String, Attribute>> attrs) {
        assertEquals(report.at("/graph/nodes").asInt(), g.vertexSet().size());
        assertEquals(report.at("/graph/edges").asInt(), g.edgeSet().size());
        double total = g.edgeSet().stream().mapToDouble(g::getEdgeWeight).sum();
        assertEquals(report.at("/graph/totalWeight").asDouble(), total, 1e-9);
        assertTrue(g.edgeSet().stream().allMatch(e -> g.getEdgeWeight(e) > 0 && g.getEdgeWeight(e) <= 1));
        for (int i : List.of(0, 5, 127, 128, 191)) {
            JsonNode neuron = report.get("neurons").get(i);
            Map<String, Attribute> a = attrs.get("n" + i);
            assertEquals(neuron.get("layer").asText(), a.get("layer").getValue(), "n" + i);
            assertEquals(neuron.get("index").asText(), a.get("index").getValue());
            assertEquals(report.at("/communities/membership").get(neuron.get("id").asText()).asText(),
                    a.get("community").getValue());
            assertEquals(neuron.get("preferredClass").isNull() ? "-1" : neuron.get("preferredClass").asText(),
                    a.get("preferredClass").getValue());
        }
    }

    @Test
    void csvTablesHaveOneRowPerNeuronAndLayer() throws Exception {
        List<String> neurons = Files.readAllLines(out.resolve("neurons.csv"));
        assertEquals(193, neurons.size());
        assertEquals(String.join(",", CsvTables.NEURON_COLUMNS), neurons.get(0));
        assertTrue(neurons.get(1).startsWith("/act1/Relu:0,/act1/Relu,0," + report.at("/neurons/0/activeCount").asText()
                + ","), neurons.get(1));
        assertEquals(3, Files.readAllLines(out.resolve("layers.csv")).size());
    }
    @Test
    void aGraphOverTheSizePolicyKeepsItsHeaviestEdgesAndSaysSo(@org.junit.jupiter.api.io.TempDir Path small)
            throws Exception {
        TestEnv.Run run = TestEnv.coact("analyze", "--model", TestEnv.model("onnx/mlp/mlp-epoch10.onnx").toString(),
                "--data", TestEnv.model("mnist/test.npz").toString(), "--out", small.toString(), "--quiet", "--set",
                "outputs.graph_edges=100");
        assertEquals(0, run.exitCode(), run.err());
        JsonNode r = new ObjectMapper().readTree(small.resolve("report.json").toFile());
        assertEquals(report.at("/graph/edges"), r.at("/graph/edges"), "the graph itself is unchanged");
        assertEquals(100, r.at("/graph/fileEdges").asInt());
        assertEquals(report.at("/graph/edges").asInt(), report.at("/graph/fileEdges").asInt(), "default: all 7,199");
        List<Double> all = weights(out.resolve("graph.graphml"));
        List<Double> kept = weights(small.resolve("graph.graphml"));
        assertEquals(100, kept.size());
        all.sort(java.util.Comparator.reverseOrder());
        kept.sort(java.util.Comparator.reverseOrder());
        assertEquals(all.subList(0, 100), kept, "the 100 heaviest weights");
        String graphml = Files.readString(small.resolve("graph.graphml"));
        assertTrue(graphml.contains("<data key=\"edgesTotal\">7199</data><data key=\"edgesWritten\">100</data>"),
                graphml.substring(0, 1500));
        assertTrue(Files.readString(small.resolve("graph.gexf")).contains(
                "Coact neuron graph: the 100 heaviest of 7199 edges (outputs.graph_edges)"));
    }

    private static List<Double> weights(Path graphml) throws Exception {
        GraphMLImporter<String, DefaultWeightedEdge> importer = new GraphMLImporter<>();
        importer.setVertexFactory(id -> id);
        Graph<String, DefaultWeightedEdge> g = new SimpleWeightedGraph<>(DefaultWeightedEdge.class);
        try (Reader r = Files.newBufferedReader(graphml)) {
            importer.importGraph(g, r);
        }
        return new java.util.ArrayList<>(g.edgeSet().stream().map(g::getEdgeWeight).toList());
    }

    @Test
    void charactersXmlForbidsAreReplacedAndTheRestKept() {
        assertEquals("/a/Relu", Xml.text("/a/Relu"));
        assertEquals("a\uFFFDb\uFFFDc\td", Xml.text("a\u0001b\u001Fc\td"));
        assertEquals("emoji \uD83D\uDE00 kept, lone \uFFFD replaced", Xml.text("emoji \uD83D\uDE00 kept, lone \uD83D replaced"));
        assertEquals("<&\"'> are the writer's to escape", Xml.text("<&\"'> are the writer's to escape"));
    }
}
