package org.coact.runner.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.coact.runner.testing.TestEnv;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The native engines' own error printing stays off the user's stderr unless COACT_DEBUG=1: a
 * child JVM (so that what native code writes to the process's stderr is seen) opens a
 * truncated Keras .h5 file, on which the HDF5 library would print its 30-line error stack.
 * (TensorFlow's absl lines, which only the launcher can filter, are checked by .ci/run.)
 */
class NativeNoiseTest {

    @TempDir
    Path tmp;

    private String stderrOf(boolean debug, String... args) throws Exception {
        List<String> command = new java.util.ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
                System.getProperty("java.class.path"), "org.coact.runner.cli.Main"));
        command.addAll(List.of(args));
        command.addAll(List.of("--plugins-dir", TestEnv.plugins().toString()));
        ProcessBuilder pb = new ProcessBuilder(command);
        pb.environment().remove("COACT_DEBUG");
        if (debug) {
            pb.environment().put("COACT_DEBUG", "1");
        }
        Process p = pb.start();
        p.getOutputStream().close();
        p.getInputStream().readAllBytes();
        String stderr = new String(p.getErrorStream().readAllBytes());
        assertTrue(p.waitFor(120, TimeUnit.SECONDS));
        assertEquals(3, p.exitValue(), stderr);
        return stderr;
    }

    @Test
    void aTruncatedKerasFileGivesOneLineWithoutHdf5sErrorStack() throws Exception {
        byte[] whole = Files.readAllBytes(TestEnv.model("keras/mlp-epoch10.h5"));
        Path truncated = tmp.resolve("truncated.h5");
        Files.write(truncated, java.util.Arrays.copyOf(whole, 3000));
        String quiet = stderrOf(false, "layers", "--model", truncated.toString());
        List<String> lines = quiet.lines().filter(l -> !l.isBlank()).toList();
        assertEquals(List.of("coact: error: " + truncated + " is not a readable HDF5 file (truncated or corrupt?): "
                + "H5Fopen failed"), lines, quiet);
        String debug = stderrOf(true, "layers", "--model", truncated.toString());
        assertTrue(debug.contains("HDF5-DIAG: Error detected in HDF5"), "COACT_DEBUG=1 keeps the library's own report: "
                + debug);
    }
}
