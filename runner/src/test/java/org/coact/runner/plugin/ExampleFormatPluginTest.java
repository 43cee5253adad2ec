package org.coact.runner.plugin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import org.coact.runner.testing.TestEnv;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The example third-party format plugin ({@code plugins/examples/dense-npz}, a Maven project of
 * its own that depends on coact-api only): its packaged zip is dropped into an empty plugins
 * directory and the runner, unchanged, lists it, shows the model's layers and analyses the
 * bundled MLP stored in its format ({@code testmodels/dense/mlp-epoch10.npz}, the ONNX weights
 * bit for bit). Against ONNX Runtime on the same weights, every neuron's count may differ only by
 * the samples whose pre-activation lies within 1e-5 of the threshold (fixtures/near-threshold.json),
 * and the predictions not at all (no two logits are that close at epoch 10).
 */
class ExampleFormatPluginTest {

    static final Path ZIP = Path.of(System.getProperty("coact.example.plugin",
            "../plugins/examples/dense-npz/target/coact-dense-npz-1.0.0-plugin.zip"));

    @TempDir
    Path tmp;

    @Test
    void theRunnerListsOpensAndAnalysesAModelThroughTheExamplePlugin() throws Exception {
        assertTrue(Files.isRegularFile(ZIP), "example plugin not built at " + ZIP.toAbsolutePath());
        Path plugins = Files.createDirectories(tmp.resolve("plugins"));
        Files.copy(ZIP, plugins.resolve(ZIP.getFileName()));
        String model = TestEnv.model("dense/mlp-epoch10.npz").toString();

        TestEnv.Run list = TestEnv.coact("plugins", "--plugins-dir", plugins.toString());
        assertEquals(0, list.exitCode(), list.err());
        assertTrue(list.out().matches("(?s).*\\n  dense-npz +1\\.0\\.0 .*"), list.out());
        assertTrue(list.out().matches("(?s).*Model formats:\\n.*\\n  dense-npz +dense-npz 1\\.0\\.0 .*"), list.out());

        TestEnv.Run layers = TestEnv.coact("layers", "--model", model, "--plugins-dir", plugins.toString());
        assertEquals(0, layers.exitCode(), layers.err());
        assertTrue(layers.out().contains("format dense-npz, plugin dense-npz 1.0.0"), layers.out());
        assertTrue(layers.out().matches("(?s).*\\n\\* dense1/relu +Relu +\\[-1, 128] +128\\n.*"), layers.out());
        assertTrue(layers.out().matches("(?s).*\\n\\* dense2/relu +Relu +\\[-1, 64] +64\\n.*"), layers.out());

        Path out = tmp.resolve("dense");
        TestEnv.Run analyze = TestEnv.coact("analyze", "--model", model, "--data",
                TestEnv.model("mnist/test.npz").toString(), "--out", out.toString(), "--quiet", "--plugins-dir",
                plugins.toString());
        assertEquals(0, analyze.exitCode(), analyze.err());
        Path onnxOut = tmp.resolve("onnx");
        TestEnv.Run onnx = TestEnv.coact("analyze", "--model", TestEnv.model("onnx/mlp/mlp-epoch10.onnx").toString(),
                "--data", TestEnv.model("mnist/test.npz").toString(), "--out", onnxOut.toString(), "--quiet");
        assertEquals(0, onnx.exitCode(), onnx.err());

        ObjectMapper json = new ObjectMapper();
        JsonNode a = json.readTree(out.resolve("report.json").toFile());
        JsonNode b = json.readTree(onnxOut.resolve("report.json").toFile());
        assertEquals("dense-npz", a.at("/model/format").asText());
        assertEquals("dense-npz", a.at("/model/plugin/id").asText());
        assertEquals(b.get("correct"), a.get("correct"), "predictions (no two logits within 1e-5 at epoch 10)");
        int[] near = org.coact.runner.crossformat.NearThreshold.neurons("mlp", 10);
        int flips = 0;
        for (int j = 0; j < near.length; j++) {
            long diff = Math.abs(a.get("neurons").get(j).get("activeCount").asLong()
                    - b.get("neurons").get(j).get("activeCount").asLong());
            assertTrue(diff <= near[j], "neuron " + j + " differs by " + diff + " but only " + near[j]
                    + " pre-activations lie within 1e-5 of 0");
            flips += (int) diff;
        }
        System.out.printf("dense-npz vs onnx: %d neurons, %d activity flips at the threshold%n", near.length, flips);
    }
}
