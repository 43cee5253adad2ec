package org.coact.runner.crossformat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.coact.runner.cli.ExitCodes;
import org.coact.runner.testing.NpyFiles;
import org.coact.runner.testing.TestEnv;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code coact layers} and {@code coact analyze} on DL4J zips and Keras .h5 files through the
 * packaged dl4j plugin, and the bad inputs of issue 4: one line on stderr naming the file, a
 * non-zero exit, no report. (Every bundled checkpoint is opened, described and run over the test
 * digits in the plugin's own AllCheckpointsTest, in one class loader: each in-process CLI run here
 * loads the plugin afresh, and JavaCPP writes a copy of ND4J's native libraries for every class
 * loader that loads them.)
 */
class Dl4jCommandsTest {

    @TempDir
    Path tmp;

    @Test
    void layersListsDl4jAndKerasModels() {
        for (String m : List.of("dl4j/mlp-epoch00.zip", "dl4j/cnn-epoch00.zip", "keras/mlp-epoch10.h5",
                "keras/cnn-epoch10.h5")) {
            Path model = TestEnv.model(m);
            TestEnv.Run run = TestEnv.coact("layers", "--model", model.toString());
            assertEquals(0, run.exitCode(), model + ": " + run.err());
            for (String layer : m.contains("mlp") ? List.of("fc1", "fc2", "fc3")
                    : List.of("conv1", "pool1", "conv2", "pool2", "fc1", "fc2")) {
                assertTrue(run.out().contains(layer), model + " layers should list " + layer + ":\n" + run.out());
            }
            assertTrue(run.out().contains("'auto' picks " + (m.contains("mlp") ? 2 : 3)), run.out());
        }
    }

    @Test
    void analyzeRunsOnAnEarlierCheckpointWithTorchsAccuracy() throws Exception {
        ObjectMapper json = new ObjectMapper();
        for (String net : List.of("mlp", "cnn")) {
            Path model = TestEnv.model("dl4j/" + net + "-epoch05.zip");
            Path out = tmp.resolve(net);
            TestEnv.Run run = TestEnv.coact("analyze", "--model", model.toString(), "--data",
                    TestEnv.model("mnist/test.npz").toString(), "--out", out.toString(), "--quiet");
            assertEquals(0, run.exitCode(), model + ": " + run.err());
            JsonNode report = json.readTree(out.resolve("report.json").toFile());
            JsonNode training = json.readTree(TestEnv.model("onnx/" + net + "/training.json").toFile());
            double torch = training.get("epochs").get(5).get("testAccuracy").asDouble();
            assertEquals(torch, report.get("accuracy").asDouble(), 1e-12, model + " accuracy vs torch");
            assertEquals(net.equals("mlp") ? 192 : 88, report.get("neurons").size(), model.toString());
        }
    }

    private void assertOneLineError(TestEnv.Run run, int exitCode, String... mustContain) {
        TestEnv.assertUserError(run, exitCode, tmp.resolve("out"), mustContain);
    }

    private TestEnv.Run analyze(Path model, Path data) {
        return TestEnv.coact("analyze", "--model", model.toString(), "--data", data.toString(), "--out",
                tmp.resolve("out").toString(), "--quiet");
    }

    private static Path testData() {
        return TestEnv.model("mnist/test.npz");
    }

    @Test
    void zipThatIsNotADl4jModel() throws IOException {
        Path zip = tmp.resolve("notes.zip");
        try (OutputStream out = Files.newOutputStream(zip); ZipOutputStream z = new ZipOutputStream(out)) {
            z.putNextEntry(new ZipEntry("readme.txt"));
            z.write(new byte[] {'h', 'i'});
            z.closeEntry();
        }
        assertOneLineError(analyze(zip, testData()), ExitCodes.MODEL, zip.toString(), "not a Deeplearning4j model",
                "configuration.json");
    }

    @Test
    void truncatedZip() throws IOException {
        byte[] real = Files.readAllBytes(TestEnv.model("dl4j/cnn-epoch10.zip"));
        Path cut = Files.write(tmp.resolve("cnn-cut.zip"), Arrays.copyOf(real, real.length / 3));
        assertOneLineError(analyze(cut, testData()), ExitCodes.MODEL, cut.toString(), "truncated or corrupt zip");
    }

    @Test
    void h5ThatIsNotAKerasModel() {
        Path weights = TestEnv.model("keras/weights-only.h5").toAbsolutePath().normalize();
        assertOneLineError(analyze(weights, testData()), ExitCodes.MODEL, weights.toString(), "not a Keras model",
                "model_config");
    }

    @Test
    void unsupportedKerasLayer() {
        Path model = TestEnv.model("keras/unsupported-layer.h5").toAbsolutePath().normalize();
        assertOneLineError(analyze(model, testData()), ExitCodes.MODEL, model.toString(), "'scale'", "Lambda");
    }

    @Test
    void inputOfTheWrongShape() throws IOException {
        Path data = NpyFiles.xy(tmp.resolve("wide.npz"), 4, 785, 0.5f, new long[] {0, 1, 2, 3});
        assertOneLineError(analyze(TestEnv.model("dl4j/mlp-epoch10.zip"), data), ExitCodes.DATA, "785", "784");
        assertOneLineError(analyze(TestEnv.model("dl4j/cnn-epoch10.zip"), data), ExitCodes.DATA, "785");
        assertOneLineError(analyze(TestEnv.model("keras/cnn-epoch10.h5"), data), ExitCodes.DATA, "785");
    }
}
