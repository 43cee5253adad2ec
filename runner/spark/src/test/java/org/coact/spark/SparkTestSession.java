package org.coact.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
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
import org.coact.analysis.Analysis;
import org.coact.api.ConfigException;
import org.coact.api.format.OpenOptions;
import org.coact.runner.cli.Main;
import org.coact.runner.config.ConfigLoader;
import org.coact.runner.output.OutputDirectory;
import org.coact.runner.output.Outputs;
import org.coact.runner.pipeline.AnalysisPipeline;
import org.coact.runner.pipeline.AnalyzeRequest;
import org.coact.runner.pipeline.ProgressListener;
import org.coact.runner.plugin.PluginHost;

/**
 * The one Spark session of the test JVM (it takes 10-60 s to start on a loaded machine):
 * {@code local[2,2]}, two worker threads and each task tried at most twice, the driver bound to
 * 127.0.0.1, no UI, two shuffle partitions, and the test file system {@link CountingFileSystem}
 * registered as Hadoop's {@code coacttest:} scheme. Plus the tests' paths and comparisons.
 */
final class SparkTestSession {

    private static SparkSession session;
    private static PluginHost host;

    private SparkTestSession() {
    }

    static synchronized SparkSession get() {
        if (session == null) {
            session = SparkSession.builder().master("local[2,2]").appName("coact-spark-tests")
                    .config("spark.driver.host", "127.0.0.1")
                    .config("spark.driver.bindAddress", "127.0.0.1")
                    .config("spark.ui.enabled", "false")
                    .config("spark.sql.shuffle.partitions", "2")
                    .config("spark.hadoop.fs." + CountingFileSystem.SCHEME + ".impl", CountingFileSystem.class.getName())
                    .getOrCreate();
        }
        return session;
    }

    /** @return the test JVM's plugin host, on the packaged plugins */
    static synchronized PluginHost host() throws ConfigException {
        if (host == null) {
            host = PluginHost.start(plugins());
        }
        return host;
    }

    /**
     * @param model a bundled model
     * @param threshold the threshold setting
     * @return the request to analyse it on the bundled test digits in batches of 50, one shard
     */
    static AnalyzeRequest request(String model, String threshold) throws Exception {
        return request(model(model), model("mnist/test.npz"), null, threshold);
    }

    /**
     * @param model a model file or directory
     * @param data the data file
     * @param labels its labels file, or null
     * @param threshold the threshold setting
     * @return the request, in batches of 50, one shard
     */
    static AnalyzeRequest request(Path model, Path data, Path labels, String threshold) throws Exception {
        return new AnalyzeRequest(model, null, OpenOptions.NONE, data, labels, new ConfigLoader().load(null,
                Map.of("threshold", threshold, "batch_size", 50)).analysis());
    }

    /**
     * @param request what to analyse
     * @param dir where to write
     * @return the local run's files: the runner's pipeline and writers in this JVM, no Spark
     */
    static Map<String, String> local(AnalyzeRequest request, Path dir) throws Exception {
        Analysis a = AnalysisPipeline.of(host()).analyze(request, ProgressListener.NONE);
        try (OutputDirectory out = OutputDirectory.open(dir)) {
            Outputs.analysis(out, a);
        }
        return outputs(dir);
    }

    /**
     * Asserts that the files of a run are those expected byte for byte (timings cut, as
     * {@link #outputs} does), once each name the run's report gives its inputs is put back as
     * the expected run named them.
     *
     * @param expected the expected run's files
     * @param got the run's files
     * @param names a name in the run's files to the expected run's name for the same input
     */
    static void assertSameFiles(Map<String, String> expected, Map<String, String> got, Map<String, String> names) {
        assertEquals(expected.keySet(), got.keySet());
        for (Map.Entry<String, String> file : got.entrySet()) {
            String text = file.getValue();
            for (Map.Entry<String, String> n : names.entrySet()) {
                text = text.replace(n.getKey(), n.getValue());
            }
            assertEquals(expected.get(file.getKey()), text, file.getKey() + " differs from the local run's");
        }
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
