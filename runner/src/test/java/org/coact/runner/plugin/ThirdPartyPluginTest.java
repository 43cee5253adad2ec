package org.coact.runner.plugin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.coact.api.community.CommunityAlgorithm;
import org.coact.runner.testing.TestEnv;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A third party writes a community-algorithm plugin against coact-api alone (pf4j arrives
 * through it): the source below is compiled with only the api on the class path, laid out as
 * a PF4J directory plugin, dropped into a plugins directory, and selected with --algorithm.
 */
class ThirdPartyPluginTest {

    private static final String ALGORITHM = """
            package com.example.coact;

            import java.util.Map;
            import java.util.Set;
            import org.coact.api.community.AlgorithmCapability;
            import org.coact.api.community.AlgorithmParameters;
            import org.coact.api.community.CommunityAlgorithm;
            import org.coact.api.community.Partition;
            import org.coact.api.community.WeightedGraph;
            import org.pf4j.Extension;

            /** Communities = connected components (union-find). */
            @Extension
            public class Components implements CommunityAlgorithm {
                public String id() { return "components"; }
                public String description() { return "connected components (example plugin)"; }
                public Set<AlgorithmCapability> capabilities() { return Set.of(); }
                public Set<String> optionKeys() { return Set.of(); }
                public Partition detect(WeightedGraph g, AlgorithmParameters p) {
                    int[] parent = new int[g.nodeCount()];
                    for (int i = 0; i < parent.length; i++) { parent[i] = i; }
                    for (int e = 0; e < g.edgeCount(); e++) {
                        parent[find(parent, g.source(e))] = find(parent, g.target(e));
                    }
                    int[] membership = new int[parent.length];
                    for (int i = 0; i < parent.length; i++) { membership[i] = find(parent, i); }
                    return new Partition(membership);
                }
                private static int find(int[] parent, int i) {
                    while (parent[i] != i) { parent[i] = parent[parent[i]]; i = parent[i]; }
                    return i;
                }
            }
            """;

    private static final String PLUGIN = """
            package com.example.coact;

            public class ComponentsPlugin extends org.pf4j.Plugin {
            }
            """;

    @Test
    void aPluginCompiledAgainstTheApiAloneAddsAnAlgorithm(@TempDir Path tmp) throws Exception {
        Path src = tmp.resolve("src/com/example/coact");
        Files.createDirectories(src);
        Files.writeString(src.resolve("Components.java"), ALGORITHM);
        Files.writeString(src.resolve("ComponentsPlugin.java"), PLUGIN);
        Path plugins = tmp.resolve("plugins");
        Path classes = plugins.resolve("example-components/classes");
        Files.createDirectories(classes);

        String apiOnly = location(CommunityAlgorithm.class) + File.pathSeparator + location(org.pf4j.Extension.class);
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        int rc = javac.run(null, null, null, "--release", "17", "-cp", apiOnly, "-d", classes.toString(),
                src.resolve("Components.java").toString(), src.resolve("ComponentsPlugin.java").toString());
        assertEquals(0, rc, "the example plugin compiles against coact-api (+ its pf4j)");
        assertTrue(Files.readString(classes.resolve("META-INF/extensions.idx")).contains("com.example.coact.Components"),
                "pf4j's annotation processor indexed the extension");
        Files.writeString(plugins.resolve("example-components/plugin.properties"), """
                plugin.id=example-components
                plugin.class=com.example.coact.ComponentsPlugin
                plugin.version=1.2.3
                plugin.provider=Example
                plugin.description=Connected components
                """);
        try (Stream<Path> zips = Files.list(TestEnv.plugins())) {
            for (Path zip : zips.filter(p -> p.getFileName().toString().startsWith("coact-plugin-onnx")).toList()) {
                Files.copy(zip, plugins.resolve(zip.getFileName()));
            }
        }

        TestEnv.Run list = TestEnv.coact("plugins", "--plugins-dir", plugins.toString());
        assertEquals(0, list.exitCode(), list.err());
        assertTrue(list.out().matches("(?s).*\\n  components +example-components 1\\.2\\.3 .*"), list.out());

        Path out = tmp.resolve("out");
        TestEnv.Run run = TestEnv.coact("analyze", "--model", TestEnv.model("onnx/mlp/mlp-epoch10.onnx").toString(),
                "--data", TestEnv.model("mnist/test.npz").toString(), "--algorithm", "components", "--out",
                out.toString(), "--quiet", "--plugins-dir", plugins.toString());
        assertEquals(0, run.exitCode(), run.err());
        JsonNode report = new ObjectMapper().readTree(out.resolve("report.json").toFile());
        assertEquals("components", report.at("/communities/algorithm").asText());
        assertEquals("example-components", report.at("/communities/plugin/id").asText());
        assertEquals("1.2.3", report.at("/communities/plugin/version").asText());
        // 10 dead neurons are isolated; every other neuron is in the one component of the bipartite graph
        assertEquals(11, report.at("/communities/count").asInt());
        assertEquals(List.of(182), List.of(report.at("/communities/sizes/0").asInt()));
    }

    private static String location(Class<?> type) throws Exception {
        return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
    }
}
