package org.coact.runner.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import org.coact.runner.testing.TestEnv;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Real PyTorch export variants through the whole CLI: fixed-batch exports (rebatched in memory,
 * or run a sample at a time when the graph hard-codes the batch) give the same analysis as the
 * dynamic-batch export of the same weights; GELU/LayerNorm split into primitive ops; several
 * inputs fed by name.
 */
class ExportVariantsEndToEndTest {

    @TempDir
    Path tmp;

    private JsonNode analyze(String model, String data, String name, String... extra) throws Exception {
        String[] base = {"analyze", "--model", TestEnv.model(model).toString(), "--data", TestEnv.model(data).toString(),
            "--out", tmp.resolve(name).toString(), "--quiet"};
        String[] args = java.util.stream.Stream.concat(java.util.Arrays.stream(base), java.util.Arrays.stream(extra))
                .toArray(String[]::new);
        TestEnv.Run run = TestEnv.coact(args);
        assertEquals(0, run.exitCode(), run.err());
        return new ObjectMapper().readTree(tmp.resolve(name).resolve("report.json").toFile());
    }

    private static void assertSameAnalysis(JsonNode expected, JsonNode actual) {
        for (String member : new String[] {"accuracy", "correct", "summary", "layers", "neurons", "graph"}) {
            assertEquals(expected.get(member), actual.get(member), member);
        }
        assertEquals(expected.at("/communities/membership"), actual.at("/communities/membership"));
        assertEquals(expected.at("/communities/modularity"), actual.at("/communities/modularity"));
    }

    @Test
    void fixedBatchMlpEqualsTheDynamicExport() throws Exception {
        assertSameAnalysis(analyze("onnx/mlp/mlp-epoch10.onnx", "mnist/test.npz", "dyn"),
                analyze("onnx/special/mlp-fixed-batch.onnx", "mnist/test.npz", "fixed"));
    }

    @Test
    void cnnWithAHardCodedBatchRunsPerSampleAndEqualsTheDynamicExport() throws Exception {
        assertSameAnalysis(analyze("onnx/cnn/cnn-epoch10.onnx", "mnist/test.npz", "dyn", "--batch-size", "50"),
                analyze("onnx/special/cnn-fixed-batch.onnx", "mnist/test.npz", "fixed", "--batch-size", "50"));
    }

    @Test
    void geluAndLayerNormCompositesAreAnalysedAsOneLayerEach() throws Exception {
        JsonNode r = analyze("onnx/special/gelu-ln-mlp.onnx", "mnist/test.npz", "gelu");
        assertEquals(2, r.get("layers").size());
        assertEquals("/act1", r.at("/layers/0/name").asText());
        assertEquals("Gelu", r.at("/layers/0/opType").asText());
        assertEquals(32, r.at("/layers/0/neurons").asInt());
        assertEquals(16, r.at("/layers/1/neurons").asInt());
        JsonNode ln = analyze("onnx/special/gelu-ln-mlp.onnx", "mnist/test.npz", "ln", "--layers", "/norm1,/act2");
        assertEquals("LayerNormalization", ln.at("/layers/0/opType").asText());
    }

    @Test
    void twoInputModelIsFedByName() throws Exception {
        JsonNode r = analyze("onnx/special/two-input.onnx", "onnx/special/two-input.npz", "two");
        assertEquals(64, r.at("/dataset/samples").asInt());
        assertEquals("/act1/Relu", r.at("/layers/0/name").asText());
        assertEquals(1, r.get("layers").size());
    }
}
