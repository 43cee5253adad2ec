package org.coact.runner.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.coact.runner.testing.TestEnv;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code coact analyze} end to end on the models of {@code testmodels/onnx/wild}: the number of
 * correct predictions equals torch's ({@code models.json}) up to the samples whose decision lies
 * within 1e-4 of flipping in torch's float32 output ({@code nearTies}; ONNX Runtime's values are
 * within about 1e-5 of torch's here), and the report says how predictions were decoded.
 */
class WildModelsEndToEndTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path tmp;

    private static JsonNode models() throws Exception {
        return JSON.readTree(TestEnv.model("onnx/wild/models.json").toFile()).get("models");
    }

    /** Runs analyze on a wild model and returns its report. */
    private JsonNode analyze(String model, String data, String... extra) throws Exception {
        Path out = tmp.resolve(model + "-" + extra.length);
        List<String> args = new ArrayList<>(List.of("analyze", "--model", TestEnv.model("onnx/wild/" + model).toString(),
                "--data", TestEnv.model("onnx/wild/" + data).toString(), "--out", out.toString(), "--quiet"));
        args.addAll(List.of(extra));
        TestEnv.Run run = TestEnv.coact(args.toArray(String[]::new));
        assertEquals(0, run.exitCode(), run.err());
        return JSON.readTree(out.resolve("report.json").toFile());
    }

    private static void assertCorrect(JsonNode report, JsonNode accuracy) {
        long expected = accuracy.get("correct").asLong();
        long ties = accuracy.get("nearTies").asLong();
        long got = report.get("correct").asLong();
        System.out.printf("correct %s: coact %d, torch %d, near ties %d%n", report.at("/model/path").asText(), got,
                expected, ties);
        assertTrue(Math.abs(got - expected) <= ties, got + " correct, torch " + expected + " (near ties " + ties + ")");
    }

    @Test
    void binaryHeadsAreTwoClassesCutAtHalfAfterASigmoidAndAtZeroOnALogit() throws Exception {
        JsonNode m = models();
        JsonNode sig = analyze("binary-sigmoid.onnx", "binary.npz");
        assertCorrect(sig, m.at("/binary-sigmoid.onnx/accuracy"));
        assertEquals(2, sig.at("/dataset/classes").asInt());
        assertEquals("binary", sig.at("/model/prediction/kind").asText());
        assertEquals(0.5, sig.at("/model/prediction/threshold").asDouble());
        assertTrue(sig.at("/model/prediction/reason").asText().contains("after a Sigmoid"));
        JsonNode logit = analyze("binary-logit.onnx", "binary.npz");
        assertCorrect(logit, m.at("/binary-logit.onnx/accuracy"));
        assertEquals(0.0, logit.at("/model/prediction/threshold").asDouble());
        // the same network: the same decisions, the same neurons' counts
        assertEquals(sig.get("correct"), logit.get("correct"));
        assertEquals(sig.get("neurons"), logit.get("neurons"));
        // an explicit cut is used and recorded
        JsonNode strict = analyze("binary-sigmoid.onnx", "binary.npz", "--set", "prediction.threshold=0.999");
        assertEquals(0.999, strict.at("/model/prediction/threshold").asDouble());
        assertTrue(strict.get("correct").asLong() < sig.get("correct").asLong(),
                "a 0.999 cut calls fewer digits even: " + strict.get("correct"));
    }

    @Test
    void argmaxOnAOneUnitOutputIsRefusedBeforeAnyPass() throws Exception {
        Path out = tmp.resolve("argmax");
        TestEnv.Run run = TestEnv.coact("analyze", "--model", TestEnv.model("onnx/wild/binary-sigmoid.onnx").toString(),
                "--data", TestEnv.model("onnx/wild/binary.npz").toString(), "--out", out.toString(), "--quiet",
                "--set", "prediction.decode=argmax");
        TestEnv.assertUserError(run, 2, out, "prediction.decode is argmax", "'prob'", "has one unit",
                "prediction.decode: binary");
    }

    @Test
    void integerTokenIdsFeedTheTransformerUnscaledAndAutoTakesTheGeluInsideTheEncoder() throws Exception {
        JsonNode m = models();
        JsonNode r = analyze("transformer-tokens.onnx", "tokens.npz", "--set", "data.features=tokens");
        assertCorrect(r, m.at("/transformer-tokens.onnx/accuracy"));
        assertEquals(1, r.get("layers").size());
        assertEquals("/encoder/Gelu", r.at("/layers/0/name").asText());
        assertEquals(64, r.at("/layers/0/neurons").asInt(), "the feed-forward width, not d_model 32");
        // data.scale applies to integer arrays fed to float inputs only: token ids stay ids
        JsonNode scaled = analyze("transformer-tokens.onnx", "tokens.npz", "--set", "data.features=tokens", "--set",
                "data.scale=0.5");
        assertEquals(r.get("correct"), scaled.get("correct"));
        assertEquals(r.get("neurons"), scaled.get("neurons"));
    }

    @Test
    void lstmHiddenUnitsAreNeuronsReducedOverTheSteps() throws Exception {
        JsonNode r = analyze("lstm-rows.onnx", "rows.npz", "--set", "data.features=rows");
        assertCorrect(r, models().at("/lstm-rows.onnx/accuracy"));
        assertEquals("/lstm/LSTM", r.at("/layers/0/name").asText());
        assertEquals("[-1,28,32]", r.at("/layers/0/shape").toString());
        assertEquals(32, r.at("/layers/0/neurons").asInt());
    }

    @Test
    void residualAndMobileNetBlocksRunAndGatesAreLeftOut() throws Exception {
        JsonNode m = models();
        JsonNode res = analyze("resnet-blocks.onnx", "images.npz", "--set", "data.features=input");
        assertCorrect(res, m.at("/resnet-blocks.onnx/accuracy"));
        assertEquals(5, res.get("layers").size());
        JsonNode mb = analyze("mobilenetv3-blocks.onnx", "images.npz", "--set", "data.features=input");
        assertCorrect(mb, m.at("/mobilenetv3-blocks.onnx/accuracy"));
        List<String> names = new ArrayList<>();
        mb.get("layers").forEach(l -> names.add(l.get("name").asText() + " " + l.get("opType").asText()));
        assertTrue(names.contains("/stem/act HardSwish"), names.toString());
        assertFalse(names.stream().anyMatch(n -> n.contains("gate") || n.contains("HardSigmoid")), names.toString());
        assertFalse(names.stream().anyMatch(n -> n.endsWith("/Mul Mul")), "hard-swish is one layer: " + names);
    }

    @Test
    void theSileroLikeIfIsFoldedWithConstantSampleRateAndStateInputs() throws Exception {
        Path out = tmp.resolve("silero-none");
        TestEnv.Run refused = TestEnv.coact("analyze", "--model", TestEnv.model("onnx/wild/silero-like.onnx").toString(),
                "--data", TestEnv.model("onnx/wild/silero.npz").toString(), "--out", out.toString(), "--quiet");
        TestEnv.assertUserError(refused, 2, out, "inside If/Loop/Scan bodies", "--set inputs.NAME=VALUE");
        JsonNode r = analyze("silero-like.onnx", "silero.npz", "--set", "inputs={sr: 16000, h: zeros, c: zeros}");
        assertCorrect(r, models().at("/silero-like.onnx/accuracy/sr16000"));
        assertEquals("[\"folded 1 If node with {sr=16000.0}\"]", r.at("/model/rewrites").toString());
        assertEquals(16000.0, r.at("/config/inputs/sr").asDouble());
        List<String> names = new ArrayList<>();
        r.get("layers").forEach(l -> names.add(l.get("name").asText()));
        assertEquals(List.of("/then/relu1/Relu", "/then/lstm/LSTM", "/then/relu2/Relu"), names);
        JsonNode low = analyze("silero-like.onnx", "silero.npz", "--set", "inputs={sr: 8000, h: zeros, c: zeros}");
        assertCorrect(low, models().at("/silero-like.onnx/accuracy/sr8000"));
        assertTrue(low.at("/layers/0/name").asText().startsWith("/else/"));
    }

    @Test
    void aConstantInputTheModelDoesNotHaveIsNamed() throws Exception {
        Path out = tmp.resolve("bad-input");
        TestEnv.Run run = TestEnv.coact("analyze", "--model", TestEnv.model("onnx/wild/silero-like.onnx").toString(),
                "--data", TestEnv.model("onnx/wild/silero.npz").toString(), "--out", out.toString(), "--quiet",
                "--set", "inputs={rate: 16000}");
        TestEnv.assertUserError(run, 2, out, "inputs:", "no input 'rate'", "[x, sr, h, c]");
    }
    @Test
    void perStepAndPerPixelOutputsAreRefusedBeforeAnyPassUnlessPooled() throws Exception {
        for (String[] c : new String[][] {{"ctc-like", "[-1, 32, 7]"}, {"detector-like", "[-1, 1, 16, 64]"}}) {
            Path out = tmp.resolve(c[0]);
            TestEnv.Run run = TestEnv.coact("analyze", "--model", TestEnv.model("onnx/wild/refusals/" + c[0] + ".onnx")
                    .toString(), "--data", TestEnv.model("onnx/wild/refusals/" + c[0] + ".npz").toString(), "--out",
                    out.toString());
            TestEnv.assertUserError(run, 3, out, "has shape " + c[1], "not one score vector per sample",
                    "does not read the class count from a per-step or per-pixel axis", "prediction.decode: pooled");
            assertFalse(run.err().contains("Extracting") || run.out().contains("Extracting"), "refused before any pass");
        }
        // the user says the last axis holds the 7 classes: averaged over the 32 steps, then argmax
        JsonNode pooled = analyze("refusals/ctc-like.onnx", "refusals/ctc-like.npz", "--set", "prediction.decode=pooled");
        assertEquals("pooled", pooled.at("/model/prediction/kind").asText());
        assertEquals(7, pooled.at("/dataset/classes").asInt());
    }

    @Test
    void recurrentOpsWithLayoutOneAreRefusedInOneLineWithoutTheEnginesOwnLog() throws Exception {
        // a child JVM, so that anything ONNX Runtime writes to the process's stderr is seen
        Path out = tmp.resolve("layout1");
        ProcessBuilder pb = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), "org.coact.runner.cli.Main", "analyze", "--model",
                TestEnv.model("onnx/wild/refusals/rnn-layout1.onnx").toString(), "--data",
                TestEnv.model("onnx/wild/refusals/rnn-layout1.npz").toString(), "--out", out.toString(),
                "--plugins-dir", TestEnv.plugins().toString());
        pb.environment().remove("COACT_DEBUG");
        Process p = pb.start();
        p.getOutputStream().close();
        String stdout = new String(p.getInputStream().readAllBytes());
        String stderr = new String(p.getErrorStream().readAllBytes());
        assertTrue(p.waitFor(120, java.util.concurrent.TimeUnit.SECONDS));
        assertEquals(3, p.exitValue(), stderr);
        List<String> lines = stderr.lines().filter(l -> !l.isBlank()).toList();
        assertEquals(1, lines.size(), "one line on stderr: " + stderr);
        assertTrue(lines.get(0).startsWith("coact: error: ") && lines.get(0).contains("LSTM node '/lstm/LSTM' has layout=1"),
                lines.get(0));
        assertEquals("", stdout);
    }
    @Test
    void layersListsBodiesMarksGatesFoldsWithInputsAndHidesModuleInternalsUnlessAll() throws Exception {
        String silero = TestEnv.model("onnx/wild/silero-like.onnx").toString();
        TestEnv.Run plain = TestEnv.coact("layers", "--model", silero);
        assertEquals(0, plain.exitCode(), plain.err());
        assertTrue(plain.out().matches("(?s).*\\n- /then/lstm/LSTM +LSTM .*"), plain.out());
        assertTrue(plain.out().contains("30 layers inside If/Loop/Scan bodies"), plain.out());
        TestEnv.Run folded = TestEnv.coact("layers", "--model", silero, "--input", "sr=16000");
        assertEquals(0, folded.exitCode(), folded.err());
        assertTrue(folded.out().contains("In memory: folded 1 If node with {sr=16000.0} (the file is unchanged)"),
                folded.out());
        assertTrue(folded.out().matches("(?s).*\\n\\* /then/lstm/LSTM +LSTM +\\[-1, 1, 16\\] +16\\n.*"), folded.out());
        TestEnv.Run bad = TestEnv.coact("layers", "--model", silero, "--input", "sr=fast");
        assertEquals(2, bad.exitCode());
        assertTrue(bad.err().contains("--input sr=fast: a constant input is a number, zeros or ones"), bad.err());

        String mb = TestEnv.model("onnx/wild/mobilenetv3-blocks.onnx").toString();
        TestEnv.Run collapsed = TestEnv.coact("layers", "--model", mb);
        TestEnv.Run all = TestEnv.coact("layers", "--model", mb, "--all");
        assertTrue(collapsed.out().matches("(?s).*\\ng /blocks/blocks.0/se/gate/HardSigmoid .*"), collapsed.out());
        assertFalse(collapsed.out().contains("/stem/act/Mul "), "ops inside the hard-swish module are hidden");
        assertTrue(all.out().contains("/stem/act/Mul "), all.out());
        assertTrue(collapsed.out().contains("ops inside modules are hidden; --all lists them"), collapsed.out());
        assertTrue(collapsed.out().lines().count() < all.out().lines().count());
    }
}
