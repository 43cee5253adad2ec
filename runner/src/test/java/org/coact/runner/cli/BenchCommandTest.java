package org.coact.runner.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.coact.runner.testing.TestEnv;
import org.junit.jupiter.api.Test;

/**
 * {@code coact bench} runs and prints each figure beside its baseline; the figures themselves
 * depend on the machine and are not asserted (BENCHMARKS.md records them), only that each ratio
 * is the quotient of the two times it is printed with.
 */
class BenchCommandTest {

    @Test
    void printsRatiosThatAreTheQuotientsOfTheirTimes() {
        TestEnv.Run run = TestEnv.coact("bench", "--repeats", "1", "--quick", "--model",
                TestEnv.model("onnx/mlp/mlp-epoch10.onnx").toString(), "--data", TestEnv.model("mnist/test.npz").toString());
        assertEquals(0, run.exitCode(), run.err());
        Matcher m = Pattern.compile("mlp-epoch10.onnx +plain +([0-9.]+) s +coact +([0-9.]+) s +ratio ([0-9.]+) ")
                .matcher(run.out());
        assertTrue(m.find(), run.out());
        double plain = Double.parseDouble(m.group(1));
        double coact = Double.parseDouble(m.group(2));
        assertTrue(plain > 0 && coact > 0, run.out());
        assertEquals(coact / plain, Double.parseDouble(m.group(3)), 0.01 + 0.0011 / plain * (coact / plain + 1),
                "ratio as printed, to the rounding of the times");
        Matcher c = Pattern.compile("coact +([0-9.]+) s \\(([0-9.e+]+) pair-samples/s\\) +reference loop +([0-9.]+) s")
                .matcher(run.out());
        assertTrue(c.find(), run.out());
        assertEquals(1024.0 * 1024 * 2000 / Double.parseDouble(c.group(1)), Double.parseDouble(c.group(2)),
                0.02 * Double.parseDouble(c.group(2)) + 1e9 * 0.001 / Double.parseDouble(c.group(1)));
        Matcher start = Pattern.compile("JVM start to the command +([0-9.]+) s wall").matcher(run.out());
        Matcher host = Pattern.compile("plugin host start +([0-9.]+) s wall").matcher(run.out());
        Matcher empty = Pattern.compile("empty JVM +([0-9.]+) s wall, .* ratio \\(start \\+ plugins\\) / empty ([0-9.]+) wall")
                .matcher(run.out());
        assertTrue(start.find() && host.find() && empty.find(), run.out());
        double fixed = Double.parseDouble(start.group(1)) + Double.parseDouble(host.group(1));
        double baseline = Double.parseDouble(empty.group(1));
        assertTrue(baseline > 0, "an empty JVM takes time: " + run.out());
        assertEquals(fixed / baseline, Double.parseDouble(empty.group(2)), 0.01 + 0.001 / baseline * (fixed / baseline + 1),
                "fixed-cost ratio as printed, to the rounding of the times");
    }

    @Test
    void refusesANonsenseRepeatCount() {
        TestEnv.Run run = TestEnv.coact("bench", "--repeats", "0", "--quick");
        assertEquals(2, run.exitCode());
        assertTrue(run.err().contains("--repeats must be in 1..100, got 0"), run.err());
    }
}
