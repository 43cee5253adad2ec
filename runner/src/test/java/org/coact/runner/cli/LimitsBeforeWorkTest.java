package org.coact.runner.cli;

import java.nio.file.Path;
import org.coact.runner.testing.TestEnv;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.io.TempDir;

/**
 * Option values past their stated limits are refused before the model runs, in one line
 * naming the option, the value and the limit (each of these once made a run hang or take
 * gigabytes: 10^9 Louvain iterations, 10^6 ONNX Runtime threads).
 */
class LimitsBeforeWorkTest {

    @TempDir
    Path tmp;

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource(delimiter = '|', value = {
        "--set|community.options={iterations: 1000000000}|option 'iterations' must be in 0..10000 (0 = until an iteration brings no improvement), got 1000000000",
        "--set|community.options={random_starts: 5000}|option 'random_starts' must be in 1..1000, got 5000",
        "--set|community.options={iterations: -1}|option 'iterations' must be in 0..10000",
        "--model-option|threads=1000000|option 'threads' must be an integer in 1..256, got '1000000'",
        "--model-option|threads=0|option 'threads' must be an integer in 1..256, got '0'",
    })
    void anOptionPastItsLimitIsRefusedInOneLine(String flag, String value, String message) {
        Path out = tmp.resolve("out");
        TestEnv.Run run = TestEnv.coact("analyze", "--model", TestEnv.model("onnx/mlp/mlp-epoch10.onnx").toString(),
                "--data", TestEnv.model("mnist/test.npz").toString(), "--out", out.toString(), "--quiet", flag, value);
        TestEnv.assertUserError(run, 2, out, message);
    }

    @ParameterizedTest(name = "label propagation {0}")
    @CsvSource({"0", "2000000"})
    void labelPropagationRoundsHaveLimitsToo(String iterations) {
        Path out = tmp.resolve("lp");
        TestEnv.Run run = TestEnv.coact("analyze", "--model", TestEnv.model("onnx/mlp/mlp-epoch10.onnx").toString(),
                "--data", TestEnv.model("mnist/test.npz").toString(), "--out", out.toString(), "--quiet",
                "--algorithm", "label-propagation", "--set", "community.options={iterations: " + iterations + "}");
        TestEnv.assertUserError(run, 2, out, "option 'iterations' of label-propagation must be in 1..1000000, got "
                + iterations);
    }

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource({
        "layers, huge-expand, layer 'expand' with shape [1048576, 1048576, 4]",
        "analyze, huge-expand, layer 'expand' with shape [1048576, 1048576, 4]",
        "layers, huge-input, input 'x' with shape [-1, 65536, 65536]",
        "analyze, huge-input, input 'x' with shape [-1, 65536, 65536]",
    })
    void aModelDeclaringShapesNoRunCouldHoldIsRefusedByLayersAndAnalyzeAlike(String command, String model,
            String what) {
        Path out = tmp.resolve("huge");
        String file = TestEnv.model("onnx/wild/refusals/" + model + ".onnx").toString();
        TestEnv.Run run = command.equals("layers") ? TestEnv.coact("layers", "--model", file)
                : TestEnv.coact("analyze", "--model", file, "--data", TestEnv.model("mnist/test.npz").toString(), "--out",
                        out.toString(), "--quiet");
        TestEnv.assertUserError(run, 3, out, what, "more than the 2,147,483,639 one array can hold");
        org.junit.jupiter.api.Assertions.assertEquals("", run.out(), "nothing listed before the refusal");
    }

    @org.junit.jupiter.api.Test
    void aModelWithoutOutputsIsAModelError() {
        Path out = tmp.resolve("no-outputs");
        TestEnv.Run run = TestEnv.coact("analyze", "--model", TestEnv.model("onnx/wild/refusals/no-outputs.onnx").toString(),
                "--data", TestEnv.model("mnist/test.npz").toString(), "--out", out.toString(), "--quiet");
        TestEnv.assertUserError(run, 3, out, "no-outputs.onnx declares no outputs, so it makes no prediction to analyse");
    }
}
