package org.coact.runner.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.coact.runner.testing.TestEnv;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Work that would not fit the heap is refused before it starts, in one line naming the key to
 * change and the largest value that fits, and following the advice gets further: a child JVM
 * with a small heap (-Xmx) analyses the MobileNetV3-style stand-in (2,152 neurons, every pair
 * and per-class counts: 56.2 MiB of counts, 0.4 MiB per sample in flight).
 */
class HeapLimitsTest {

    @TempDir
    Path tmp;

    private record Child(int exit, String stdout, String stderr) {
    }

    private Child analyze(String heap, Path out, String... extra) throws Exception {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx" + heap, "-XX:+UseSerialGC", "-cp", System.getProperty("java.class.path"),
                "org.coact.runner.cli.Main", "analyze", "--model",
                TestEnv.model("onnx/wild/mobilenetv3-wide.onnx").toString(), "--data",
                TestEnv.model("onnx/wild/wide.npz").toString(), "--out", out.toString(), "--quiet",
                "--plugins-dir", TestEnv.plugins().toString(), "--set", "graph.scope=all", "--set", "graph.per_class=true"));
        command.addAll(List.of(extra));
        ProcessBuilder pb = new ProcessBuilder(command);
        pb.environment().remove("COACT_DEBUG");
        Process p = pb.start();
        p.getOutputStream().close();
        String stdout = new String(p.getInputStream().readAllBytes());
        String stderr = new String(p.getErrorStream().readAllBytes());
        assertTrue(p.waitFor(300, TimeUnit.SECONDS));
        return new Child(p.exitValue(), stdout, stderr);
    }

    @Test
    void batchesThatWouldNotFitAreRefusedNamingTheBatchSizeThatFits() throws Exception {
        Path out = tmp.resolve("small-heap");
        Child run = analyze("160m", out, "--batch-size", "256");
        assertEquals(2, run.exit(), run.stderr());
        List<String> lines = run.stderr().lines().filter(l -> !l.isBlank()).toList();
        assertEquals(1, lines.size(), run.stderr());
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("^coact: error: batch_size 256 needs .* MiB of heap for "
                + "the 3 batches in flight .* set batch_size to ([0-9]+) or less \\(--batch-size\\).*").matcher(lines.get(0));
        assertTrue(m.matches(), lines.get(0));
        assertFalse(Files.exists(out.resolve("report.json")), "nothing written");
        // the advice, taken: the counting pass runs, and the run ends with its report or a later one-line refusal
        Child advised = analyze("160m", tmp.resolve("advised"), "--batch-size", m.group(1));
        List<String> after = advised.stderr().lines().filter(l -> !l.isBlank()).toList();
        assertTrue(advised.exit() == 0 || (advised.exit() == 2 && after.size() == 1
                && after.get(0).startsWith("coact: error: the graph would have ")), advised.exit() + ": " + advised.stderr());
    }

    /**
     * batch_size auto on the heap where a fixed 256 is refused: the run streams the largest batch
     * that fits instead, records it, and its report is the one that batch size, fixed, gives.
     */
    @Test
    void autoTakesTheLargestBatchThatFits() throws Exception {
        String[] sparse = {"--set", "graph.min_weight=0.99", "--set", "community.null_samples=0"}; // a graph that fits
        Child refused = analyze("160m", tmp.resolve("refused"), concat(sparse, "--batch-size", "256"));
        java.util.regex.Matcher m = java.util.regex.Pattern.compile(".*set batch_size to ([0-9]+) or less.*",
                java.util.regex.Pattern.DOTALL).matcher(refused.stderr());
        assertTrue(m.matches(), refused.stderr());
        int named = Integer.parseInt(m.group(1));

        Path auto = tmp.resolve("auto");
        Child run = analyze("160m", auto, sparse);
        assertEquals(0, run.exit(), run.stderr());
        com.fasterxml.jackson.databind.JsonNode report = new com.fasterxml.jackson.databind.ObjectMapper()
                .readTree(auto.resolve("report.json").toFile());
        assertEquals("auto", report.path("config").path("batch_size").asText());
        int used = report.path("dataset").path("batchSize").asInt();
        // the heap free at the check moves by a little between JVMs: within 2 samples of the refusal's figure
        assertTrue(used >= 1 && used < 256 && Math.abs(used - named) <= 2, used + " vs " + named);

        Path fixed = tmp.resolve("fixed");
        Child same = analyze("1g", fixed, concat(sparse, "--batch-size", Integer.toString(used)));
        assertEquals(0, same.exit(), same.stderr());
        assertEquals(withoutRunFields(Files.readString(auto.resolve("report.json"))),
                withoutRunFields(Files.readString(fixed.resolve("report.json"))));
    }

    /** report.json without its output path, timings and the batch_size setting (auto vs the number). */
    private static String withoutRunFields(String json) {
        return json.replaceAll("\"batch_size\" : (\"auto\"|[0-9]+)", "").replaceAll("(?s)\"timings\" : \\{[^}]*\\}", "")
                .replaceAll("/(auto|fixed)/", "/");
    }

    private static String[] concat(String[] a, String... b) {
        String[] all = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        return all;
    }

    @Test
    void countsThatWouldNotFitAreRefusedBeforeAnyPass() throws Exception {
        Path out = tmp.resolve("tiny-heap");
        Child run = analyze("96m", out);
        assertEquals(2, run.exit(), run.stderr());
        List<String> lines = run.stderr().lines().filter(l -> !l.isBlank()).toList();
        assertEquals(1, lines.size(), run.stderr());
        assertTrue(lines.get(0).startsWith("coact: error: counting 2,314,476 neuron pairs per class (graph.per_class: "
                + "true) needs "), lines.get(0));
        assertTrue(lines.get(0).contains("set graph.per_class to false"), lines.get(0));
        assertFalse(Files.exists(out.resolve("report.json")));
    }
}
