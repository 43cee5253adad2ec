package org.coact.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipFile;
import org.apache.hadoop.conf.Configuration;
import org.coact.api.ModelException;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Model and data through Hadoop's FileSystem API: every path of a run names the test file
 * system's scheme ({@code coacttest:}, {@link CountingFileSystem}, which no {@code java.io} call
 * can open), the files are read through it (its opens are counted), and the files written equal
 * the local run's on the same files byte for byte, but for the paths the report names: in
 * {@code report.json} the fields {@code model.path}, {@code dataset.path} (and
 * {@code dataset.labelsPath}) hold the URIs given instead of the local paths, which the HTML report
 * embeds; every hash, count and figure is the same.
 */
class HadoopPathsTest {

    private static final Path ONNX = SparkTestSession.model("onnx/mlp/mlp-epoch10.onnx");
    private static final Path SAVED_MODEL = SparkTestSession.model("tensorflow/graph/mlp-epoch03");
    private static final Path NPZ = SparkTestSession.model("mnist/test.npz");

    @BeforeAll
    static void startSpark() {
        SparkTestSession.get();
    }

    /** Runs coact-spark's command line, which must succeed, and returns the files it wrote. */
    private static Map<String, String> run(Path out, String... args) throws Exception {
        String[] all = new String[args.length + 4];
        System.arraycopy(args, 0, all, 0, args.length);
        all[args.length] = "--plugins-dir";
        all[args.length + 1] = SparkTestSession.plugins().toString();
        all[args.length + 2] = "--out";
        all[args.length + 3] = out.toString();
        SparkTestSession.Run run = SparkTestSession.coactSpark(all);
        assertEquals(0, run.exitCode(), run.err());
        return SparkTestSession.outputs(out);
    }

    @Test
    void anOnnxModelAndAnNpzThroughAHadoopSchemeGiveTheLocalRunsFiles(@TempDir Path tmp) throws Exception {
        Map<String, String> expected = SparkTestSession.local(SparkTestSession.request(
                "onnx/mlp/mlp-epoch10.onnx", "quantile 0.5"), tmp.resolve("local"));
        long modelOpens = CountingFileSystem.opens(ONNX);
        long dataOpens = CountingFileSystem.opens(NPZ);
        Map<String, String> got = run(tmp.resolve("spark"), "analyze", "--model", CountingFileSystem.uri(ONNX),
                "--data", CountingFileSystem.uri(NPZ), "--threshold", "quantile 0.5", "--batch-size", "50", "--shards",
                "5", "--partitions", "2");
        assertTrue(CountingFileSystem.opens(ONNX) > modelOpens, "the model was fetched through Hadoop");
        assertTrue(CountingFileSystem.opens(NPZ) > dataOpens, "the data was read through Hadoop");
        String report = got.get("report.json");
        assertTrue(report.contains("\"path\" : \"" + CountingFileSystem.uri(ONNX) + "\""), report);
        assertTrue(report.contains("\"path\" : \"" + CountingFileSystem.uri(NPZ) + "\""), report);
        SparkTestSession.assertSameFiles(expected, got, Map.of(CountingFileSystem.uri(ONNX), ONNX.toString(),
                CountingFileSystem.uri(NPZ), NPZ.toString()));
    }

