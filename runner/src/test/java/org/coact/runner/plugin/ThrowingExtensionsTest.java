package org.coact.runner.plugin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.coact.runner.cli.ExitCodes;
import org.coact.runner.testing.NpyFiles;
import org.coact.runner.testing.TestEnv;
import org.coact.runner.testing.TestPlugins;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A plugin whose format and algorithm throw on request, at every call Coact makes into it,
 * everything a JVM can throw: each run ends with exit 3 (format) or 2 (algorithm) and one
 * line naming the extension, the plugin and its version and what was thrown; never an
 * internal error, never a stack trace, never a dead JVM. The model file says where the format
 * fails ({@code open:StackOverflowError}); {@code community.options.fail} says what the
 * algorithm throws.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ThrowingExtensionsTest {

    private static final String PKG = "com.example.boom";
    private static final List<String> THROWABLES = List.of("RuntimeException", "StackOverflowError",
            "OutOfMemoryError", "ExceptionInInitializerError", "LinkageError");
    private static final List<String> STAGES = List.of("recognize", "open", "describe", "extractor", "run");

    private static final String FAIL = """
            package com.example.boom;

            /** Throws what a spec like 'open:StackOverflowError' names when the stage is reached. */
            public final class Fail {
                public static void at(String stage, String spec) {
                    if (!spec.startsWith(stage + ":")) { return; }
                    String what = spec.substring(stage.length() + 1).strip();
                    switch (what) {
                        case "RuntimeException": throw new IllegalStateException("boom in " + stage);
                        case "StackOverflowError": deep(0); return;
                        case "OutOfMemoryError": long[] a = new long[Integer.MAX_VALUE]; a[0] = 1; return;
                        case "ExceptionInInitializerError":
                            try {
                                Class.forName("com.example.boom.Init" + stage, true, Fail.class.getClassLoader());
                            } catch (ClassNotFoundException e) { throw new AssertionError(e); }
                            return;
                        case "LinkageError": Linker.link(); return;
                        default: throw new IllegalArgumentException(what);
                    }
                }
                static int deep(int n) { return deep(n + 1) + 1; }
            }
            """;

    private static final String FORMAT = """
            package com.example.boom;

            import java.nio.file.Files;
            import java.nio.file.Path;
            import java.util.List;
            import java.util.Map;
            import java.util.Set;
            import org.coact.api.FloatTensor;
            import org.coact.api.format.*;

            /** A 4-input, two-layer, two-class toy model in a file whose text says where to fail. */
            @org.pf4j.Extension
            public class BoomFormat implements ModelFormat {
                public String id() { return "boom"; }
                public String description() { return "fails on request"; }
                public Set<String> optionKeys() { return Set.of(); }
                static String spec(Path p) {
                    try { return Files.readString(p).strip(); } catch (java.io.IOException e) { return ""; }
                }
                public Recognition recognize(Path p) {
                    if (!p.toString().endsWith(".boom")) { return Recognition.NO; }
                    Fail.at("recognize", spec(p));
                    return Recognition.BY_CONTENT;
                }
                public ModelHandle open(Path p, OpenOptions o) {
                    String spec = spec(p);
                    Fail.at("open", spec);
                    return new ModelHandle() {
                        public ModelDescription describe() {
                            Fail.at("describe", spec);
                            return new ModelDescription(List.of(new TensorSpec("x", DType.FLOAT32, new long[] {-1, 4})),
                                    List.of(new TensorSpec("out", DType.FLOAT32, new long[] {-1, 2})),
                                    List.of(new LayerInfo("h1", "Relu", new long[] {-1, 4}, -1, Set.of(LayerRole.ACTIVATION)),
                                            new LayerInfo("h2", "Relu", new long[] {-1, 4}, -1, Set.of(LayerRole.ACTIVATION))));
                        }
                        public Extractor extractor(ExtractionRequest r) {
                            Fail.at("extractor", spec);
                            return new Extractor() {
                                public BatchResult run(Map<String, FloatTensor> in) {
                                    Fail.at("run", spec);
                                    FloatTensor x = in.get("x");
                                    int b = x.batchSize();
                                    float[] v = x.data();
                                    float[] h1 = new float[b * 4];
                                    float[] h2 = new float[b * 4];
                                    float[] out = new float[b * 2];
                                    for (int i = 0; i < b * 4; i++) {
                                        h1[i] = Math.max(0, v[i] - 0.5f);
                                        h2[i] = Math.max(0, 0.5f - v[i]);
                                        out[(i / 4) * 2 + (i % 4) / 2] += v[i];
                                    }
                                    return new BatchResult(new FloatTensor(new long[] {b, 2}, out),
                                            Map.of("h1", new FloatTensor(new long[] {b, 4}, h1),
                                                    "h2", new FloatTensor(new long[] {b, 4}, h2)));
                                }
                                public void close() { }
                            };
                        }
                        public void close() { }
                    };
                }
            }
            """;

    private static final String ALGORITHM = """
            package com.example.boom;

            import java.util.Set;
            import org.coact.api.community.*;

            /** Singletons, or what community.options.fail names. */
            @org.pf4j.Extension
            public class BoomAlgorithm implements CommunityAlgorithm {
                public String id() { return "boom"; }
                public String description() { return "fails on request"; }
                public Set<AlgorithmCapability> capabilities() { return Set.of(); }
                public Set<String> optionKeys() { return Set.of("fail"); }
                public Partition detect(WeightedGraph g, AlgorithmParameters p) {
                    p.option("fail").ifPresent(what -> Fail.at("detect", "detect:" + what));
                    int[] m = new int[g.nodeCount()];
                    for (int i = 0; i < m.length; i++) { m[i] = i; }
                    return new Partition(m);
                }
            }
            """;

    private Path plugins;
    private Path data;
    private Path work;

    @BeforeAll
    void plugin(@TempDir Path dir) throws IOException {
        work = dir;
        Map<String, String> sources = new LinkedHashMap<>();
        sources.put(PKG + ".Fail", FAIL);
        sources.put(PKG + ".Gone", "package com.example.boom; public class Gone { public static void touch() { } }");
        sources.put(PKG + ".Linker", "package com.example.boom; public class Linker { public static void link() { "
                + "Gone.touch(); } }");
        for (String stage : Stream.concat(STAGES.stream(), Stream.of("detect")).toList()) {
            sources.put(PKG + ".Init" + stage, "package com.example.boom; public class Init" + stage
                    + " { static final int X = Integer.parseInt(\"static " + stage + "\"); }");
        }
        sources.put(PKG + ".BoomFormat", FORMAT);
        sources.put(PKG + ".BoomAlgorithm", ALGORITHM);
        Path classes = TestPlugins.compile(dir.resolve("build"), sources);
        Files.delete(classes.resolve("com/example/boom/Gone.class")); // Linker cannot link without it
        plugins = dir.resolve("plugins");
        TestPlugins.zip(plugins.resolve("boom-1.2.3.zip"), TestPlugins.properties("boom", "1.2.3"), classes);
        float[] x = new float[16 * 4];
        long[] y = new long[16];
        java.util.Random r = new java.util.Random(11);
        for (int i = 0; i < x.length; i++) {
            x[i] = r.nextFloat();
        }
        for (int i = 0; i < y.length; i++) {
            y[i] = x[i * 4] + x[i * 4 + 1] > x[i * 4 + 2] + x[i * 4 + 3] ? 0 : 1;
        }
        Map<String, byte[]> arrays = new LinkedHashMap<>();
        arrays.put("x", NpyFiles.float32(x, 16, 4));
        arrays.put("y", NpyFiles.int64(y, 16));
        data = NpyFiles.npz(dir.resolve("toy.npz"), arrays);
    }

    private Path model(String spec) throws IOException {
        return Files.writeString(Files.createTempFile(work, "m", ".boom"), spec);
    }

    private TestEnv.Run analyze(Path model, String... extra) {
        List<String> args = new ArrayList<>(List.of("analyze", "--model", model.toString(), "--data", data.toString(),
                "--out", work.resolve("out-" + model.getFileName()).toString(), "--quiet", "--plugins-dir",
                plugins.toString()));
        args.addAll(List.of(extra));
        return TestEnv.coact(args.toArray(String[]::new));
    }

    private static void assertPluginError(TestEnv.Run run, int exitCode, String... mustContain) {
        assertEquals(exitCode, run.exitCode(), run.err());
        assertEquals(1, run.errLines().size(), "exactly one line on stderr: " + run.err());
        String line = run.errLines().get(0);
        assertTrue(line.startsWith("coact: error: "), line);
        assertFalse(line.contains("internal error") || line.contains("this is a bug;"), line);
        for (String s : mustContain) {
            assertTrue(line.contains(s), "'" + line + "' should contain '" + s + "'");
        }
    }

    /** What the line says was thrown. */
    private static String shown(String throwable) {
        return switch (throwable) {
            case "RuntimeException" -> "IllegalStateException: boom in ";
            case "ExceptionInInitializerError" -> "ExceptionInInitializerError from NumberFormatException";
            case "LinkageError" -> "NoClassDefFoundError: com/example/boom/Gone";
            default -> throwable;
        };
    }

    static Stream<String[]> formatFailures() {
        return STAGES.stream().flatMap(stage -> THROWABLES.stream().map(t -> new String[] {stage, t}));
    }

    @ParameterizedTest(name = "{0} throws {1}")
    @MethodSource("formatFailures")
    void aFormatThatThrowsIsAModelErrorNamingThePlugin(String stage, String throwable) throws IOException {
        Path model = model(stage + ":" + throwable);
        assertPluginError(analyze(model), ExitCodes.MODEL, "model format 'boom' of plugin boom 1.2.3 failed in " + stage,
                shown(throwable), "report it to its provider");
    }

    @ParameterizedTest(name = "detect throws {0}")
    @MethodSource("throwables")
    void anAlgorithmThatThrowsIsAConfigurationErrorNamingThePlugin(String throwable) throws IOException {
        TestEnv.Run run = analyze(model("ok"), "--algorithm", "boom", "--set", "community.options.fail=" + throwable);
        assertPluginError(run, ExitCodes.USAGE, "community algorithm 'boom' of plugin boom 1.2.3 failed in detect",
                shown(throwable));
    }

    static List<String> throwables() {
        return THROWABLES;
    }

    @Test
    void theSamePluginWorksWhenNothingThrows() throws IOException {
        TestEnv.Run run = analyze(model("ok"), "--algorithm", "boom");
        assertEquals(0, run.exitCode(), run.err());
        TestEnv.Run layers = TestEnv.coact("layers", "--model", model("ok").toString(), "--plugins-dir",
                plugins.toString());
        assertEquals(0, layers.exitCode(), layers.err());
        assertTrue(layers.out().contains("format boom, plugin boom 1.2.3"), layers.out());
    }

    @Test
    void layersReportsAFailingFormatToo() throws IOException {
        TestEnv.Run run = TestEnv.coact("layers", "--model", model("describe:StackOverflowError").toString(),
                "--plugins-dir", plugins.toString());
        assertPluginError(run, ExitCodes.MODEL, "model format 'boom' of plugin boom 1.2.3 failed in describe",
                "StackOverflowError");
    }
}
