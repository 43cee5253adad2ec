package org.coact.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.spark.TaskContext;
import org.apache.spark.api.java.JavaSparkContext;
import org.coact.analysis.Analysis;
import org.coact.api.DataException;
import org.coact.runner.output.OutputDirectory;
import org.coact.runner.output.Outputs;
import org.coact.runner.pipeline.AnalysisPipeline;
import org.coact.runner.pipeline.AnalyzeRequest;
import org.coact.runner.pipeline.ProgressListener;
import org.coact.runner.plugin.PluginHost;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A distributed run (Spark {@code local[2,2]}, the dataset split into several shards grouped into
 * fewer tasks) writes the files of a local run byte for byte, timings aside: for ONNX and
 * TensorFlow, a fixed threshold and quantile thresholds (whose passes are Spark jobs of their
 * own); a task whose first attempt fails is retried and changes nothing; a failure on the user's
 * input is the local run's one-line error with its exit code. One Spark session for all.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SparkRunnerTest {

    private PluginHost host;
    private JavaSparkContext spark;

    @BeforeAll
    void start() throws Exception {
        host = SparkTestSession.host();
        spark = JavaSparkContext.fromSparkContext(SparkTestSession.get().sparkContext());
    }

    private static AnalyzeRequest request(String model, String threshold) throws Exception {
        return SparkTestSession.request(model, threshold);
    }

    private static Map<String, String> local(AnalyzeRequest request, Path dir) throws Exception {
        return SparkTestSession.local(request, dir);
    }

    @ParameterizedTest(name = "{0}, threshold {1}, {2} shards in {3} tasks")
    @CsvSource({"onnx/mlp/mlp-epoch10.onnx, 0.0, 7, 3", "onnx/mlp/mlp-epoch10.onnx, quantile 0.5, 5, 2",
        "tensorflow/graph/mlp-epoch03, 0.0, 4, 0", "tensorflow/graph/mlp-epoch03, quantile 0.9, 7, 3"})
    void theSparkJobWritesTheLocalRunsFiles(String model, String threshold, int shards, int partitions,
            @TempDir Path tmp) throws Exception {
        Map<String, String> expected = local(request(model, threshold), tmp.resolve("local"));
        Path out = tmp.resolve("spark");
        SparkTestSession.Run run = SparkTestSession.coactSpark("analyze", "--model",
                SparkTestSession.model(model).toString(), "--data", SparkTestSession.model("mnist/test.npz").toString(),
                "--threshold", threshold, "--batch-size", "50", "--shards", Integer.toString(shards), "--partitions",
                Integer.toString(partitions), "--plugins-dir", SparkTestSession.plugins().toString(), "--out",
                out.toString());
        assertEquals(0, run.exitCode(), run.err());
        SparkTestSession.assertSameFiles(expected, SparkTestSession.outputs(out), Map.of());
        // one line per Spark job: the quantile passes, then counting, each over the shards asked for
        List<String> passes = run.errLines().stream().filter(l -> l.startsWith("coact: ")).toList();
        String tasks = partitions == 0 ? shards + " tasks" : partitions + " tasks";
        assertTrue(passes.get(passes.size() - 1).startsWith("coact: counting: " + shards + " shards in " + tasks),
                run.err());
        if (threshold.startsWith("quantile")) {
            assertTrue(passes.size() >= 3 && passes.get(0).startsWith("coact: quantile pass 1: "), run.err());
        } else {
            assertEquals(1, passes.size(), run.err());
        }
        assertTrue(run.out().contains("Communities") && run.out().contains("report.json"), run.out());
    }

    @Test
    void evolveOnSparkWritesTheLocalSeriesFiles(@TempDir Path tmp) throws Exception {
        String models = String.join(",", SparkTestSession.model("onnx/mlp/mlp-epoch00.onnx").toString(),
                SparkTestSession.model("onnx/mlp/mlp-epoch05.onnx").toString(),
                SparkTestSession.model("onnx/mlp/mlp-epoch10.onnx").toString());
        String data = SparkTestSession.model("mnist/test.npz").toString();
        String plugins = SparkTestSession.plugins().toString();
        Path local = tmp.resolve("local");
        java.io.StringWriter err = new java.io.StringWriter();
        int code = org.coact.runner.cli.Main.run(new String[] {"evolve", "--models", models, "--data", data,
            "--threshold", "quantile 0.5", "--plugins-dir", plugins, "--out", local.toString(), "--quiet"},
                new java.io.PrintWriter(new java.io.StringWriter()), new java.io.PrintWriter(err, true));
        assertEquals(0, code, err.toString());
        Path out = tmp.resolve("spark");
        SparkTestSession.Run run = SparkTestSession.coactSpark("evolve", "--models", models, "--data", data,
                "--threshold", "quantile 0.5", "--shards", "4", "--partitions", "2", "--plugins-dir", plugins, "--out",
                out.toString());
        assertEquals(0, run.exitCode(), run.err());
        assertEquals(SparkTestSession.outputs(local), SparkTestSession.outputs(out));
        assertTrue(SparkTestSession.outputs(out).containsKey("evolution.json"));
        long countingJobs = run.errLines().stream().filter(l -> l.startsWith("coact: counting: 4 shards in 2 tasks"))
                .count();
        assertEquals(3, countingJobs, "one counting job per checkpoint: " + run.err());
        assertTrue(run.out().contains("Correlation with accuracy"), run.out());
    }

    /** Fails the first attempt of one task per pass, and records which attempts ran. */
    private static final List<String> ATTEMPTS = new CopyOnWriteArrayList<>();

    @Test
    void aTaskWhoseFirstAttemptFailsIsRetriedAndTheReportIsTheSame(@TempDir Path tmp) throws Exception {
        AnalyzeRequest request = request("onnx/mlp/mlp-epoch10.onnx", "quantile 0.9").withShards(6);
        Map<String, String> expected = local(request, tmp.resolve("local"));
        ATTEMPTS.clear();
        TaskHook failOnce = (stage, partition) -> {
            int attempt = TaskContext.get().attemptNumber();
            ATTEMPTS.add(stage + "/" + partition + "/" + attempt);
            if (partition == 1 && attempt == 0 && (stage.equals("counting") || stage.equals("quantile pass 2"))) {
                throw new IllegalStateException("injected failure of the first attempt of " + stage);
            }
        };
        List<String> log = new ArrayList<>();
        SparkShardRunner runner = new SparkShardRunner(spark, host, new SparkShardRunner.Layout("coact", 3, 2),
                failOnce, log::add);
        Analysis a = AnalysisPipeline.of(host).withShardRunner(runner).analyze(request, ProgressListener.NONE);
        Path out = tmp.resolve("spark");
        try (OutputDirectory dir = OutputDirectory.open(out)) {
            Outputs.analysis(dir, a);
        }
        assertEquals(expected, SparkTestSession.outputs(out));
        assertTrue(ATTEMPTS.contains("counting/1/0") && ATTEMPTS.contains("counting/1/1"), ATTEMPTS.toString());
        assertTrue(ATTEMPTS.contains("quantile pass 2/1/0") && ATTEMPTS.contains("quantile pass 2/1/1"),
                ATTEMPTS.toString());
        assertFalse(ATTEMPTS.contains("counting/0/1"), "only the failed task is retried: " + ATTEMPTS);
        assertTrue(log.get(log.size() - 1).startsWith("counting: 6 shards in 3 tasks"), log.toString());
    }

    @Test
    void aTaskFailingOnTheInputIsTheLocalRunsError() throws Exception {
        AnalyzeRequest request = request("onnx/mlp/mlp-epoch10.onnx", "0.0").withShards(4);
        TaskHook bad = (stage, partition) -> {
            if (partition == 1) {
                throw new DataException("labels in test.npz: value 11 at index 600 is outside 0..9");
            }
        };
        SparkShardRunner runner = new SparkShardRunner(spark, host, new SparkShardRunner.Layout("coact", 2, 3), bad,
                line -> {
                });
        DataException e = assertThrows(DataException.class, () -> AnalysisPipeline.of(host).withShardRunner(runner)
                .analyze(request, ProgressListener.NONE));
        assertEquals("labels in test.npz: value 11 at index 600 is outside 0..9", e.getMessage());
    }

    @Test
    void userErrorsAreOneLineWithTheRunnersExitCodes(@TempDir Path tmp) {
        String model = SparkTestSession.model("onnx/mlp/mlp-epoch10.onnx").toString();
        String plugins = SparkTestSession.plugins().toString();
        Path missing = tmp.resolve("missing.npz");
        SparkTestSession.Run noData = SparkTestSession.coactSpark("analyze", "--model", model, "--data",
                missing.toString(), "--plugins-dir", plugins, "--out", tmp.resolve("a").toString());
        assertEquals(4, noData.exitCode(), noData.err());
        assertEquals(List.of("coact: error: data file not found: " + missing), noData.errLines());
        SparkTestSession.Run badKey = SparkTestSession.coactSpark("analyze", "--model", model, "--data",
                missing.toString(), "--set", "graph.wieght=count", "--plugins-dir", plugins, "--out",
                tmp.resolve("b").toString());
        assertEquals(2, badKey.exitCode(), badKey.err());
        assertEquals(1, badKey.errLines().size(), badKey.err());
        assertTrue(badKey.errLines().get(0).startsWith("coact: error: ") && badKey.err().contains("graph.wieght"),
                badKey.err());
        SparkTestSession.Run badShards = SparkTestSession.coactSpark("analyze", "--model", model, "--data",
                SparkTestSession.model("mnist/test.npz").toString(), "--shards", "-2", "--plugins-dir", plugins,
                "--out", tmp.resolve("c").toString());
        assertEquals(2, badShards.exitCode(), badShards.err());
        assertEquals(List.of("coact: error: --shards and --partitions must be positive, got -2 and 0"),
                badShards.errLines());
        assertFalse(Files.exists(tmp.resolve("c").resolve("report.json")));
    }

    @Test
    void theRunnersOwnClassPathWritesTheSameFilesAsTheSparkJob(@TempDir Path tmp) throws Exception {
        // the runner's distribution (jackson 2.21, slf4j-simple) in its own JVM, against the job on Spark's jackson 2.18
        Path dist = Path.of(System.getProperty("coact.runner.dist", "../target/coact/coact-dist"));
        assertTrue(Files.isDirectory(dist.resolve("lib")), "the runner's distribution is built before this module: "
                + dist);
        Path onlyOnnx = Files.createDirectories(tmp.resolve("plugins"));
        try (var zips = Files.list(SparkTestSession.plugins())) {
            for (Path zip : zips.filter(p -> p.getFileName().toString().startsWith("coact-plugin-onnx")
                    && p.getFileName().toString().endsWith(".zip")).toList()) {
                Files.copy(zip, onlyOnnx.resolve(zip.getFileName()));
            }
        }
        String model = SparkTestSession.model("onnx/mlp/mlp-epoch10.onnx").toString();
        String data = SparkTestSession.model("mnist/test.npz").toString();
        Path cli = tmp.resolve("cli");
        Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
                dist.resolve("lib").toAbsolutePath() + "/*", "org.coact.runner.cli.Main", "analyze", "--model", model,
                "--data", data, "--threshold", "quantile 0.5", "--plugins-dir", onlyOnnx.toString(), "--out",
                cli.toString(), "--quiet").redirectErrorStream(true).redirectOutput(tmp.resolve("cli.log").toFile())
                .start();
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "coact analyze finished");
        assertEquals(0, p.exitValue(), Files.readString(tmp.resolve("cli.log")));
        Path out = tmp.resolve("spark");
        SparkTestSession.Run run = SparkTestSession.coactSpark("analyze", "--model", model, "--data", data,
                "--threshold", "quantile 0.5", "--shards", "3", "--plugins-dir", SparkTestSession.plugins().toString(),
                "--out", out.toString(), "--quiet");
        assertEquals(0, run.exitCode(), run.err());
        assertEquals(SparkTestSession.outputs(cli), SparkTestSession.outputs(out));
    }
}
