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
        assertTrue(run.out().matches("(?s).*Model formats:\\n  ID +PLUGIN +DESCRIPTION\\n.*\\n  onnx +onnx 0\\.1\\.0.*Community.*"),
                run.out());
        assertTrue(run.out().matches("(?s).*\\n  leiden +builtin .*"), run.out());
        assertTrue(run.out().matches("(?s).*\\n  louvain +builtin .*"), run.out());
        // every table's columns line up: each row's last column starts where its header's does
        for (String table : run.out().split("\\n\\n")) {
            List<String> rows = table.lines().filter(l -> l.startsWith("  ")).toList();
            if (rows.isEmpty()) {
                continue;
            }
            int column = rows.get(0).indexOf("DESCRIPTION");
            for (String row : rows) {
                assertTrue(row.charAt(column - 1) == ' ' && row.charAt(column) != ' ', "misaligned: '" + row + "' in\n" + table);
            }
        }
    }

    @Test
    void theSummaryReadsTheSameInEveryLocaleAndListsEveryFileWithTheHtmlFirst(@org.junit.jupiter.api.io.TempDir
            java.nio.file.Path tmp) {
        java.util.Locale before = java.util.Locale.getDefault();
        TestEnv.Run run;
        try {
            java.util.Locale.setDefault(java.util.Locale.GERMANY);
            run = TestEnv.coact("analyze", "--model", TestEnv.model("onnx/mlp/mlp-epoch10.onnx").toString(), "--data",
                    TestEnv.model("mnist/test.npz").toString(), "--out", tmp.toString());
        } finally {
            java.util.Locale.setDefault(before);
        }
        assertEquals(0, run.exitCode(), run.err());
        String out = run.out();
        // numpy: 1,880 of 2,000 correct, and no two logits within 1e-5 (fixtures/near-threshold.json)
        assertTrue(out.contains("\nData        " + TestEnv.model("mnist/test.npz").toAbsolutePath().normalize()
                + ": 2,000 samples, 10 classes\n"), out);
        assertTrue(out.contains("\nAccuracy    0.9400 (1,880 correct)\n"), out);
        assertTrue(out.matches("(?s).*\\nNeurons     192 in 2 layers; \\d+ dead, \\d+ always on\\n.*"), out);
        assertTrue(out.matches("(?s).*\\nGraph       192 nodes, \\d{1,3}(,\\d{3})* edges \\(adjacent, jaccard weights\\)\\n.*"), out);
        assertTrue(out.matches("(?s).*modularity \\d\\.\\d{4}\\n.*"), out);
        List<String> files = out.lines().dropWhile(l -> !l.startsWith("Written")).skip(1).map(String::strip)
                .map(l -> l.split(" ")[0]).toList();
        assertEquals(List.of("report.html", "report.json", "neurons.csv", "layers.csv", "graph.graphml", "graph.gexf"),
                files);
        for (String f : files) {
            assertTrue(java.nio.file.Files.isRegularFile(tmp.resolve(f)), f + " listed but not written");
        }
    }

    @Test
    void theHelpTextsNameEveryFileTheCommandsWrite() {
        assertEquals(org.coact.runner.output.OutputFiles.names(org.coact.runner.output.OutputFiles.ANALYZE),
                AnalyzeCommand.FILES);
        assertEquals(org.coact.runner.output.OutputFiles.names(org.coact.runner.output.OutputFiles.EVOLVE),
                EvolveCommand.FILES);
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
