package org.coact.runner.output;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.coact.analysis.Analysis;
import org.coact.api.CoactException;
import org.coact.runner.output.json.Json;
import org.coact.runner.pipeline.ProgressListener;
import org.coact.runner.testing.TestEnv;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * A run's files as one transaction: the full new set or, after a failure, the previous set as it
 * was and nothing else; the other command's set replaced; leftovers of dead runs removed or
 * finished; one run at a time per directory.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OutputSetTest {

    @TempDir
    Path tmp;

    Analysis analysis;

    @BeforeAll
    void analyse() throws Exception {
        analysis = TestEnv.pipeline().analyze(TestEnv.mnistRequest("onnx/mlp/mlp-epoch10.onnx",
                Map.of("community.null_samples", 0)), ProgressListener.NONE);
    }

    /** @return every entry of a directory (hidden ones too) with its content, or "<dir>" */
    static Map<String, String> contents(Path dir) throws IOException {
        Map<String, String> all = new TreeMap<>();
        try (Stream<Path> s = Files.list(dir)) {
            for (Path p : s.toList()) {
                all.put(p.getFileName().toString(), Files.isDirectory(p) ? "<dir>" : Files.readString(p));
            }
        }
        return all;
    }

    /** An earlier run's analyze set (short fake contents) plus a file of the user's. */
    private Path previousSet(String name) throws IOException {
        Path dir = Files.createDirectories(tmp.resolve(name));
        for (OutputFiles.OutputFile f : OutputFiles.ANALYZE) {
            Files.writeString(dir.resolve(f.name()), "old " + f.name());
        }
        Files.writeString(dir.resolve("notes.txt"), "mine");
        return dir;
    }

    /** Fails a file's stream after some bytes, as a full disk does. */
    private static OutputSet.Streams fullDiskAt(String file, int bytes) {
        return (name, out) -> !name.equals(file) ? out : new FilterOutputStream(out) {
            int left = bytes;

            @Override
            public void write(int b) throws IOException {
                if (left-- <= 0) {
                    throw new IOException("No space left on device");
                }
                super.write(b);
            }

            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                for (int i = 0; i < len; i++) {
                    write(b[off + i]);
                }
            }
        };
    }

    @Test
    void aRunReplacesThePreviousSetAndLeavesOtherFilesAndNoStagingBehind() throws Exception {
        Path dir = previousSet("replace");
        try (OutputDirectory out = OutputDirectory.open(dir)) {
            assertEquals(OutputFiles.ANALYZE.stream().map(f -> dir.resolve(f.name())).toList(),
                    Outputs.analysis(out, analysis));
        }
        Map<String, String> after = contents(dir);
        assertEquals("mine", after.remove("notes.txt"));
        assertFalse(after.containsKey(OutputLock.NAME), "the lock file is gone with the run");
        assertEquals(OutputFiles.ANALYZE.stream().map(OutputFiles.OutputFile::name).sorted().toList(),
                after.keySet().stream().toList(), "exactly the set, no staging directory");
        JsonNode report = Json.mapper().readTree(after.get("report.json"));
        assertEquals(192, report.at("/summary/neurons").asInt());
        after.values().forEach(v -> assertFalse(v.startsWith("old "), "every file is new"));
    }

    @Test
    void anotherCommandsSetIsRemovedWhenANewSetIsMovedIntoPlace() throws Exception {
        Path dir = previousSet("evolve-over-analyze");
        try (OutputDirectory out = OutputDirectory.open(dir); OutputSet set = out.begin(OutputFiles.EVOLVE)) {
            for (OutputFiles.OutputFile f : OutputFiles.EVOLVE) {
                set.writeText(f.name(), "new " + f.name());
            }
            set.commit();
        }
        Map<String, String> after = contents(dir);
        Map<String, String> expected = new TreeMap<>(Map.of("notes.txt", "mine"));
        OutputFiles.EVOLVE.forEach(f -> expected.put(f.name(), "new " + f.name()));
        assertEquals(expected, after, "report.*, graph.* of the analyze run are gone; layers.csv, neurons.csv replaced");
    }

    @Test
    void aFullDiskNamesTheFileAndLeavesThePreviousSetExactlyAsItWas() throws Exception {
        Path dir = previousSet("full-disk");
        Map<String, String> before = contents(dir);
        try (OutputDirectory out = OutputDirectory.open(dir, fullDiskAt("graph.gexf", 5000))) {
            CoactException e = assertThrows(CoactException.class, () -> Outputs.analysis(out, analysis));
            assertEquals("cannot write " + dir.resolve("graph.gexf") + ": No space left on device; " + dir
                    + " keeps its previous files", e.getMessage());
        }
        assertEquals(before, contents(dir), "no new file, no partial file, no staging directory, no lock file");
    }

    @Test
    void aDeniedWriteNamesTheFileAndLeavesNothing() throws Exception {
        Path dir = Files.createDirectories(tmp.resolve("denied"));
        OutputSet.Streams denied = (name, out) -> {
            if (name.equals("report.html")) {
                throw new AccessDeniedException(name);
            }
            return out;
        };
        try (OutputDirectory out = OutputDirectory.open(dir, denied)) {
            CoactException e = assertThrows(CoactException.class, () -> Outputs.analysis(out, analysis));
            assertEquals("cannot write " + dir.resolve("report.html") + ": permission denied; " + dir
                    + " keeps its previous files", e.getMessage());
        }
        assertEquals(Map.of(), contents(dir));
    }

    @Test
    void aDirectoryInTheWayOfOneFileStopsTheMoveBeforeAnyFileIsReplaced() throws Exception {
        Path dir = previousSet("in-the-way");
        Files.delete(dir.resolve("graph.gexf"));
        Files.writeString(Files.createDirectories(dir.resolve("graph.gexf")).resolve("x"), "x");
        Map<String, String> before = contents(dir);
        try (OutputDirectory out = OutputDirectory.open(dir)) {
            CoactException e = assertThrows(CoactException.class, () -> Outputs.analysis(out, analysis));
            assertEquals("cannot write " + dir.resolve("graph.gexf") + ": a directory is in the way; " + dir
                    + " keeps its previous files", e.getMessage());
        }
        assertEquals(before, contents(dir));
    }

    @Test
    void aSecondRunIntoTheSameDirectoryIsRefusedNamingThePidOfTheFirst() throws Exception {
        Path dir = Files.createDirectories(tmp.resolve("busy"));
        try (OutputDirectory first = OutputDirectory.open(dir)) {
            CoactException e = assertThrows(CoactException.class, () -> OutputDirectory.open(dir.resolve(".")));
            assertEquals("output directory " + dir + " is in use by another coact run (pid "
                    + ProcessHandle.current().pid() + "); wait for it to finish or pass another --out", e.getMessage());
            assertTrue(Files.readString(dir.resolve(OutputLock.NAME)).startsWith("pid=" + ProcessHandle.current().pid() + "\n"));
        }
        assertFalse(Files.exists(dir.resolve(OutputLock.NAME)), "deleted on release");
        OutputDirectory.open(dir).close(); // free again
    }

    @Test
    void aLockFileLeftByAKilledRunIsTakenOverAndRemoved() throws Exception {
        Path dir = Files.createDirectories(tmp.resolve("stale-lock"));
        Files.writeString(dir.resolve(OutputLock.NAME), "pid=999999\n"); // no process holds a lock on it
        try (OutputDirectory out = OutputDirectory.open(dir)) {
            assertTrue(Files.readString(dir.resolve(OutputLock.NAME)).startsWith("pid=" + ProcessHandle.current().pid()));
        }
        assertEquals(Map.of(), contents(dir));
    }

    /** @return the owner line of a process that has ended */
    private static String deadOwner() throws Exception {
        Process p = new ProcessBuilder("true").start();
        assertEquals(0, p.waitFor());
        String start = p.info().startInstant().map(Object::toString).orElse("unknown");
        return "pid=" + p.pid() + " start=" + start + "\n";
    }

    private static Path staging(Path dir, String name, String owner) throws IOException {
        Path s = Files.createDirectories(dir.resolve(StagingDirs.PREFIX + name));
        Files.createDirectories(s.resolve(StagingDirs.NEW));
        Files.writeString(s.resolve(StagingDirs.OWNER), owner);
        return s;
    }

    @Test
    void leftoversOfDeadRunsGoAndALiveRunsStagingStays() throws Exception {
        Path dir = previousSet("leftovers");
        Path dead = staging(dir, "1-dead", deadOwner());
        Files.writeString(dead.resolve(StagingDirs.NEW).resolve("report.json"), "{\"partial\":");
        Path ownerless = Files.createDirectories(dir.resolve(StagingDirs.PREFIX + "2-ownerless"));
        Files.createFile(dir.resolve(".report.json.k3j5h2.tmp")); // what earlier versions left
        Files.createFile(dir.resolve(".notes.txt.abc.tmp")); // not Coact's: kept
        Process sleeper = new ProcessBuilder("sleep", "60").start();
        try {
            String owner = "pid=" + sleeper.pid() + " start=" + sleeper.info().startInstant().orElseThrow() + "\n";
            Path alive = staging(dir, "3-alive", owner);
            OutputDirectory.open(dir).close();
            assertFalse(Files.exists(dead), "dead run's staging");
            assertFalse(Files.exists(ownerless), "staging without an owner");
            assertFalse(Files.exists(dir.resolve(".report.json.k3j5h2.tmp")));
            assertTrue(Files.exists(dir.resolve(".notes.txt.abc.tmp")));
            assertTrue(Files.exists(alive), "a live process's staging is not touched");
            String reused = "pid=" + sleeper.pid() + " start=2001-01-01T00:00:00Z\n";
            Files.writeString(alive.resolve(StagingDirs.OWNER), reused);
            OutputDirectory.open(dir).close();
            assertFalse(Files.exists(alive), "the pid now belongs to a process started later: the owner is dead");
        } finally {
            sleeper.destroyForcibly().waitFor();
        }
        assertEquals("old report.json", Files.readString(dir.resolve("report.json")), "the previous set is untouched");
    }

    @Test
    void aCommitInterruptedByAKillIsFinishedByTheNextRun() throws Exception {
        Path dir = previousSet("roll-forward");
        Files.writeString(dir.resolve("layers.csv"), "new layers.csv"); // moved before the kill
        Path s = staging(dir, "4-killed", deadOwner());
        Files.writeString(s.resolve(StagingDirs.NEW).resolve("report.json"), "new report.json");
        Files.writeString(s.resolve(StagingDirs.NEW).resolve("neurons.csv"), "new neurons.csv");
        Files.writeString(s.resolve(StagingDirs.JOURNAL), "put report.json\nput layers.csv\nput neurons.csv\n"
                + "drop graph.gexf\ndrop ../notes.txt\n");
        OutputDirectory.open(dir).close();
        Map<String, String> after = contents(dir);
        assertEquals("new report.json", after.get("report.json"));
        assertEquals("new layers.csv", after.get("layers.csv"));
        assertEquals("new neurons.csv", after.get("neurons.csv"));
        assertFalse(after.containsKey("graph.gexf"), "dropped as the journal says");
        assertEquals("mine", Files.readString(tmp.resolve("roll-forward/notes.txt")), "no path outside the set");
        assertFalse(Files.exists(s));
    }
}
