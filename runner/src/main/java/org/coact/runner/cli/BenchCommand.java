package org.coact.runner.cli;

import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import org.coact.analysis.Settings;
import org.coact.analysis.activity.CoactivationStats;
import org.coact.analysis.activity.LayerShape;
import org.coact.analysis.activity.Scope;
import org.coact.analysis.activity.Taus;
import org.coact.analysis.community.LeidenCommunityAlgorithm;
import org.coact.analysis.community.LouvainCommunityAlgorithm;
import org.coact.analysis.community.Modularity;
import org.coact.api.CoactException;
import org.coact.api.ConfigException;
import org.coact.api.FloatTensor;
import org.coact.api.community.AlgorithmParameters;
import org.coact.api.community.CommunityAlgorithm;
import org.coact.api.community.Partition;
import org.coact.api.community.WeightedGraph;
import org.coact.api.format.ExtractionRequest;
import org.coact.api.format.Extractor;
import org.coact.api.format.ModelFormat;
import org.coact.api.format.ModelHandle;
import org.coact.api.format.OpenOptions;
import org.coact.api.format.TensorSpec;
import org.coact.runner.config.ConfigLoader;
import org.coact.api.DataException;
import org.coact.runner.data.BatchCursor;
import org.coact.runner.data.Dataset;
import org.coact.runner.data.DatasetOptions;
import org.coact.runner.pipeline.AnalysisPipeline;
import org.coact.runner.pipeline.AnalyzeRequest;
import org.coact.runner.pipeline.ProgressListener;
import org.coact.runner.plugin.FormatRegistry;
import org.coact.runner.plugin.PluginHost;
import org.coact.runner.plugin.Registered;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code coact bench}: Coact's speed and memory, each figure beside a baseline measured in the
 * same run (never an absolute goal, which depends on the machine): extraction with statistics
 * over plain inference through the same runtime on the same data; pair counting over a
 * straightforward reference; Louvain and Leiden on a 100,000-node, 1,000,000-edge graph over one
 * modularity evaluation of their result; peak heap at 10,000 and 100,000 samples. Runs are
 * interleaved and the median of {@code --repeats} is reported.
 */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = {"Measure Coact's speed and memory against baselines measured in the same run.",
            "Default: the bundled MNIST MLP and CNN (from the source checkout's testmodels)."})
public final class BenchCommand implements Callable<Integer> {

    @Option(names = "--model", paramLabel = "MODEL", description = "Model(s) to time (default: the bundled MLP and CNN).")
    List<Path> models = new ArrayList<>();

    @Option(names = "--data", paramLabel = "DATA", description = "Dataset for --model (default: the bundled MNIST test set).")
    Path data;

    @Option(names = "--testmodels", paramLabel = "DIR", description = "The testmodels directory (default: the launcher's).")
    Path testmodels;

    @Option(names = "--repeats", paramLabel = "R", defaultValue = "5", description = "Interleaved repeats (default: ${DEFAULT-VALUE}).")
    int repeats;

    @Option(names = "--quick", description = "Skip the 100,000-sample memory run and the 1M-edge graph.")
    boolean quick;

    @Option(names = "--tile", paramLabel = "K", defaultValue = "10", description = "Section 1 also times the data "
            + "repeated K times, where a run's fixed cost (opening the data, the first-sample probe) weighs less "
            + "(default: ${DEFAULT-VALUE}; 1: only the data as it is).")
    int tile;

