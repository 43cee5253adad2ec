package org.coact.runner.output;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import org.coact.analysis.Analysis;
import org.coact.api.CoactException;
import org.coact.runner.Coact;
import org.coact.runner.cli.ExitCodes;
import org.coact.runner.pipeline.ProgressListener;
import org.coact.runner.testing.TestEnv;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The operating system's own refusals, where the machine allows them to be made: a 1 MiB tmpfs
 * that the run's 2.5 MB of files cannot fit (needs root and {@code mount}; else skipped, and
 * {@link OutputSetTest} covers a full disk with an injected fault), and a read-only directory
 * (for root, who ignores permission bits, a tmpfs remounted read-only).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RealFileSystemErrorsTest {

    @TempDir
    Path tmp;

    Analysis analysis;
    Path mounted;

    @BeforeAll
    void analyse() throws Exception {
        analysis = TestEnv.pipeline().analyze(TestEnv.mnistRequest("onnx/mlp/mlp-epoch10.onnx",
                Map.of("community.null_samples", 0)), ProgressListener.NONE);
    }

    private static boolean root() {
        return "root".equals(System.getProperty("user.name"));
    }

    private static int sh(String... cmd) throws Exception {
        return new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start()
                .waitFor();
    }

    /** Mounts a tmpfs of the given size, or skips the test where that is not possible. */
    private Path tmpfs(String name, String size) throws Exception {
        assumeTrue(root(), "mounting a tmpfs needs root");
        Path dir = Files.createDirectories(tmp.resolve(name));
        assumeTrue(sh("mount", "-t", "tmpfs", "-o", "size=" + size, "tmpfs", dir.toString()) == 0, "mount refused");
        mounted = dir;
        return dir;
    }

    @AfterEach
    void unmount() throws Exception {
        if (mounted != null) {
            assertEquals(0, sh("umount", mounted.toString()), "umount " + mounted);
            mounted = null;
        }
    }

    private static void previousSet(Path dir) throws IOException {
        for (OutputFiles.OutputFile f : OutputFiles.ANALYZE) {
            Files.writeString(dir.resolve(f.name()), "old " + f.name());
        }
    }

    @Test
    void aFullDiskNamesTheFileAndLeavesThePreviousSetAndNoByteMore() throws Exception {
        Path out = Files.createDirectories(tmpfs("small-disk", "1m").resolve("out"));
        previousSet(out);
        Map<String, String> before = OutputSetTest.contents(out);
        CoactException e = assertThrows(CoactException.class, () -> Coact.write(analysis, out));
        assertTrue(e.getMessage().matches("cannot write " + out + "/(report\\.html|graph\\.graphml|graph\\.gexf|neurons\\.csv"
                + "|report\\.json): No space left on device; " + out + " keeps its previous files"), e.getMessage());
        assertEquals(before, OutputSetTest.contents(out), "no new file, no staging directory, no lock file");
        long used = Files.getFileStore(out).getTotalSpace() - Files.getFileStore(out).getUnallocatedSpace();
        assertTrue(used < 64 * 1024, "the partial file is gone: " + used + " bytes in use");
    }

    @Test
    void aReadOnlyDirectoryIsRefusedBeforeAnyWorkAndAfterwardsNamesTheReason() throws Exception {
        Path out;
        if (root()) {
            out = tmpfs("read-only", "4m");
            previousSet(out);
            assumeTrue(sh("mount", "-o", "remount,ro", out.toString()) == 0, "remount refused");
        } else {
            out = Files.createDirectories(tmp.resolve("read-only"));
            previousSet(out);
            Files.setPosixFilePermissions(out, PosixFilePermissions.fromString("r-xr-xr-x"));
        }
        try {
            Map<String, String> before = OutputSetTest.contents(out);
            TestEnv.Run run = TestEnv.coact("analyze", "--model", TestEnv.model("onnx/mlp/mlp-epoch10.onnx").toString(),
                    "--data", TestEnv.model("mnist/test.npz").toString(), "--out", out.toString(), "--quiet");
            assertEquals(ExitCodes.OTHER, run.exitCode(), run.err());
            assertEquals(java.util.List.of("coact: error: output directory " + out + " is not writable: permission denied; "
                    + "pass a writable directory to --out"), run.errLines());
            assertEquals(before, OutputSetTest.contents(out), "nothing written, not even the lock file");
        } finally {
            if (!root()) {
                Files.setPosixFilePermissions(out, PosixFilePermissions.fromString("rwxr-xr-x"));
            }
        }
    }
}
