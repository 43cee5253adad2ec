package org.coact.runner.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.coact.runner.testing.NpyFiles;
import org.coact.runner.testing.TestEnv;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every user mistake of the backbone issue: one line on stderr naming the culprit, the
 * documented non-zero exit code, no stack trace and no report.
 */
class BadInputTest {

    @TempDir
    Path tmp;

    private static final String MLP = "onnx/mlp/mlp-epoch10.onnx";

    private void assertOneLineError(TestEnv.Run run, int exitCode, String... mustContain) {
        TestEnv.assertUserError(run, exitCode, tmp.resolve("out"), mustContain);
    }

    private TestEnv.Run analyze(Path model, Path data, String... extra) {
        String[] base = {"analyze", "--model", model.toString(), "--data", data.toString(), "--out",
            tmp.resolve("out").toString(), "--quiet"};
        String[] all = Arrays.copyOf(base, base.length + extra.length);
        System.arraycopy(extra, 0, all, base.length, extra.length);
        return TestEnv.coact(all);
    }

    private Path testData() {
        return TestEnv.model("mnist/test.npz");
    }

    @Test
    void missingModel() {
        Path missing = tmp.resolve("nope.onnx");
        assertOneLineError(analyze(missing, testData()), ExitCodes.MODEL, "model file not found", missing.toString());
    }

    @Test
    void modelThatNoPluginRecognises() throws IOException {
        Path txt = Files.writeString(tmp.resolve("weights.txt"), "these are not weights\n");
        assertOneLineError(analyze(txt, testData()), ExitCodes.MODEL, "no plugin recognises", txt.toString());
    }

    @Test
    void corruptOnnx() throws IOException {
        byte[] real = Files.readAllBytes(TestEnv.model(MLP));
        Path truncated = Files.write(tmp.resolve("truncated.onnx"), Arrays.copyOf(real, real.length / 3));
        assertOneLineError(analyze(truncated, testData()), ExitCodes.MODEL, truncated.toString());
        byte[] noise = new byte[4096];
        new java.util.Random(1).nextBytes(noise);
        Path random = Files.write(tmp.resolve("random.onnx"), noise);
        assertOneLineError(analyze(random, testData()), ExitCodes.MODEL, random.toString());
    }

    @Test
    void unknownLayer() {
        assertOneLineError(analyze(TestEnv.model(MLP), testData(), "--layers", "/fc9/Relu"), ExitCodes.USAGE,
                "unknown layer '/fc9/Relu'", "coact layers");
        assertOneLineError(analyze(TestEnv.model(MLP), testData(), "--layers", "/act1/Relu,/nothing/*"),
                ExitCodes.USAGE, "'/nothing/*'");
    }

    @Test
    void dataWhoseShapeDoesNotFitTheModel() throws IOException {
        Path data = NpyFiles.xy(tmp.resolve("wide.npz"), 4, 785, 0.5f, new long[] {0, 1, 2, 3});
        assertOneLineError(analyze(TestEnv.model(MLP), data), ExitCodes.DATA, "785", "784");
    }

    @Test
    void labelsOfTheWrongLength() throws IOException {
        Map<String, byte[]> arrays = new LinkedHashMap<>();
        arrays.put("x", NpyFiles.float32(new float[3 * 784], 3, 784));
        Path data = NpyFiles.npz(tmp.resolve("x.npz"), arrays);
        Path labels = Files.write(tmp.resolve("labels.npy"), NpyFiles.int64(new long[] {1, 2}, 2));
        assertOneLineError(analyze(TestEnv.model(MLP), data, "--labels", labels.toString()), ExitCodes.DATA,
                labels.toString());
    }

    @Test
    void labelsOutsideTheClasses() throws IOException {
        Path data = NpyFiles.xy(tmp.resolve("bad-labels.npz"), 3, 784, 0f, new long[] {0, 10, 2});
        assertOneLineError(analyze(TestEnv.model(MLP), data), ExitCodes.DATA, "10", "0..9");
        Path negative = NpyFiles.xy(tmp.resolve("negative.npz"), 3, 784, 0f, new long[] {0, -1, 2});
        assertOneLineError(analyze(TestEnv.model(MLP), negative), ExitCodes.DATA, "-1");
    }

