package org.coact.plugin.tensorflow;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
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
import org.coact.plugin.testkit.TestModels;
import org.pf4j.DefaultPluginManager;
import org.pf4j.PluginManager;

/**
 * Model load time and extraction time per 1,000 samples, TensorFlow (graph- and function-style)
 * against ONNX, for the MLP and CNN at epoch 10, measured in one run through the packaged plugin
 * zips and a real PF4J plugin manager. A benchmark, not a test: it prints, it asserts nothing.
 *
 * <pre>
 * mvn -B -q -pl plugins/onnx,plugins/tensorflow package -DskipTests
 * TF_CPP_MIN_LOG_LEVEL=2 mvn -B -q -o -pl plugins/tensorflow exec:java -Dexec.classpathScope=test \
 *     -Dexec.mainClass=org.coact.plugin.tensorflow.TensorFlowVsOnnxBenchmark -Dexec.args=.
 * </pre>
 * Load: first open in the JVM (cold, includes loading the engine) and the median of 5 later
 * opens (open + describe + extractor). Extraction: the 2,000 test digits in batches of 64 with
 * the auto-selected layers, median of 5 passes after one warm-up pass, scaled to 1,000 samples.
 */
public final class TensorFlowVsOnnxBenchmark {

    private TensorFlowVsOnnxBenchmark() {
    }

    /** @param args the repository root (default {@code .}) */
    public static void main(String[] args) throws Exception {
        Path repo = Path.of(args.length > 0 ? args[0] : ".").toAbsolutePath().normalize();
        Path plugins = Files.createTempDirectory("coact-bench-plugins");
        for (String id : List.of("onnx", "tensorflow")) {
            Path zip = repo.resolve("plugins/" + id + "/target/coact-plugin-" + id + "-0.1.0-SNAPSHOT-plugin.zip");
            Files.copy(zip, plugins.resolve(zip.getFileName()));
        }
        PluginManager manager = new DefaultPluginManager(plugins);
        manager.loadPlugins();
        manager.startPlugins();
        try {
            ModelFormat onnx = format(manager, "onnx");
            ModelFormat tf = format(manager, "tensorflow");
            float[] x = TestModels.npz(repo.resolve("testmodels/mnist/test.npz")).get("x").floats();
            System.out.printf("%-22s %10s %10s %14s%n", "model", "cold ms", "load ms", "ms/1000 smp");
            for (String net : List.of("mlp", "cnn")) {
                double[] o = measure(onnx, repo.resolve("testmodels/onnx/" + net + "/" + net + "-epoch10.onnx"), x, "onnx " + net);
                double[] g = measure(tf, repo.resolve("testmodels/tensorflow/graph/" + net + "-epoch10"), x, "tf-graph " + net);
                double[] f = measure(tf, repo.resolve("testmodels/tensorflow/function/" + net + "-epoch10"), x,
                        "tf-function " + net);
                System.out.printf("%s ratios TF/ONNX: load graph %.2f function %.2f; extraction graph %.2f function %.2f%n",
                        net, g[1] / o[1], f[1] / o[1], g[2] / o[2], f[2] / o[2]);
            }
        } finally {
            manager.stopPlugins();
            manager.unloadPlugins();
        }
    }

    private static ModelFormat format(PluginManager m, String id) {
        return m.getExtensions(ModelFormat.class).stream().filter(f -> f.id().equals(id)).findFirst().orElseThrow();
    }

    /** @return cold load ms, median warm load ms, median ms per 1000 samples */
    private static double[] measure(ModelFormat format, Path model, float[] x, String label) throws Exception {
        double cold = 0;
        double[] loads = new double[6];
        for (int i = 0; i < loads.length; i++) {
            long t0 = System.nanoTime();
            try (ModelHandle h = format.open(model, OpenOptions.NONE);
                    Extractor e = h.extractor(new ExtractionRequest(auto(h), h.describe().outputs().get(0).name()))) {
                loads[i] = (System.nanoTime() - t0) / 1e6;
            }
        }
        cold = loads[0];
        double load = median(Arrays.copyOfRange(loads, 1, loads.length));
        double[] passes = new double[6];
        try (ModelHandle h = format.open(model, OpenOptions.NONE);
                Extractor e = h.extractor(new ExtractionRequest(auto(h), h.describe().outputs().get(0).name()))) {
            long[] shape = h.describe().inputs().get(0).shape();
            String input = h.describe().inputs().get(0).name();
            int n = x.length / 784;
            for (int p = 0; p < passes.length; p++) {
                long t0 = System.nanoTime();
                for (int from = 0; from < n; from += 64) {
                    int to = Math.min(n, from + 64);
                    shape[0] = to - from;
                    e.run(Map.of(input, new FloatTensor(shape.clone(), Arrays.copyOfRange(x, from * 784, to * 784))));
                }
                passes[p] = (System.nanoTime() - t0) / 1e6 * 1000.0 / n;
            }
        }
        double extract = median(Arrays.copyOfRange(passes, 1, passes.length));
        System.out.printf("%-22s %10.1f %10.1f %14.1f%n", label, cold, load, extract);
        return new double[] {cold, load, extract};
    }

    private static List<String> auto(ModelHandle h) {
        List<String> names = new ArrayList<>();
        for (LayerInfo l : h.describe().layers()) {
            if (l.is(LayerRole.ACTIVATION) && !l.is(LayerRole.MODEL_OUTPUT)) {
                names.add(l.name());
            }
        }
        return names;
    }

    private static double median(double[] v) {
        double[] s = v.clone();
        Arrays.sort(s);
        return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
    }
}
