package org.coact.runner.crossformat;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import org.coact.runner.testing.TestEnv;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code coact evolve} on the same MLP series in every bundled format gives the same
 * evolution: per-checkpoint figures, correlations with accuracy and community tracking.
 * Layer names differ across formats, so layer figures are compared without their names.
 */
class EvolveAcrossFormatsTest {

    @TempDir
    Path tmp;

    private JsonNode evolve(String name, String models, String... extra) throws Exception {
        String[] base = {"evolve", "--models", models, "--data", TestEnv.model("mnist/test.npz").toString(), "--out",
            tmp.resolve(name).toString(), "--quiet"};
        TestEnv.Run run = TestEnv.coact(java.util.stream.Stream.concat(java.util.Arrays.stream(base),
                java.util.Arrays.stream(extra)).toArray(String[]::new));
        assertEquals(0, run.exitCode(), run.err());
        return new ObjectMapper().readTree(tmp.resolve(name).resolve("evolution.json").toFile());
    }

    static void assertSameEvolution(JsonNode expected, JsonNode actual, String format) {
        assertEquals(expected.get("checkpoints").size(), actual.get("checkpoints").size(), format);
        for (int i = 0; i < expected.get("checkpoints").size(); i++) {
            JsonNode e = expected.get("checkpoints").get(i);
            JsonNode a = actual.get("checkpoints").get(i);
            assertEquals(e.get("epoch"), a.get("epoch"), format);
            assertEquals(e.get("accuracy"), a.get("accuracy"), format + " epoch " + i);
            assertEquals(e.get("summary"), a.get("summary"), format + " epoch " + i);
            assertEquals(e.get("communities"), a.get("communities"), format + " epoch " + i);
            for (int l = 0; l < e.get("layers").size(); l++) {
                for (String f : new String[] {"neurons", "meanActiveFraction", "meanEntropyBits",
                    "meanMutualInformationBits", "dead", "alwaysOn", "classMeanEntropyBits"}) {
                    assertEquals(e.get("layers").get(l).get(f), a.get("layers").get(l).get(f), format + " " + f);
                }
            }
        }
        assertEquals(expected.get("correlations"), actual.get("correlations"), format);
        assertEquals(expected.get("transitions"), actual.get("transitions"), format);
    }

    @Test
    void tensorFlowAndDl4jSeriesEvolveLikeTheOnnxSeries() throws Exception {
        JsonNode onnx = evolve("onnx", TestEnv.model("onnx/mlp").toString());
        JsonNode tf = evolve("tf", TestEnv.model("tensorflow/graph").resolve("mlp-epoch*").toString());
        assertSameEvolution(onnx, tf, "tensorflow");
        JsonNode dl4j = evolve("dl4j", TestEnv.model("dl4j").resolve("mlp-epoch*.zip").toString());
        assertSameEvolution(onnx, dl4j, "dl4j");
    }

    @Test
    void cnnSeriesEvolvesAlikeInOnnxTensorFlowAndDl4j() throws Exception {
        JsonNode onnx = evolve("onnx-cnn", TestEnv.model("onnx/cnn").toString());
        JsonNode tf = evolve("tf-cnn", TestEnv.model("tensorflow/graph").resolve("cnn-epoch*").toString(),
                "--signature", "serving_default");
        assertSameEvolution(onnx, tf, "tensorflow cnn");
        JsonNode dl4j = evolve("dl4j-cnn", TestEnv.model("dl4j").resolve("cnn-epoch*.zip").toString());
        assertSameEvolution(onnx, dl4j, "dl4j cnn");
    }
}
