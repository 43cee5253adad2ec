package org.coact.runner.plugin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.coact.runner.testing.TestEnv;
import org.coact.runner.testing.TestPlugins;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Plugins from strangers, loaded through the real plugin manager: each bad plugin sits beside
 * the example dense-npz plugin, and {@code coact plugins} must exit 0, print exactly one
 * {@code coact: warning: plugin <file> skipped: <why>} line and still list dense-npz. The
 * test plugins are compiled from the sources below against coact-api alone; each zip gets the
 * classes and the extension index its case needs.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HostilePluginsTest {

    private static final String PKG = "com.example.hostile";

    private static final String BASE = """
            package com.example.hostile;

            import java.util.Set;
            import org.coact.api.community.AlgorithmCapability;
            import org.coact.api.community.AlgorithmParameters;
            import org.coact.api.community.CommunityAlgorithm;
            import org.coact.api.community.Partition;
            import org.coact.api.community.WeightedGraph;

            /** Singletons; subclasses choose the id and how construction goes. */
            public abstract class Base implements CommunityAlgorithm {
                public String id() { return getClass().getSimpleName().toLowerCase(); }
                public String description() { return "test"; }
                public Set<AlgorithmCapability> capabilities() { return Set.of(); }
                public Set<String> optionKeys() { return Set.of(); }
                public Partition detect(WeightedGraph g, AlgorithmParameters p) {
                    int[] m = new int[g.nodeCount()];
                    for (int i = 0; i < m.length; i++) { m[i] = i; }
                    return new Partition(m);
                }
                static int deep(int n) { return deep(n + 1) + 1; }
            }
            """;

    private static final Map<String, String> EXTENSIONS = Map.ofEntries(
            Map.entry("Leftover", "public String id() { return \"leftover\"; }"),
            Map.entry("Staged", "public String id() { return \"staged\"; }"),
            Map.entry("NullId", "public String id() { return null; }"),
            Map.entry("Louvain", "public String id() { return \"louvain\"; }"),
            Map.entry("CtorRuntime", "public CtorRuntime() { throw new IllegalStateException(\"constructor boom\"); }"),
            Map.entry("CtorStack", "public CtorStack() { deep(0); }"),
            Map.entry("CtorMemory", "public CtorMemory() { long[] a = new long[Integer.MAX_VALUE]; a[0] = 1; }"),
            Map.entry("StaticInit", "static final int X = Integer.parseInt(\"not a number\");"),
            Map.entry("CtorLinkage", "public CtorLinkage() { Gone.touch(); }"));

    @TempDir
    Path tmp;

    private Path classes;

    @BeforeAll
    void compile(@TempDir Path work) throws IOException {
        Map<String, String> sources = new LinkedHashMap<>();
        sources.put(PKG + ".Base", BASE);
        sources.put(PKG + ".Gone", "package com.example.hostile; public class Gone { public static void touch() { } }");
        sources.put(PKG + ".StartBoom", """
                package com.example.hostile;
                public class StartBoom extends org.pf4j.Plugin {
                    @Override public void start() { Base.deep(0); }
                }
                """);
        EXTENSIONS.forEach((name, body) -> sources.put(PKG + "." + name, "package com.example.hostile;\n"
                + "@org.pf4j.Extension public class " + name + " extends Base { " + body + " }\n"));
        classes = TestPlugins.compile(work, sources);
    }

    /** A plugin zip holding Base, the named classes and an extension index listing {@code indexed}. */
    private Path plugin(Path zip, String properties, List<String> classNames, List<String> indexed) throws IOException {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        if (properties != null) {
            entries.put("plugin.properties", properties.getBytes(StandardCharsets.ISO_8859_1));
        }
        for (String c : Stream.concat(Stream.of("Base"), classNames.stream()).toList()) {
            String path = PKG.replace('.', '/') + "/" + c + ".class";
            entries.put("classes/" + path, Files.readAllBytes(classes.resolve(path)));
        }
        entries.put("classes/META-INF/extensions.idx", String.join("\n", indexed.stream().map(c -> PKG + "." + c)
                .toList()).getBytes(StandardCharsets.UTF_8));
        return TestPlugins.zip(zip, entries);
    }

    private Path extensionPlugin(Path dir, String id, String extension, String... extraClasses) throws IOException {
        List<String> names = Stream.concat(Stream.of(extension), Stream.of(extraClasses)).toList();
        return plugin(dir.resolve(id + "-1.0.0.zip"), TestPlugins.properties(id, "1.0.0"), names, List.of(extension));
    }

    private Path dir(String name) throws IOException {
        Path dir = tmp.resolve(name).resolve("plugins");
        TestPlugins.denseNpz(dir);
        return dir;
    }

    /** {@code coact plugins}: exit 0, one warning naming the culprit, dense-npz still listed. */
    private TestEnv.Run assertSkipped(Path dir, Path culprit, String... why) {
        TestEnv.Run run = TestEnv.coact("plugins", "--plugins-dir", dir.toString());
        assertEquals(0, run.exitCode(), run.err());
        assertEquals(1, run.errLines().size(), "exactly one line on stderr: " + run.err());
        String line = run.errLines().get(0);
        assertTrue(line.startsWith("coact: warning: plugin " + culprit + " "), line);
        assertTrue(line.contains(" skipped: "), line);
        for (String w : why) {
            assertTrue(line.contains(w), "'" + line + "' should contain '" + w + "'");
        }
        assertTrue(run.out().matches("(?s).*\\n  dense-npz +1\\.0\\.0 .*"), "the other plugin still loads: " + run.out());
        return run;
    }

    @Test
    void aFileThatIsNoZipIsSkipped() throws IOException {
        Path dir = dir("broken");
        byte[] noise = new byte[2048];
        new Random(7).nextBytes(noise);
        Path zip = Files.write(dir.resolve("broken-1.0.zip"), noise);
        assertSkipped(dir, zip, "not a readable zip archive");
    }

    @Test
    void aTruncatedZipIsSkipped() throws IOException {
        Path dir = dir("truncated");
        Path whole = extensionPlugin(tmp, "truncated", "Leftover");
        byte[] bytes = Files.readAllBytes(whole);
        Path zip = Files.write(dir.resolve("truncated-1.0.0.zip"), java.util.Arrays.copyOf(bytes, bytes.length / 2));
        assertSkipped(dir, zip, "not a readable zip archive");
    }

    @Test
    void aZipWithoutPluginPropertiesIsSkipped() throws IOException {
        Path dir = dir("no-descriptor");
        Path zip = plugin(dir.resolve("anonymous.zip"), null, List.of("Leftover"), List.of("Leftover"));
        assertSkipped(dir, zip, "no readable plugin descriptor");
    }

    @Test
    void garbagePropertiesAreSkipped() throws IOException {
        Path dir = dir("garbage");
        byte[] noise = new byte[512];
        new Random(3).nextBytes(noise);
        Path zip = plugin(dir.resolve("garbage.zip"), new String(noise, StandardCharsets.ISO_8859_1), List.of("Leftover"),
                List.of("Leftover"));
        assertSkipped(dir, zip, "no plugin.id");
    }

    @Test
    void anEmptyPluginIdOrVersionIsSkipped() throws IOException {
        Path dir = dir("empty-id");
        Path zip = plugin(dir.resolve("empty-id.zip"), "plugin.id=\nplugin.version=1.0.0\n", List.of("Leftover"),
                List.of("Leftover"));
        assertSkipped(dir, zip, "no plugin.id");
        Path noVersion = dir("no-version");
        Path zip2 = plugin(noVersion.resolve("no-version.zip"), "plugin.id=nv\n", List.of("Leftover"), List.of("Leftover"));
        assertSkipped(noVersion, zip2, "no plugin.version");
    }

    @Test
    void aMissingExtensionClassIsSkipped() throws IOException {
        Path dir = dir("missing-class");
        Path zip = plugin(dir.resolve("missing-1.0.0.zip"), TestPlugins.properties("missing", "1.0.0"), List.of("Leftover"),
                List.of("Leftover", "NotThere"));
        assertSkipped(dir, zip, "extension class " + PKG + ".NotThere", "cannot be loaded");
    }

    @Test
    void aDuplicatePluginIdIsSkippedAndTheFirstKept() throws IOException {
        Path dir = dir("duplicate");
        Path zip = plugin(dir.resolve("zz-twin.zip"), TestPlugins.properties("dense-npz", "9.9.9"), List.of("Leftover"),
                List.of("Leftover"));
        TestEnv.Run run = assertSkipped(dir, zip, "plugin id 'dense-npz' is already taken by ",
                "coact-dense-npz-1.0.0-plugin.zip");
        assertFalse(run.out().contains("9.9.9"), run.out());
    }

    @Test
    void anExtensionWithANullOrTakenIdIsSkipped() throws IOException {
        Path dir = dir("null-id");
        Path zip = extensionPlugin(dir, "nullid", "NullId");
        assertSkipped(dir, zip, "has a null id");
        Path taken = dir("taken-id");
        Path zip2 = extensionPlugin(taken, "impostor", "Louvain");
        TestEnv.Run run = assertSkipped(taken, zip2, "community algorithm id 'louvain' is already provided by Coact itself");
        assertTrue(run.out().matches("(?s).*\\n  louvain +builtin .*"), run.out());
    }

    @Test
    void aPluginRequiringANewerCoactIsSkipped() throws IOException {
        Path dir = dir("requires");
        Path zip = plugin(dir.resolve("future-1.0.0.zip"), TestPlugins.properties("future", "1.0.0",
                "plugin.requires=>=99.0.0"), List.of("Leftover"), List.of("Leftover"));
        TestEnv.Run run = assertSkipped(dir, zip, "requires Coact >=99.0.0", "this is Coact " + CoactVersion.get());
        assertFalse(run.out().contains("leftover"), run.out());
        Path garbled = dir("requires-garbage");
        Path zip2 = plugin(garbled.resolve("garbled-1.0.0.zip"), TestPlugins.properties("garbled", "1.0.0",
                "plugin.requires=banana!!"), List.of("Leftover"), List.of("Leftover"));
        assertSkipped(garbled, zip2, "plugin.requires 'banana!!' is not a version constraint");
    }

    @Test
    void aPluginRequiringThisCoactLoads() throws IOException {
        Path dir = dir("requires-ok");
        plugin(dir.resolve("present-1.0.0.zip"), TestPlugins.properties("present", "1.0.0",
                "plugin.requires=>=" + CoactVersion.release()), List.of("Leftover"), List.of("Leftover"));
        TestEnv.Run run = TestEnv.coact("plugins", "--plugins-dir", dir.toString());
        assertEquals(0, run.exitCode(), run.err());
        assertEquals(List.of(), run.errLines());
        assertTrue(run.out().matches("(?s).*\\n  leftover +present 1\\.0\\.0 .*"), run.out());
    }

    @Test
    void extensionsWhoseConstructionThrowsAreSkippedNamingThePluginAndTheError() throws IOException {
        Map<String, String> expected = Map.of("CtorRuntime", "IllegalStateException: constructor boom",
                "CtorStack", "StackOverflowError", "CtorMemory", "OutOfMemoryError",
                "StaticInit", "ExceptionInInitializerError from NumberFormatException: For input string", "CtorLinkage",
                "NoClassDefFoundError");
        for (Map.Entry<String, String> e : expected.entrySet()) {
            Path dir = dir("ctor-" + e.getKey());
            // CtorLinkage's Gone is left out of the zip: its constructor cannot link
            Path zip = extensionPlugin(dir, e.getKey().toLowerCase(), e.getKey());
            assertSkipped(dir, zip, "(" + e.getKey().toLowerCase() + " 1.0.0) skipped: its extension " + PKG + "."
                    + e.getKey() + " cannot be created: " + e.getValue());
        }
    }

    @Test
    void aMissingOrFailingPluginClassIsSkipped() throws IOException {
        Path dir = dir("plugin-class");
        Path zip = plugin(dir.resolve("noclass-1.0.0.zip"), TestPlugins.properties("noclass", "1.0.0",
                "plugin.class=" + PKG + ".Nope"), List.of("Leftover"), List.of("Leftover"));
        assertSkipped(dir, zip, "did not start", "plugin.class " + PKG + ".Nope cannot be loaded");
        Path starts = dir("plugin-start");
        Path zip2 = plugin(starts.resolve("startboom-1.0.0.zip"), TestPlugins.properties("startboom", "1.0.0",
                "plugin.class=" + PKG + ".StartBoom"), List.of("Leftover", "StartBoom"), List.of("Leftover"));
        assertSkipped(starts, zip2, "did not start", "StackOverflowError");
    }

    /** {@code coact plugins} in a child JVM, where PF4J's own logging (slf4j-simple, to stderr) would show. */
    private static List<String> childStderr(Path dir, boolean debug) throws Exception {
        ProcessBuilder pb = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), "org.coact.runner.cli.Main", "plugins", "--plugins-dir",
                dir.toString());
        pb.environment().remove("COACT_DEBUG");
        if (debug) {
            pb.environment().put("COACT_DEBUG", "1");
        }
        pb.redirectOutput(ProcessBuilder.Redirect.DISCARD);
        Process p = pb.start();
        p.getOutputStream().close();
        String stderr = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(120, java.util.concurrent.TimeUnit.SECONDS));
        assertEquals(0, p.exitValue(), stderr);
        return stderr.lines().filter(l -> !l.isBlank()).toList();
    }

    @Test
    void pf4jsOwnLogLinesAndStackTracesStayOffUnlessCoactDebug() throws Exception {
        Path dir = dir("child-jvm");
        extensionPlugin(dir, "ctorruntime", "CtorRuntime");
        plugin(dir.resolve("noclass-1.0.0.zip"), TestPlugins.properties("noclass", "1.0.0", "plugin.class=" + PKG
                + ".Nope"), List.of("Leftover"), List.of("Leftover"));
        plugin(dir.resolve("anonymous.zip"), null, List.of("Leftover"), List.of("Leftover"));
        List<String> quiet = childStderr(dir, false);
        assertEquals(3, quiet.size(), "one warning per bad plugin and nothing else: " + quiet);
        assertTrue(quiet.stream().allMatch(l -> l.startsWith("coact: warning: plugin ")), quiet.toString());
        List<String> debug = childStderr(dir, true);
        assertTrue(debug.size() > quiet.size() && debug.stream().anyMatch(l -> l.contains("org.pf4j")),
                "COACT_DEBUG=1 lets PF4J's warnings through: " + debug);
    }
}
