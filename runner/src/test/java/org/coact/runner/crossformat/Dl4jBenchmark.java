package org.coact.runner.crossformat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.coact.api.FloatTensor;
import org.coact.api.format.ExtractionRequest;
import org.coact.api.format.Extractor;
import org.coact.api.format.LayerInfo;
import org.coact.api.format.LayerRole;
import org.coact.api.format.ModelFormat;
import org.coact.api.format.ModelHandle;
import org.coact.api.format.OpenOptions;
import org.coact.api.format.TensorSpec;
import org.coact.runner.data.NpyReader;
import org.coact.runner.data.NpzArchive;
import org.pf4j.DefaultPluginManager;
import org.pf4j.PluginManager;

/**
 * A benchmark, not a test: model load time and extraction time per 1,000 samples of the
 * epoch-10 MLP and CNN as ONNX, DL4J zip and Keras .h5, through the packaged plugins, in one
 * JVM, with ratios to ONNX. Extraction runs the {@code auto} layers over the 2,000 test digits
 * in batches of 64 (the runner's default), after one warm-up pass; figures are medians.
 * "first open" is the first model a plugin opens (engine start included), "load" the median of
 * five later opens + describe.
 *
 * <p>Run after {@code mvn -B -q -pl plugins/dl4j install} and a runner test-compile:
 * {@code mvn -B -q -o -pl runner test-compile org.codehaus.mojo:exec-maven-plugin:3.5.0:java
 * -Dexec.mainClass=org.coact.runner.crossformat.Dl4jBenchmark -Dexec.classpathScope=test}
 * (arguments: plugins dir, testmodels dir; defaults found from the repository root or runner/).
 */
public final class Dl4jBenchmark {

    private static final int BATCH = 64;
    private static final int REPEATS = 5;

    private Dl4jBenchmark() {
    }

    /** One model to time. */
    private record Row(String net, String format, Path model, OpenOptions options) {
    }

    /**
     * @param args optional plugins dir and testmodels dir
     * @throws Exception on any failure
     */
    public static void main(String[] args) throws Exception {
        Path root = Files.isDirectory(Path.of("runner")) ? Path.of(".") : Path.of("..");
        Path plugins = args.length > 0 ? Path.of(args[0]) : root.resolve("runner/target/test-plugins");
        Path models = args.length > 1 ? Path.of(args[1]) : root.resolve("testmodels");
        FloatTensor x;
        try (NpzArchive npz = NpzArchive.open(models.resolve("mnist/test.npz")); NpyReader r = npz.reader("x", 1f)) {
            int n = (int) r.header().rows();
            x = new FloatTensor(new long[] {n, 784}, r.readFloats(n));
        }
        PluginManager manager = new DefaultPluginManager(plugins);
        manager.loadPlugins();
        manager.startPlugins();
        Map<String, ModelFormat> formats = new HashMap<>();
        for (ModelFormat f : manager.getExtensions(ModelFormat.class)) {
            formats.put(f.id(), f);
        }
        List<Row> rows = new ArrayList<>();
        for (String net : List.of("mlp", "cnn")) {
            rows.add(new Row(net, "onnx", models.resolve("onnx/" + net + "/" + net + "-epoch10.onnx"), OpenOptions.NONE));
            rows.add(new Row(net, "dl4j", models.resolve("dl4j/" + net + "-epoch10.zip"), OpenOptions.NONE));
            rows.add(new Row(net, "keras", models.resolve("keras/" + net + "-epoch10.h5"), OpenOptions.NONE));
        }
        for (String net : List.of("mlp", "cnn")) {
            // last: ND4J's thread count is process-wide
            rows.add(new Row(net, "dl4j", models.resolve("dl4j/" + net + "-epoch10.zip"),
                    new OpenOptions(Map.of("threads", "2"))));
        }
        Map<String, double[]> onnx = new LinkedHashMap<>();
        java.util.Set<String> started = new java.util.HashSet<>();
        System.out.printf("%-4s %-18s %12s %10s %8s %16s %8s%n", "net", "format", "first open ms", "load ms", "x onnx",
                "ms / 1000 samples", "x onnx");
        for (Row row : rows) {
            ModelFormat f = formats.get(row.format());
            long t0 = System.nanoTime();
            try (ModelHandle h = f.open(row.model(), row.options())) {
                h.describe();
            }
            double first = (System.nanoTime() - t0) / 1e6;
            String plugin = row.format().equals("onnx") ? "onnx" : "dl4j";
            boolean cold = started.add(plugin);
            double[] loads = new double[REPEATS];
            for (int i = 0; i < REPEATS; i++) {
                long t = System.nanoTime();
                try (ModelHandle h = f.open(row.model(), row.options())) {
                    h.describe();
                }
                loads[i] = (System.nanoTime() - t) / 1e6;
            }
            double load = median(loads);
            double extract = extraction(f, row, x);
            String label = row.format() + (row.options().values().isEmpty() ? "" : " " + row.options().values());
            if (row.format().equals("onnx")) {
                onnx.put(row.net(), new double[] {load, extract});
            }
            double[] base = onnx.get(row.net());
            System.out.printf("%-4s %-18s %12s %10.1f %8.2f %16.1f %8.2f%n", row.net(), label,
                    cold ? String.format("%.0f", first) : "-", load, load / base[0], extract, extract / base[1]);
        }
        manager.stopPlugins();
    }

    /** @return median ms per 1,000 samples for the auto layers in batches of 64 */
    private static double extraction(ModelFormat f, Row row, FloatTensor x) throws Exception {
        try (ModelHandle h = f.open(row.model(), row.options())) {
            List<String> layers = h.describe().layers().stream()
                    .filter(l -> l.is(LayerRole.ACTIVATION) && !l.is(LayerRole.MODEL_OUTPUT)).map(LayerInfo::name).toList();
            TensorSpec in = h.describe().inputs().get(0);
            try (Extractor ex = h.extractor(new ExtractionRequest(layers, h.describe().outputs().get(0).name()))) {
                int n = x.batchSize();
                double[] times = new double[REPEATS];
                for (int rep = -1; rep < REPEATS; rep++) {
                    long t = System.nanoTime();
                    for (int from = 0; from < n; from += BATCH) {
                        int to = Math.min(n, from + BATCH);
                        long[] shape = in.shape();
                        shape[0] = to - from;
                        ex.run(Map.of(in.name(),
                                new FloatTensor(shape, Arrays.copyOfRange(x.data(), from * 784, to * 784))));
                    }
                    if (rep >= 0) {
                        times[rep] = (System.nanoTime() - t) / 1e6 * 1000.0 / n;
                    }
                }
                return median(times);
            }
        }
    }

    private static double median(double[] v) {
        double[] s = v.clone();
        Arrays.sort(s);
        return s[s.length / 2];
    }
}
