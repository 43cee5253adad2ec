package org.coact.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.IntFunction;
import java.util.stream.Stream;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.coact.runner.data.Dataset;
import org.coact.runner.data.DatasetOptions;
import org.coact.runner.data.NpyReader;
import org.coact.runner.data.NpzArchive;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Parquet input: the bundled test digits written by Spark as a Parquet dataset (an
 * {@code array<float>} column {@code image} and a {@code long} column {@code label}; 8 part
 * files of 333 or 1 rows, most of several row groups, so neither files nor row groups fall on
 * the batches of 50), analysed on Spark {@code local[2,2]}, writes the files of the local run on
 * the same samples in {@code test.npz} byte for byte, but for the data's own provenance:
 * {@code report.json}'s {@code dataset.path} names the Parquet dataset and its
 * {@code dataset.sha256} is the dataset's (over its part files), not the .npz's; the HTML report
 * embeds the same two values.
 * Bad Parquet input is the one-line data error (exit code 4) naming the column, the row and its file
 * (or the file that is not Parquet).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ParquetInputTest {

    private static final Path NPZ = SparkTestSession.model("mnist/test.npz");

    private Path tmp;
    private Path parquet;
    private float[] x;
    private long[] y;
    private HadoopFiles files;

    @BeforeAll
    void writeTheTestDigitsAsParquet(@TempDir Path dir) throws Exception {
        tmp = dir;
        SparkSession spark = SparkTestSession.get();
        files = HadoopFiles.of(JavaSparkContext.fromSparkContext(spark.sparkContext()));
        try (NpzArchive npz = NpzArchive.open(NPZ); NpyReader xs = npz.reader("x", 1f); NpyReader ys = npz.reader("y", 1f)) {
            x = xs.readFloats(2000);
            y = ys.readLongs(2000);
        }
        parquet = tmp.resolve("digits");
        write(spark, parquet, y.length, i -> RowFactory.create(image(i, 784), y[i]), false);
    }

    /** Writes rows as Spark does: two tasks, files of at most 333 rows, row groups of about 100 rows. */
    private static void write(SparkSession spark, Path dir, int rows, IntFunction<Row> row, boolean nullableLabel) {
        List<Row> all = new ArrayList<>();
        for (int i = 0; i < rows; i++) {
            all.add(row.apply(i));
        }
        StructType schema = new StructType()
                .add("image", DataTypes.createArrayType(DataTypes.FloatType, false), true)
                .add("label", DataTypes.LongType, nullableLabel);
        spark.createDataFrame(all, schema).write().option("maxRecordsPerFile", 333)
                .option("parquet.block.size", 64 * 1024).parquet(dir.toString());
    }

    private float[] image(int i, int length) {
        return Arrays.copyOfRange(x, i * 784, i * 784 + length);
    }

    @Test
    void theDatasetHoldsTheNpzSamplesInOrderInFilesAndRowGroupsOffTheBatches() throws Exception {
        ParquetSource source = ParquetPlan.plan(parquet.toString(), parquet.toUri().toString(), Map.of(), "label", files);
        ParquetLayout layout = source.layout();
        assertEquals(2000, layout.rows());
        assertEquals(8, layout.parts().size(), layout.parts().toString());
        assertTrue(layout.parts().stream().allMatch(p -> p.rows() == 333 || p.rows() == 1), layout.parts().toString());
        assertTrue(layout.parts().get(0).groups().size() > 1, "several row groups: " + layout.parts().get(0));
        try (Dataset d = source.open(DatasetOptions.defaults())) {
            assertEquals(List.of("image"), d.arrays());
            assertArrayEquals(y, d.labels());
            try (var cursor = d.batches(64, Map.of("input", "image"), Map.of())) {
                float[] all = new float[x.length];
                int at = 0;
                while (cursor.hasNext()) {
                    float[] batch = cursor.next().get("input").data();
                    System.arraycopy(batch, 0, all, at, batch.length);
                    at += batch.length;
                }
                assertArrayEquals(x, all);
            }
        }
        // shards of whole batches start at the row groups on a batch boundary where they can: 1000 is file 5's first row
        try (Dataset d = source.open(DatasetOptions.defaults())) {
            assertEquals(1000, d.split(2, 50).get(1).start());
            assertTrue(d.split(7, 50).stream().allMatch(r -> r.start() % 50 == 0));
        }
    }

    @ParameterizedTest(name = "threshold {0}, {1} shards in {2} tasks, through {3}")
    @CsvSource({"0.0, 7, 3, a local path", "quantile 0.5, 5, 2, coacttest:"})
    void aDistributedRunOverParquetWritesTheNpzRunsFiles(String threshold, int shards, int partitions, String via,
            @TempDir Path out) throws Exception {
        Map<String, String> expected = SparkTestSession.local(SparkTestSession.request("onnx/mlp/mlp-epoch10.onnx",
                threshold), out.resolve("local"));
        boolean scheme = via.endsWith(":");
        String data = scheme ? CountingFileSystem.uri(parquet) : parquet.toString();
        long opens = CountingFileSystem.opens(parquet);
        List<String> args = new ArrayList<>(List.of("analyze", "--model",
                SparkTestSession.model("onnx/mlp/mlp-epoch10.onnx").toString(), "--data", data, "--threshold",
                threshold, "--batch-size", "50", "--shards", Integer.toString(shards), "--partitions",
                Integer.toString(partitions), "--plugins-dir", SparkTestSession.plugins().toString(), "--out",
                out.resolve("spark").toString()));
        if (scheme) {
            args.addAll(List.of("--data-format", "parquet", "--input-column", "input=image", "--label-column",
                    "label"));
        }
        SparkTestSession.Run run = SparkTestSession.coactSpark(args.toArray(String[]::new));
        assertEquals(0, run.exitCode(), run.err());
        assertTrue(run.errLines().stream().anyMatch(l -> l.startsWith("coact: counting: " + shards + " shards in "
                + partitions + " tasks")), run.err());
        if (scheme) {
            assertTrue(CountingFileSystem.opens(parquet) - opens >= 8, "every part file read through Hadoop");
        }
        Map<String, String> got = SparkTestSession.outputs(out.resolve("spark"));
        String sha = source(data).sha256(null);
        String report = got.get("report.json");
        assertTrue(report.contains("\"path\" : \"" + data + "\",\n    \"sha256\" : \"" + sha + "\""), report);
        SparkTestSession.assertSameFiles(expected, got, Map.of(data, NPZ.toString(), sha,
                org.coact.runner.data.Hashing.sha256(NPZ)));
    }

    @Test
    void evolveOverParquetWritesTheNpzSeriesFiles(@TempDir Path out) throws Exception {
        String models = String.join(",", SparkTestSession.model("onnx/mlp/mlp-epoch00.onnx").toString(),
                SparkTestSession.model("onnx/mlp/mlp-epoch10.onnx").toString());
        String plugins = SparkTestSession.plugins().toString();
        java.io.StringWriter err = new java.io.StringWriter();
        int code = org.coact.runner.cli.Main.run(new String[] {"evolve", "--models", models, "--data", NPZ.toString(),
            "--plugins-dir", plugins, "--out", out.resolve("local").toString(), "--quiet"},
                new java.io.PrintWriter(new java.io.StringWriter()), new java.io.PrintWriter(err, true));
        assertEquals(0, code, err.toString());
        String data = CountingFileSystem.uri(parquet);
        SparkTestSession.Run run = SparkTestSession.coactSpark("evolve", "--models", models, "--data", data,
                "--shards", "3", "--plugins-dir", plugins, "--out", out.resolve("spark").toString(), "--quiet");
        assertEquals(0, run.exitCode(), run.err());
        SparkTestSession.assertSameFiles(SparkTestSession.outputs(out.resolve("local")),
                SparkTestSession.outputs(out.resolve("spark")), Map.of(data, NPZ.toString(), source(data).sha256(null),
                        org.coact.runner.data.Hashing.sha256(NPZ)));
    }

    private ParquetSource source(String data) throws Exception {
        String uri = data.startsWith(CountingFileSystem.SCHEME) ? data : Path.of(data).toUri().toString();
        return ParquetPlan.plan(data, uri, Map.of(), "label", files);
    }

    @Test
    void badParquetInputIsAOneLineDataErrorNamingTheCulprit() throws Exception {
        SparkSession spark = SparkTestSession.get();
        SparkTestSession.Run noLabel = analyze(parquet, "--label-column", "digit");
        assertEquals(4, noLabel.exitCode(), noLabel.err());
        assertEquals(List.of("coact: error: Parquet dataset " + parquet + " has no label column 'digit' "
                + "(--label-column); columns: [image: array<float32>, label: int64]"), noLabel.errLines());

        SparkTestSession.Run noColumn = analyze(parquet, "--input-column", "input=pixels");
        assertEquals(4, noColumn.exitCode(), noColumn.err());
        assertEquals(List.of("coact: error: Parquet dataset " + parquet + " has no column 'pixels' for model input "
                + "'input' (--input-column); columns: [image: array<float32>, label: int64]"), noColumn.errLines());

        Path notParquet = Files.createDirectories(tmp.resolve("not-parquet"));
        Files.writeString(notParquet.resolve("part-00000.parquet"), "not a Parquet file");
        Files.writeString(notParquet.resolve("_SUCCESS"), "");
        SparkTestSession.Run garbage = analyze(notParquet);
        assertEquals(4, garbage.exitCode(), garbage.err());
        assertEquals(1, garbage.errLines().size(), garbage.err());
        assertTrue(garbage.errLines().get(0).startsWith("coact: error: cannot read " + notParquet.toUri().toString()
                .replaceFirst("^file:///", "file:/") + "part-00000.parquet as Parquet: "), garbage.err());

        Path shortRow = tmp.resolve("short-row");
        write(spark, shortRow, 20, i -> RowFactory.create(image(i, i == 17 ? 783 : 784), y[i]), false);
        SparkTestSession.Run length = analyze(shortRow);
        assertEquals(4, length.exitCode(), length.err());
        assertEquals(1, length.errLines().size(), length.err());
        String first = firstPart(shortRow, 1);
        assertEquals("coact: error: column 'image' of " + shortRow + ": row 17 (row 7 of " + first + ") has 783 "
                + "values; every row needs 784 (the values per row of its first row group)", length.errLines().get(0));

        Path nullLabel = tmp.resolve("null-label");
        write(spark, nullLabel, 20, i -> RowFactory.create(image(i, 784), i == 5 ? null : y[i]), true);
        SparkTestSession.Run label = analyze(nullLabel);
        assertEquals(4, label.exitCode(), label.err());
        assertEquals(List.of("coact: error: label column 'label' of " + nullLabel + ": row 5 (row 5 of "
                + firstPart(nullLabel, 0) + ") is null"), label.errLines());
    }

    private static SparkTestSession.Run analyze(Path data, String... more) {
        List<String> args = new ArrayList<>(List.of("analyze", "--model",
                SparkTestSession.model("onnx/mlp/mlp-epoch10.onnx").toString(), "--data", data.toString(),
                "--batch-size", "5", "--shards", "4", "--plugins-dir", SparkTestSession.plugins().toString(), "--out",
                data.resolveSibling(data.getFileName() + "-out-" + more.length).toString()));
        args.addAll(List.of(more));
        return SparkTestSession.coactSpark(args.toArray(String[]::new));
    }

    /** @return the name of a dataset's {@code index}th part file, in order */
    private static String firstPart(Path dir, int index) throws Exception {
        try (Stream<Path> list = Files.list(dir)) {
            return list.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".parquet")).sorted().toList()
                    .get(index);
        }
    }
}
