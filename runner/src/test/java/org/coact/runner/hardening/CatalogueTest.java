package org.coact.runner.hardening;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.coact.runner.testing.TestEnv;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The bad-input catalogue (src/docs/HARDENING.md): seeded byte and structure mutations of a
 * bundled ONNX model and of the MNIST .npz, hand-made hostile .npy headers and mutated configs,
 * each run through {@code coact analyze} as a user would. Every run must end with exit 0-4
 * (never 70, "internal error"), at most one error line on stderr and no stack trace, within 120 s,
 * leaving either the whole set of output files (exit 0) or none; a run over a corrupted data
 * file must fail or give the clean run's figures. The counts go to
 * {@code target/hardening-catalogue.md} and standard output; the test fails on any violation,
 * listing each with its case. Seed 2026: same cases on every machine.
 */
class CatalogueTest {

    /** What a completed analysis writes. */
    static final List<String> OUTPUTS = List.of("report.json", "report.html", "neurons.csv", "layers.csv",
            "graph.graphml", "graph.gexf");
    private static final long SEED = 2026;
    private static final int TIMEOUT_SECONDS = 120;

    @TempDir
    Path tmp;

    private final ExecutorService runner = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "catalogue-case");
        t.setDaemon(true);
        return t;
    });

    /** One case: a name, the files it made and the arguments of its run. */
    record Case(String category, String name, List<String> args, Expect expect) {
    }

    /** What a case may do beyond the common rules. */
    enum Expect {
        /** Anything the common rules allow (a mutated model may still be a valid model). */
        ANY,
        /** Fail, or give the clean run's figures (a corrupted data file). */
        FAIL_OR_SAME
    }

    /** What a case did. */
    record Outcome(Case c, int exit, List<String> errLines, boolean hung, Throwable thrown, Path out) {
    }

    @Test
    void everyBadInputEndsCleanly() throws Exception {
        Path model = TestEnv.model("onnx/mlp/mlp-epoch10.onnx");
        Path data = TestEnv.model("mnist/test.npz");
        Path clean = tmp.resolve("clean");
        TestEnv.Run baseline = TestEnv.coact(analyze(model, data, clean).toArray(String[]::new));
        assertEquals(0, baseline.exitCode(), baseline.err());
        String cleanNeurons = Files.readString(clean.resolve("neurons.csv"));

        SplittableRandom random = new SplittableRandom(SEED);
        List<Case> cases = new ArrayList<>();
        cases.addAll(Mutations.onnxBytes(model, tmp, data, random, 60));
        cases.addAll(Mutations.onnxTruncations(model, tmp, data, random, 15));
        cases.addAll(Mutations.npzBytes(model, data, tmp, random, 30));
        cases.addAll(Mutations.npzTruncations(model, data, tmp, random, 10));
        cases.addAll(Mutations.npyHeaders(model, tmp));
        cases.addAll(Mutations.configs(model, data, tmp, random, 40));

        Map<String, int[]> perCategory = new LinkedHashMap<>();
        List<String> violations = new ArrayList<>();
        int[] totals = new int[6]; // runs, hung, internal/thrown, stack traces, partial/leftover, silently wrong
        for (Case c : cases) {
            Outcome o = run(c);
            int[] counts = perCategory.computeIfAbsent(c.category(), k -> new int[7]);
            counts[0]++;
            if (o.exit() == 0) {
                counts[6]++;
            }
            List<String> problems = judge(o, cleanNeurons);
            for (String p : problems) {
                violations.add(c.category() + "/" + c.name() + ": " + p);
                int kind = p.startsWith("hung") ? 1 : p.startsWith("internal") ? 2 : p.startsWith("stack") ? 3
                        : p.startsWith("files") ? 4 : p.startsWith("silently") ? 5 : 2;
                counts[kind]++;
                totals[kind]++;
            }
            totals[0]++;
        }
        String summary = summary(perCategory, totals);
        System.out.println(summary);
        Files.createDirectories(Path.of("target"));
        Files.writeString(Path.of("target", "hardening-catalogue.md"), summary);
        assertTrue(violations.isEmpty(), violations.size() + " violations:\n" + String.join("\n", violations)
                + "\n" + summary);
        runner.shutdownNow();
    }

    static List<String> analyze(Path model, Path data, Path out) {
        return new ArrayList<>(List.of("analyze", "--model", model.toString(), "--data", data.toString(), "--out",
                out.toString(), "--quiet", "--set", "community.null_samples=0"));
    }

    private Outcome run(Case c) throws Exception {
        Path out = Path.of(c.args().get(c.args().indexOf("--out") + 1));
        Future<TestEnv.Run> f = runner.submit(() -> TestEnv.coact(c.args().toArray(String[]::new)));
        try {
            TestEnv.Run r = f.get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
            return new Outcome(c, r.exitCode(), r.errLines(), false, null, out);
        } catch (TimeoutException e) {
            f.cancel(true);
            return new Outcome(c, -1, List.of(), true, null, out);
        } catch (java.util.concurrent.ExecutionException e) {
            return new Outcome(c, -1, List.of(), false, e.getCause(), out);
        }
    }

    private static List<String> judge(Outcome o, String cleanNeurons) throws Exception {
        List<String> problems = new ArrayList<>();
        if (o.hung()) {
            problems.add("hung: no exit within " + TIMEOUT_SECONDS + " s");
            return problems;
        }
        if (o.thrown() != null) {
            problems.add("internal: escaped the CLI: " + o.thrown());
            return problems;
        }
        if (o.exit() < 0 || o.exit() > 4) {
            problems.add("internal: exit " + o.exit() + " " + o.errLines());
        }
        if (o.errLines().stream().anyMatch(l -> l.startsWith("\tat ") || l.contains("Exception in thread")
                || l.matches("^\\s+at [a-zA-Z].*\\(.*\\)$"))) {
            problems.add("stack trace on stderr: " + o.errLines().size() + " lines");
        }
        List<String> errors = o.errLines().stream().filter(l -> !l.startsWith("coact: warning: ")).toList();
        if (errors.size() > (o.exit() == 0 ? 0 : 1) || (o.exit() != 0 && errors.isEmpty())) {
            problems.add("stack trace or noise: " + errors.size() + " non-warning lines on stderr: " + errors);
        }
        List<String> present = new ArrayList<>();
        List<String> others = new ArrayList<>();
        if (Files.isDirectory(o.out())) {
            try (var s = Files.list(o.out())) {
                s.forEach(p -> (OUTPUTS.contains(p.getFileName().toString()) ? present : others)
                        .add(p.getFileName().toString()));
            }
        }
        if (!others.isEmpty()) {
            problems.add("files left over in --out: " + others);
        }
        if (o.exit() == 0 ? present.size() != OUTPUTS.size() : !present.isEmpty()) {
            problems.add("files: exit " + o.exit() + " left " + present.size() + " of " + OUTPUTS.size() + " outputs "
                    + present);
        }
        if (o.exit() == 0 && o.c().expect() == Expect.FAIL_OR_SAME && present.contains("neurons.csv")
                && !Files.readString(o.out().resolve("neurons.csv")).equals(cleanNeurons)) {
            problems.add("silently wrong: a corrupted data file gave a report with other figures");
        }
        return problems;
    }

    private static String summary(Map<String, int[]> perCategory, int[] totals) {
        StringBuilder b = new StringBuilder();
        b.append("| category | runs | completed (exit 0) | hangs | internal errors | stack traces or noise "
                + "| partial or leftover files | silently wrong |\n|---|---|---|---|---|---|---|---|\n");
        perCategory.forEach((k, v) -> b.append(String.format("| %s | %d | %d | %d | %d | %d | %d | %d |%n", k, v[0],
                v[6], v[1], v[2], v[3], v[4], v[5])));
        b.append(String.format("| all | %d | | %d | %d | %d | %d | %d |%n", totals[0], totals[1], totals[2], totals[3],
                totals[4], totals[5]));
        return b.toString();
    }

    static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }
}
