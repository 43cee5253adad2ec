package org.coact.runner.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.coact.runner.output.OutputFiles;
import org.coact.runner.testing.TestEnv;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The real CLI in a child JVM, interrupted while it writes its files (it pauses after each one,
 * {@code coact.test.pauseAfterEachFileMillis}): SIGINT and SIGTERM leave the directory exactly
 * as it was; SIGKILL leaves a staging directory and the lock file, which the next run removes
 * around writing its full set; a second run into a directory in use is refused in one line
 * naming the first's pid.
 */
class InterruptedRunsTest {

    private static final String PAUSE = "-Dcoact.test.pauseAfterEachFileMillis=400";

    @TempDir
    Path tmp;

    private static ProcessBuilder coact(Path out, String model, String... jvm) {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path")));
        cmd.addAll(List.of(jvm));
        cmd.addAll(List.of("org.coact.runner.cli.Main", "analyze", "--model", TestEnv.model(model).toString(),
                "--data", TestEnv.model("mnist/test.npz").toString(), "--out", out.toString(), "--quiet",
                "--set", "community.null_samples=0", "--plugins-dir", TestEnv.plugins().toString()));
        ProcessBuilder pb = new ProcessBuilder(cmd);
        pb.environment().remove("COACT_DEBUG");
        pb.redirectOutput(ProcessBuilder.Redirect.DISCARD);
        return pb;
    }

    /** An earlier run's set (short fake contents) and a file of the user's. */
    private Path previousSet(String name) throws IOException {
        Path dir = Files.createDirectories(tmp.resolve(name));
        for (OutputFiles.OutputFile f : OutputFiles.ANALYZE) {
            Files.writeString(dir.resolve(f.name()), "old " + f.name());
        }
        Files.writeString(dir.resolve("notes.txt"), "mine");
        return dir;
    }

    private static Map<String, String> contents(Path dir) throws IOException {
        Map<String, String> all = new TreeMap<>();
        try (Stream<Path> s = Files.list(dir)) {
            for (Path p : s.toList()) {
                all.put(p.getFileName().toString(), Files.isDirectory(p) ? "<dir>" : Files.readString(p));
            }
        }
        return all;
    }

    private static List<Path> stagingDirs(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> p.getFileName().toString().startsWith(".coact-staging-")).toList();
        }
    }

    /** Waits until the run has written at least {@code files} files into its staging directory. */
    private static Path awaitWriting(Process p, Path dir, int files) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (System.nanoTime() < deadline && p.isAlive()) {
            for (Path s : stagingDirs(dir)) {
                Path fresh = s.resolve("new");
                if (Files.isDirectory(fresh)) {
                    try (Stream<Path> f = Files.list(fresh)) {
                        if (f.count() >= files) {
                            return s;
                        }
                    } catch (IOException gone) {
                        // finished meanwhile: the assertions below say so
                    }
                }
            }
            Thread.sleep(10);
        }
        throw new AssertionError("the run did not start writing: alive " + p.isAlive() + ", " + contents(dir));
    }

    private static String stderr(Process p) throws IOException {
        return new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
    }

    @ParameterizedTest(name = "SIG{0}")
    @ValueSource(strings = {"INT", "TERM"})
    void aSignalWhileWritingLeavesThePreviousSetExactlyAsItWas(String signal) throws Exception {
        Path dir = previousSet("signal-" + signal);
        Map<String, String> before = contents(dir);
        Process p = coact(dir, "onnx/mlp/mlp-epoch10.onnx", PAUSE).start();
        awaitWriting(p, dir, 2);
        assertEquals(0, new ProcessBuilder("kill", "-" + signal, Long.toString(p.pid())).start().waitFor());
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "the run ends");
        String err = stderr(p);
        assertEquals(signal.equals("INT") ? 130 : 143, p.exitValue(), err);
        assertFalse(err.contains("Exception") || err.contains("\tat "), "no stack trace: " + err);
        assertEquals(before, contents(dir), "no new file, no staging directory, no lock file");
    }

    @Test
    void aKillWhileWritingLeavesAStagingDirectoryThatTheNextRunRemoves() throws Exception {
        Path dir = previousSet("sigkill");
        Map<String, String> before = contents(dir);
        Process p = coact(dir, "onnx/mlp/mlp-epoch10.onnx", PAUSE).start();
        Path staging = awaitWriting(p, dir, 2);
        p.destroyForcibly();
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        assertEquals(137, p.exitValue());
        Map<String, String> after = contents(dir);
        assertTrue(after.remove(".coact.lock").startsWith("pid=" + p.pid()), "SIGKILL runs no clean-up");
        assertEquals("<dir>", after.remove(staging.getFileName().toString()), "SIGKILL runs no clean-up");
        assertEquals(before, after, "the previous set is intact");

        TestEnv.Run next = TestEnv.coact("analyze", "--model", TestEnv.model("onnx/mlp/mlp-epoch10.onnx").toString(),
                "--data", TestEnv.model("mnist/test.npz").toString(), "--out", dir.toString(), "--quiet",
                "--set", "community.null_samples=0");
        assertEquals(0, next.exitCode(), next.err());
        assertEquals(List.of(), stagingDirs(dir), "the dead run's staging directory is gone");
        Map<String, String> fresh = contents(dir);
        assertEquals("mine", fresh.remove("notes.txt"));
        assertEquals(OutputFiles.ANALYZE.stream().map(OutputFiles.OutputFile::name).sorted().toList(),
                List.copyOf(fresh.keySet()));
        fresh.values().forEach(v -> assertFalse(v.startsWith("old "), "the full new set"));
    }

    @Test
    void aSecondRunIntoADirectoryInUseIsRefusedNamingTheFirstsPidAndTheFirstFinishes() throws Exception {
        Path dir = Files.createDirectories(tmp.resolve("concurrent"));
        Process first = coact(dir, "onnx/mlp/mlp-epoch10.onnx", PAUSE).start();
        awaitWriting(first, dir, 1);
        Process second = coact(dir, "onnx/cnn/cnn-epoch10.onnx").start();
        assertTrue(second.waitFor(120, TimeUnit.SECONDS));
        List<String> lines = stderr(second).lines().filter(l -> !l.isBlank()).toList();
        assertEquals(ExitCodes.OTHER, second.exitValue(), String.valueOf(lines));
        assertEquals(List.of("coact: error: output directory " + dir + " is in use by another coact run (pid "
                + first.pid() + "); wait for it to finish or pass another --out"), lines);
        assertTrue(first.waitFor(120, TimeUnit.SECONDS));
        assertEquals(0, first.exitValue(), stderr(first));
        assertTrue(Files.readString(dir.resolve("report.json")).contains("mlp-epoch10.onnx"), "the first run's set");
        assertFalse(Files.readString(dir.resolve("report.json")).contains("cnn-epoch10.onnx"));
        assertEquals(List.of(), stagingDirs(dir));
        assertFalse(Files.exists(dir.resolve(".coact.lock")), "released and deleted");
    }
}
