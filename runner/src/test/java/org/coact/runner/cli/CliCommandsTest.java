package org.coact.runner.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.coact.runner.testing.TestEnv;
import org.junit.jupiter.api.Test;

/** {@code coact layers}, {@code coact plugins} and {@code --help} on real models and plugins. */
class CliCommandsTest {

    @Test
    void layersOnTheCnnListsConvAndDenseActivationsAndAutoPicksThem() {
        TestEnv.Run run = TestEnv.coact("layers", "--model", TestEnv.model("onnx/cnn/cnn-epoch10.onnx").toString());
        assertEquals(0, run.exitCode(), run.err());
        List<String> auto = run.out().lines().filter(l -> l.startsWith("* ")).toList();
        assertEquals(3, auto.size(), run.out());
        assertTrue(auto.get(0).matches("\\* /act1/Relu\\s+Relu\\s+\\[-1, 8, 28, 28]\\s+8"), auto.get(0));
        assertTrue(auto.get(1).matches("\\* /act2/Relu\\s+Relu\\s+\\[-1, 16, 14, 14]\\s+16"), auto.get(1));
        assertTrue(auto.get(2).matches("\\* /act3/Relu\\s+Relu\\s+\\[-1, 64]\\s+64"), auto.get(2));
        assertTrue(run.out().contains("/conv1/Conv"), run.out());
        assertTrue(run.out().contains("/fc2/Gemm"), run.out());
        assertTrue(run.out().contains("'auto' picks 3"), run.out());
    }

    @Test
    void layersOnTheGeluModelPicksTheCompositeActivations() {
        TestEnv.Run run = TestEnv.coact("layers", "--auto", "--model",
                TestEnv.model("onnx/special/gelu-ln-mlp.onnx").toString());
        assertEquals(0, run.exitCode(), run.err());
        List<String> auto = run.out().lines().filter(l -> l.startsWith("* ")).map(l -> l.split("\\s+")[1]).toList();
        assertEquals(List.of("/act1", "/act2"), auto, run.out());
    }

    @Test
    void pluginsListsTheOnnxPluginAndBothAlgorithms() {
        TestEnv.Run run = TestEnv.coact("plugins");
        assertEquals(0, run.exitCode(), run.err());
        assertTrue(run.out().matches("(?s).*\\n  onnx\\s+0\\.1\\.0.*"), run.out());
        assertTrue(run.out().matches("(?s).*Model formats:\\n.*\\n  onnx\\s+\\[onnx 0\\.1\\.0.*Community.*"), run.out());
        assertTrue(run.out().matches("(?s).*\\n  leiden\\s+\\[builtin.*"), run.out());
        assertTrue(run.out().matches("(?s).*\\n  louvain\\s+\\[builtin.*"), run.out());
    }

    @Test
    void helpDescribesEveryCommand() {
        TestEnv.Run run = TestEnv.coact("--help");
        assertEquals(0, run.exitCode());
        for (String cmd : List.of("analyze", "layers", "plugins", "demo")) {
            assertTrue(run.out().contains(cmd), run.out());
        }
        TestEnv.Run analyze = TestEnv.coact("analyze", "--help");
        assertEquals(0, analyze.exitCode());
        for (String opt : List.of("--model", "--data", "--labels", "--layers", "--config", "--algorithm", "--seed", "--out")) {
            assertTrue(analyze.out().contains(opt), opt);
        }
    }
}
