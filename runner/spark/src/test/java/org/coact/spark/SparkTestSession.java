package org.coact.spark;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.apache.spark.sql.SparkSession;
import org.coact.runner.cli.Main;

/**
 * The one Spark session of the test JVM (it takes 10-60 s to start on a loaded machine):
 * {@code local[2,2]}, two worker threads and each task tried at most twice, the driver bound to
 * 127.0.0.1, no UI, two shuffle partitions. Plus the tests' paths and comparisons.
 */
final class SparkTestSession {

    private static SparkSession session;

    private SparkTestSession() {
    }

    static synchronized SparkSession get() {
        if (session == null) {
            session = SparkSession.builder().master("local[2,2]").appName("coact-spark-tests")
                    .config("spark.driver.host", "127.0.0.1")
                    .config("spark.driver.bindAddress", "127.0.0.1")
                    .config("spark.ui.enabled", "false")
                    .config("spark.sql.shuffle.partitions", "2")
                    .getOrCreate();
        }
        return session;
    }

    static Path plugins() {
        Path p = Path.of(System.getProperty("coact.test.plugins", "target/test-plugins")).toAbsolutePath();
        assertTrue(Files.isDirectory(p), "packaged plugins missing at " + p + "; run 'mvn verify' from the root");
        return p;
    }

    static Path model(String relative) {
        Path p = Path.of(System.getProperty("coact.testmodels", "../../testmodels")).resolve(relative).toAbsolutePath()
                .normalize();
        assertTrue(Files.exists(p), "test model missing: " + p);
        return p;
    }

    /** What one in-process run of the job's command line gave. */
    record Run(int exitCode, String out, String err) {
        List<String> errLines() {
            return err.lines().filter(l -> !l.isBlank()).toList();
        }
    }

    /** Runs {@code coact-spark ARGS} in this JVM (on the shared session). */
    static Run coactSpark(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.run(new CoactSpark(), args, new PrintWriter(out, true), new PrintWriter(err, true));
        return new Run(code, out.toString(), err.toString());
    }

    /**
     * Every file of an output directory as the report-snapshot script keeps it: the JSON
     * reports without their trailing {@code timings} member, the HTML pages without their
     * embedded timings, every other file as it is.
     */
    static Map<String, String> outputs(Path dir) throws IOException {
        Map<String, String> files = new TreeMap<>();
        List<Path> list;
        try (Stream<Path> s = Files.list(dir)) {
            list = new ArrayList<>(s.filter(Files::isRegularFile).toList());
        }
        for (Path f : list) {
            String name = f.getFileName().toString();
            String text = Files.readString(f, StandardCharsets.UTF_8);
            if (name.endsWith(".json")) {
                int cut = text.lastIndexOf(",\n  \"timings\" :");
                assertTrue(cut > 0, name + " has its timings last");
                text = text.substring(0, cut) + "\n}\n";
            } else if (name.endsWith(".html")) {
                text = text.replaceAll("\"timings\":\\{[^}]*\\}", "");
            }
            files.put(name, text);
        }
        return files;
    }
}
