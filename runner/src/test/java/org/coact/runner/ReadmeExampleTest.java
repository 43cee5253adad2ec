package org.coact.runner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.coact.runner.testing.TestEnv;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's Java API example, as printed there: compiled against the runner's class path
 * and run in a JVM of its own from the repository root (where its relative paths point), with
 * the packaged plugins as {@code COACT_PLUGINS_DIR}. It must print the analysis and write every
 * output file.
 */
class ReadmeExampleTest {

    private static final String MARKER = "<!-- java-api-example";

    @TempDir
    Path tmp;

    @Test
    void theJavaApiExampleCompilesAndRuns() throws Exception {
        Path root = TestEnv.testmodels().toAbsolutePath().normalize().getParent();
        String readme = Files.readString(root.resolve("README.md"));
        int at = readme.indexOf(MARKER);
        assertTrue(at >= 0, "README.md has no " + MARKER + " block");
        int start = readme.indexOf("```java\n", at) + "```java\n".length();
        String source = readme.substring(start, readme.indexOf("```", start));
        Path src = Files.createDirectories(tmp.resolve("src"));
        Files.writeString(src.resolve("CoactExample.java"), source);
        Path classes = Files.createDirectories(tmp.resolve("classes"));
        String classpath = System.getProperty("java.class.path");
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        int rc = javac.run(null, null, null, "-d", classes.toString(), "-cp", classpath,
                src.resolve("CoactExample.java").toString());
        assertEquals(0, rc, "the README example compiles");

        Path out = root.resolve("out/java-api");
        ProcessBuilder pb = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", classes + File.pathSeparator + classpath, "CoactExample")
                .directory(root.toFile()).redirectErrorStream(true);
        pb.environment().put("COACT_PLUGINS_DIR", TestEnv.plugins().toAbsolutePath().toString());
        Process p = pb.start();
        String output = new String(p.getInputStream().readAllBytes());
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "the example finishes");
        assertEquals(0, p.exitValue(), output);
        assertTrue(output.matches("(?s).*accuracy 0\\.9400, 192 neurons, \\d+ communities, modularity \\d\\.\\d{4}\\n.*"),
                output);
        for (String file : List.of("report.html", "report.json", "neurons.csv", "layers.csv", "graph.graphml",
                "graph.gexf")) {
            assertTrue(output.contains("wrote " + out.resolve(file)), file + " in " + output);
            assertTrue(Files.size(out.resolve(file)) > 0, file);
        }
    }
}