    @Test
    void emptyDataset() throws IOException {
        Path data = NpyFiles.xy(tmp.resolve("empty.npz"), 0, 784, 0f, new long[0]);
        assertOneLineError(analyze(TestEnv.model(MLP), data), ExitCodes.DATA, "empty", data.toString());
    }

    @Test
    void missingData() {
        Path missing = tmp.resolve("missing.npz");
        assertOneLineError(analyze(TestEnv.model(MLP), missing), ExitCodes.DATA, missing.toString());
    }

    @Test
    void unknownAlgorithmAndConfigKey() throws IOException {
        assertOneLineError(analyze(TestEnv.model(MLP), testData(), "--algorithm", "kmeans"), ExitCodes.USAGE,
                "'kmeans'", "louvain");
        Path config = Files.writeString(tmp.resolve("c.yaml"), "graph:\n  wieght: frequency\n");
        assertOneLineError(analyze(TestEnv.model(MLP), testData(), "--config", config.toString()), ExitCodes.USAGE,
                "graph.wieght", config.toString());
    }

    @Test
    void missingPluginsDirectory() {
        Path nowhere = tmp.resolve("no-plugins");
        TestEnv.Run run = TestEnv.coact("plugins", "--plugins-dir", nowhere.toString());
        assertOneLineError(run, ExitCodes.USAGE, nowhere.toString());
    }

    @Test
    void anOutputDirectoryThatIsAFileFailsBeforeAnyWork() throws IOException {
        Path file = Files.writeString(tmp.resolve("taken"), "x");
        TestEnv.Run run = TestEnv.coact("analyze", "--model", TestEnv.model(MLP).toString(), "--data",
                testData().toString(), "--out", file.toString(), "--quiet");
        assertOneLineError(run, ExitCodes.OTHER, file.toString(), "is a file");
        assertEquals("x", Files.readString(file));
    }

    @Test
    void usageErrorsPointToHelp() {
        TestEnv.Run run = TestEnv.coact("analyze", "--model", "x.onnx");
        assertEquals(ExitCodes.USAGE, run.exitCode());
        assertEquals(1, run.errLines().size(), run.err());
        assertTrue(run.err().contains("Missing required option"), run.err());
        assertTrue(run.err().contains("coact analyze --help"), run.err());
    }

    @Test
    void aMisspeltOptionIsNamedWithASuggestionBeforeAnyMissingOne() {
        TestEnv.Run run = TestEnv.coact("analyze", "--modle", "x.onnx", "--data", "d.npz");
        assertEquals(ExitCodes.USAGE, run.exitCode());
        assertEquals(List.of("coact: unknown option '--modle' (did you mean '--model'?); see 'coact analyze --help'"),
                run.errLines());
    }

    @Test
    void aMisspeltCommandIsNamedWithASuggestionAndAnalyseIsAnAlias() {
        TestEnv.Run run = TestEnv.coact("anlyze", "--model", "x.onnx");
        assertEquals(ExitCodes.USAGE, run.exitCode());
        assertEquals(List.of("coact: unknown command 'anlyze' (did you mean 'analyze', 'analyse'?); see 'coact --help'"),
                run.errLines());
        TestEnv.Run alias = TestEnv.coact("analyse", "--help");
        assertEquals(ExitCodes.OK, alias.exitCode(), alias.err());
        assertTrue(alias.out().contains("--model"), alias.out());
    }

    @Test
    void bareCoactPrintsTheUsageOnStderrAndFails() {
        TestEnv.Run run = TestEnv.coact();
        assertEquals(ExitCodes.USAGE, run.exitCode());
        assertEquals("", run.out());
        assertTrue(run.err().contains("Commands:") && run.err().contains("a command is needed"), run.err());
    }

    @Test
    void anOutputDirectoryThatCannotBeCreatedGivesTheReasonAndExitCode1() throws IOException {
        Path blocker = Files.writeString(tmp.resolve("blocker"), "x");
        Path out = blocker.resolve("sub");
        TestEnv.Run run = TestEnv.coact("analyze", "--model", TestEnv.model(MLP).toString(), "--data",
                testData().toString(), "--out", out.toString(), "--quiet");
        TestEnv.assertUserError(run, ExitCodes.OTHER, out, "cannot create output directory " + out,
                "Not a directory");
    }
}