    @Mixin
    PluginOptions plugins;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        double startedWall = StartupCost.uptime();
        java.util.OptionalDouble startedCpu = StartupCost.processCpu();
        if (repeats < 1 || repeats > 100) {
            throw new ConfigException("--repeats must be in 1..100, got " + repeats);
        }
        PrintWriter out = spec.commandLine().getOut();
        Path dir = testmodels != null ? testmodels
                : System.getProperty("coact.testmodels") != null ? Path.of(System.getProperty("coact.testmodels"))
                : Path.of("testmodels");
        if (models.isEmpty()) {
            if (!Files.isDirectory(dir)) {
                throw new ConfigException("testmodels directory not found: " + dir + " (pass --testmodels DIR or --model)");
            }
            models = List.of(dir.resolve("onnx/mlp/mlp-epoch10.onnx"), dir.resolve("onnx/cnn/cnn-epoch10.onnx"));
        }
        Path dataset = data != null ? data : dir.resolve("mnist/test.npz");
        long hostStart = System.nanoTime();
        PluginHost host = plugins.start();
        double hostSeconds = (System.nanoTime() - hostStart) / 1e9;
        AnalysisPipeline pipeline = AnalysisPipeline.of(host);
        FormatRegistry formats = new FormatRegistry(host.extensions(ModelFormat.class));
        Settings settings = new ConfigLoader().load(null, Map.of()).analysis();
        out.printf(Locale.ROOT, "coact bench: %d repeats, medians; %s, %d cores, JDK %s%n", repeats,
                System.getProperty("os.arch"), Runtime.getRuntime().availableProcessors(), Runtime.version());
        out.println();
        out.println("0. Fixed cost of a run, before any model is opened (baseline: an empty JVM, java -version)");
        fixedCost(out, startedWall, startedCpu, hostSeconds);
        out.println();
        out.println("1. Extraction with statistics over plain inference (same runtime, data and batch size; goal <= 1.15)");
        Path tiles = Files.createTempDirectory("coact-bench-tiles");
        try {
            Path tiled = tiled(out, dataset, tiles);
            for (Path model : models) {
                inference(out, formats, pipeline, model, dataset, settings);
                if (tiled != null) {
                    inference(out, formats, pipeline, model, tiled, settings);
                }
            }
        } finally {
            deleteFlat(tiles);
        }
        out.println();
        out.println("2. Pair counting, two layers of 1,024 neurons, 30% active, 2,000 samples, batch 64");
        counting(out);
        if (!quick) {
            out.println();
            out.println("3. Communities on a random graph of 100,000 nodes and 1,000,000 edges (seed 42)");
            communities(out);
            out.println();
            out.println("4. Peak heap of the extraction pass (the first model) at 10,000 and 100,000 samples");
            memory(out, pipeline, models.get(0), dataset, settings);
        }
        out.flush();
        return ExitCodes.OK;
    }

    /** @return the data repeated {@code --tile} times, or null (tile 1, or data of other arrays than float x and y) */
    private Path tiled(PrintWriter out, Path dataset, Path dir) throws Exception {
        if (tile < 1 || tile > 1000) {
            throw new ConfigException("--tile must be in 1..1000, got " + tile);
        }
        if (tile == 1) {
            return null;
        }
        int n;
        try (Dataset d = Dataset.open(dataset, null, new DatasetOptions(1f, "x", "y"))) {
            n = d.size();
        }
        try {
            return TiledData.write(dataset, Math.multiplyExact(n, tile), dir.resolve("tiled.npz"));
        } catch (DataException | IllegalArgumentException | ArithmeticException e) {
            out.println("   (not timed on the data repeated: " + e.getMessage() + ")");
            return null;
        }
    }

    private void fixedCost(PrintWriter out, double wall, java.util.OptionalDouble cpu, double hostSeconds)
            throws java.io.IOException, InterruptedException {
        double[] empty = StartupCost.emptyJvm(Math.min(repeats, 3));
        out.printf(Locale.ROOT, "   JVM start to the command   %6.3f s wall, %s CPU  (class-data archive %s)%n", wall,
                cpu.isPresent() ? String.format(Locale.ROOT, "%.3f s", cpu.getAsDouble()) : "n/a",
                StartupCost.classDataArchive() ? "in use" : "not in use: the launcher makes it on the first analysis");
        out.printf(Locale.ROOT, "   plugin host start          %6.3f s wall%n", hostSeconds);
        out.printf(Locale.ROOT, "   empty JVM                  %6.3f s wall, %s CPU  ratio (start + plugins) / empty %.2f wall%n",
                empty[0], Double.isNaN(empty[1]) ? "n/a" : String.format(Locale.ROOT, "%.3f s", empty[1]),
                (wall + hostSeconds) / empty[0]);
    }

    private void inference(PrintWriter out, FormatRegistry formats, AnalysisPipeline pipeline, Path model, Path dataset,
            Settings settings) throws Exception {
        Registered<ModelFormat> format = formats.select(model, null);
        AnalyzeRequest request = new AnalyzeRequest(model, null, OpenOptions.NONE, dataset, null, settings, 1);
        double[] plain = new double[repeats];
        double[] coact = new double[repeats];
        double[] open = new double[repeats];
        double[] withLayers = new double[repeats];
        int samples;
        try (ModelHandle handle = format.extension().open(model, OpenOptions.NONE);
                Dataset d = Dataset.open(dataset, null, new DatasetOptions(1f, "x", "y"))) {
            samples = d.size();
            TensorSpec output = handle.describe().outputs().get(0);
            List<TensorSpec> inputs = handle.describe().inputs();
            Map<String, String> binding = Dataset.bindInputs(inputs, d);
            List<String> layers = org.coact.runner.pipeline.LayerSelection.select(handle.describe(), settings.layers(),
                    model).stream().map(org.coact.api.format.LayerInfo::name).toList();
            Map<String, long[]> targets = Dataset.sampleShapes(inputs);
            for (int r = -1; r < repeats; r++) { // one warm-up round of each
                org.coact.analysis.Timings timings = new org.coact.analysis.Timings();
                int batch = pipeline.measure(request, ProgressListener.NONE, timings).batchSize(); // auto resolved
                double outputOnly = timePasses(handle, List.of(), output.name(), d, binding, targets, batch);
                double layersToo = timePasses(handle, layers, output.name(), d, binding, targets, batch);
                if (r >= 0) {
                    plain[r] = outputOnly;
                    withLayers[r] = layersToo;
                    coact[r] = timings.result().get("extract"); // the passes, without opening the model
                    open[r] = timings.result().get("loadModel");
                }
            }
        }
        double p = median(plain);
        double c = median(coact);
        out.printf(Locale.ROOT, "   %-28s plain %7.3f s  coact %7.3f s  ratio %.2f  (%,d samples; the engine alone "
                + "returning the layers too: %.3f s, ratio %.2f; opening the model for extraction %.3f s more)%n",
                model.getFileName(), p, c, c / p, samples, median(withLayers), median(withLayers) / p, median(open));
    }

    /** Seconds for one pass of plain inference over the data, returning the given layers too. */
    private static double timePasses(ModelHandle handle, List<String> layers, String output, Dataset d,
            Map<String, String> binding, Map<String, long[]> targets, int batchSize) throws CoactException {
        long t0 = System.nanoTime();
        try (Extractor x = handle.extractor(new ExtractionRequest(layers, output));
                BatchCursor cursor = d.batches(batchSize, binding, targets)) {
            while (cursor.hasNext()) {
                x.run(cursor.next());
            }
        }
        return (System.nanoTime() - t0) / 1e9;
    }

    private void counting(PrintWriter out) throws CoactException {
        int n = 1024;
        int samples = 2000;
        int batch = 64;
        SplittableRandom random = new SplittableRandom(42);
        List<List<double[]>> batches = new ArrayList<>();
        for (int from = 0; from < samples; from += batch) {
            int size = Math.min(batch, samples - from);
            batches.add(List.of(random.doubles((long) size * n).map(u -> u < 0.3 ? 1 : 0).toArray(),
                    random.doubles((long) size * n).map(u -> u < 0.3 ? 1 : 0).toArray()));
        }
        List<LayerShape> layers = List.of(new LayerShape("a", n), new LayerShape("b", n));
        double[] fast = new double[repeats];
        double[] naive = new double[repeats];
        long check = -1;
        for (int r = -1; r < repeats; r++) {
            long t0 = System.nanoTime();
            CoactivationStats stats = new CoactivationStats(layers, 1, Scope.ADJACENT);
            for (List<double[]> values : batches) {
                int size = values.get(0).length / n;
                stats.accept(new int[size], new int[size], values, size, Taus.uniform(0, stats.layers()));
            }
            long t1 = System.nanoTime();
            long[] c = new long[n * n];
            int[] active = new int[n];
            int[] activeB = new int[n];
            for (List<double[]> values : batches) {
                int size = values.get(0).length / n;
                for (int s = 0; s < size; s++) {
                    int na = 0;
                    int nb = 0;
                    for (int j = 0; j < n; j++) {
                        if (values.get(0)[s * n + j] > 0) {
                            active[na++] = j;
                        }
                        if (values.get(1)[s * n + j] > 0) {
                            activeB[nb++] = j;
                        }
                    }
                    for (int a = 0; a < na; a++) {
                        int row = active[a] * n;
                        for (int b = 0; b < nb; b++) {
                            c[row + activeB[b]]++;
                        }
                    }
                }
            }
            long t2 = System.nanoTime();
            if (r >= 0) {
                fast[r] = (t1 - t0) / 1e9;
                naive[r] = (t2 - t1) / 1e9;
            }
            check = c[n + 1];
        }
        double pairSamples = (double) n * n * samples;
        double f = median(fast);
        double s = median(naive);
        out.printf(Locale.ROOT, "   coact %7.3f s (%.2e pair-samples/s)  reference loop %7.3f s (%.2e/s)  ratio %.2f%n",
                f, pairSamples / f, s, pairSamples / s, f / s);
        if (check < 0) {
            throw new IllegalStateException("reference did not run");
        }
    }

    private void communities(PrintWriter out) throws CoactException {
        int nodes = 100_000;
        int edges = 1_000_000;
        SplittableRandom random = new SplittableRandom(42);
        java.util.HashSet<Long> seen = new java.util.HashSet<>();
        int[] s = new int[edges];
        int[] t = new int[edges];
        double[] w = new double[edges];
        int e = 0;
        // planted communities of 100 nodes: 80% of edges inside one, the rest anywhere
        while (e < edges) {
            int a = random.nextInt(nodes);
            int b = random.nextDouble() < 0.8 ? (a / 100) * 100 + random.nextInt(100) : random.nextInt(nodes);
            if (a == b) {
                continue;
            }
            int lo = Math.min(a, b);
            int hi = Math.max(a, b);
            if (seen.add(((long) lo << 32) | hi)) {
                s[e] = lo;
                t[e] = hi;
                w[e] = 0.1 + random.nextDouble();
                e++;
            }
        }
        long t0 = System.nanoTime();
        WeightedGraph g = new WeightedGraph(nodes, s, t, w);
        double build = (System.nanoTime() - t0) / 1e9;
        out.printf(Locale.ROOT, "   build the graph %.3f s%n", build);
        for (CommunityAlgorithm algorithm : List.of(new LouvainCommunityAlgorithm(), new LeidenCommunityAlgorithm())) {
            double[] detect = new double[repeats];
            double[] quality = new double[repeats];
            double q = 0;
            for (int r = 0; r < repeats; r++) {
                long a = System.nanoTime();
                Partition p = algorithm.detect(g, new AlgorithmParameters(1.0, 42, Map.of()));
                long b = System.nanoTime();
                q = Modularity.of(g, p, 1.0);
                long c = System.nanoTime();
                detect[r] = (b - a) / 1e9;
                quality[r] = (c - b) / 1e9;
            }
            out.printf(Locale.ROOT, "   %-8s detect %7.3f s  one modularity pass %6.3f s  ratio %6.1f  (Q %.4f)%n",
                    algorithm.id(), median(detect), median(quality), median(detect) / median(quality), q);
        }
    }

    private void memory(PrintWriter out, AnalysisPipeline pipeline, Path model, Path dataset, Settings settings)
            throws Exception {
        Path tmp = Files.createTempDirectory("coact-bench");
        try {
            long[] peaks = new long[2];
            int[] sizes = {10_000, 100_000};
            for (int i = 0; i < sizes.length; i++) {
                Path tiled = TiledData.write(dataset, sizes[i], tmp.resolve("tiled-" + sizes[i] + ".npz"));
                System.gc();
                for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
                    pool.resetPeakUsage();
                }
                pipeline.measure(new AnalyzeRequest(model, null, OpenOptions.NONE, tiled, null, settings, 1),
                        ProgressListener.NONE);
                long peak = 0;
                for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
                    if (pool.getType() == MemoryType.HEAP) {
                        peak += pool.getPeakUsage().getUsed();
                    }
                }
                peaks[i] = peak;
                Files.delete(tiled);
            }
            out.printf(Locale.ROOT, "   %-28s 10,000: %6.1f MiB  100,000: %6.1f MiB  ratio %.2f (streaming: ~1)%n",
                    model.getFileName(), peaks[0] / 1048576.0, peaks[1] / 1048576.0, (double) peaks[1] / peaks[0]);
        } finally {
            deleteFlat(tmp);
        }
    }

    /** Deletes a directory of plain files. */
    private static void deleteFlat(Path dir) throws java.io.IOException {
        try (var files = Files.list(dir)) {
            for (Path p : files.toList()) {
                Files.deleteIfExists(p);
            }
        }
        Files.deleteIfExists(dir);
    }

    static double median(double[] v) {
        double[] s = v.clone();
        Arrays.sort(s);
        return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
    }
}