    @Test
    void aSavedModelDirectoryAndNpyFilesThroughTheScheme(@TempDir Path tmp) throws Exception {
        // test.npz's members are .npy files: x.npy streamed through Hadoop (a seek to each shard), y.npy the labels
        Path x = tmp.resolve("x.npy");
        Path y = tmp.resolve("y.npy");
        try (ZipFile zip = new ZipFile(NPZ.toFile())) {
            for (Path member : List.of(x, y)) {
                try (InputStream in = zip.getInputStream(zip.getEntry(member.getFileName().toString()))) {
                    Files.copy(in, member);
                }
            }
        }
        Map<String, String> expected = SparkTestSession.local(SparkTestSession.request(SAVED_MODEL, x, y, "0.0"),
                tmp.resolve("local"));
        long modelOpens = CountingFileSystem.opens(SAVED_MODEL);
        long dataOpens = CountingFileSystem.opens(x);
        Map<String, String> got = run(tmp.resolve("spark"), "analyze", "--model", CountingFileSystem.uri(SAVED_MODEL),
                "--data", CountingFileSystem.uri(x), "--labels", CountingFileSystem.uri(y), "--batch-size", "50",
                "--shards", "4", "--partitions", "2");
        assertTrue(CountingFileSystem.opens(SAVED_MODEL) - modelOpens >= 3, "saved_model.pb and the variables");
        assertTrue(CountingFileSystem.opens(x) - dataOpens >= 4, "x.npy opened by each of the 4 shards at least");
        SparkTestSession.assertSameFiles(expected, got, Map.of(CountingFileSystem.uri(SAVED_MODEL),
                SAVED_MODEL.toString(), CountingFileSystem.uri(x), x.toString(), CountingFileSystem.uri(y),
                y.toString()));
    }

    @Test
    void missingFilesThroughTheSchemeAreOneLineErrorsNamingTheUri(@TempDir Path tmp) {
        String plugins = SparkTestSession.plugins().toString();
        String noData = CountingFileSystem.uri(tmp.resolve("missing.npz"));
        SparkTestSession.Run data = SparkTestSession.coactSpark("analyze", "--model", CountingFileSystem.uri(ONNX),
                "--data", noData, "--plugins-dir", plugins, "--out", tmp.resolve("a").toString());
        assertEquals(4, data.exitCode(), data.err());
        assertEquals(List.of("coact: error: data file not found: " + noData), data.errLines());
        String noModel = CountingFileSystem.uri(tmp.resolve("missing.onnx"));
        SparkTestSession.Run model = SparkTestSession.coactSpark("analyze", "--model", noModel, "--data",
                CountingFileSystem.uri(NPZ), "--plugins-dir", plugins, "--out", tmp.resolve("b").toString());
        assertEquals(3, model.exitCode(), model.err());
        assertEquals(List.of("coact: error: model file not found: " + noModel), model.errLines());
        SparkTestSession.Run scheme = SparkTestSession.coactSpark("analyze", "--model", ONNX.toString(), "--data",
                "nosuch://host/test.npz", "--plugins-dir", plugins, "--out", tmp.resolve("c").toString());
        assertEquals(4, scheme.exitCode(), scheme.err());
        assertEquals(1, scheme.errLines().size(), scheme.err());
        assertTrue(scheme.errLines().get(0).startsWith("coact: error: cannot read nosuch://host/test.npz: ")
                && scheme.err().contains("nosuch"), scheme.err());
    }

    @Test
    void anExecutorFetchesAModelOnceAndRefusesOtherBytes(@TempDir Path tmp) throws Exception {
        // no Spark: the copies an executor JVM keeps, by URI and the SHA-256 the driver computed
        Configuration conf = new Configuration();
        conf.set("fs." + CountingFileSystem.SCHEME + ".impl", CountingFileSystem.class.getName());
        HadoopFiles files = HadoopFiles.of(conf);
        Path model = Files.copy(ONNX, tmp.resolve("mlp.onnx"));
        String uri = CountingFileSystem.uri(model);
        String sha = org.coact.runner.data.Hashing.sha256(model);
        Path first = LocalCopies.model(files, uri, sha);
        Path again = LocalCopies.model(files, uri, sha);
        assertEquals(first, again);
        assertEquals(1, CountingFileSystem.opens(model), "fetched once per JVM");
        assertNotEquals(model, first);
        assertEquals(sha, org.coact.runner.data.Hashing.sha256(first));
        String other = "0".repeat(64);
        ModelException e = assertThrows(ModelException.class, () -> LocalCopies.model(files, uri, other));
        assertTrue(e.getMessage().startsWith("model " + uri + " read on executor ")
                && e.getMessage().contains("has SHA-256 " + sha + " but the analysis read " + other), e.getMessage());
    }
}
