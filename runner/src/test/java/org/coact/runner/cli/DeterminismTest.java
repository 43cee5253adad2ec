package org.coact.runner.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.coact.runner.testing.TestEnv;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Same inputs and seed give byte-identical reports, the timings section aside. */
class DeterminismTest {

    @Test
    void twoRunsGiveByteIdenticalReportsTimingsAside(@TempDir Path tmp) throws Exception {
        for (String model : new String[] {"onnx/mlp/mlp-epoch10.onnx", "onnx/cnn/cnn-epoch10.onnx"}) {
            String first = run(tmp.resolve("a"), model, "leiden");
            String second = run(tmp.resolve("b"), model, "leiden");
            assertTrue(first.contains("\"timings\""));
            assertEquals(withoutTimings(first), withoutTimings(second), model);
        }
    }

    private static String run(Path out, String model, String algorithm) throws Exception {
        TestEnv.Run run = TestEnv.coact("analyze", "--model", TestEnv.model(model).toString(), "--data",
                TestEnv.model("mnist/test.npz").toString(), "--algorithm", algorithm, "--out", out.toString(), "--quiet");
        assertEquals(0, run.exitCode(), run.err());
        return Files.readString(out.resolve("report.json"));
    }

    /** The timings object is the report's last member; cut it out textually, keep every other byte. */
    static String withoutTimings(String report) {
        int at = report.lastIndexOf(",\n  \"timings\"");
        assertTrue(at > 0, "timings section not found");
        return report.substring(0, at) + "\n}\n";
    }
}
