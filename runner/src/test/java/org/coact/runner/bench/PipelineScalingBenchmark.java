package org.coact.runner.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.coact.api.format.OpenOptions;
import org.coact.runner.config.ConfigLoader;
import org.coact.runner.data.NpyReader;
import org.coact.runner.data.NpzArchive;
import org.coact.runner.pipeline.AnalysisPipeline;
import org.coact.runner.pipeline.AnalyzeRequest;
import org.coact.runner.pipeline.ProgressListener;
import org.coact.runner.plugin.PluginHost;
import org.coact.runner.testing.NpyFiles;

/**
 * Streaming, measured: the pipeline's extraction pass over the 2,000 test digits (baseline)
 * and over the same digits tiled 10x (20,000 samples, 63 MB of float32 inputs), in one JVM.
 * Prints the time ratio and the heap used after a full GC at the end of each pass, and the
 * heap cap: run it with {@code -Xmx32m} to see 20,000 samples analysed in a heap half the size
 * of their inputs, since only counts are kept.
 * Not a test; run with
 * {@code mvn -q -o -pl runner test-compile exec:java -Dexec.classpathScope=test
 * -Dexec.mainClass=org.coact.runner.bench.PipelineScalingBenchmark} (or from an IDE), after
 * {@code mvn install} so target/test-plugins holds the packaged plugins.
 */
public final class PipelineScalingBenchmark {

    private PipelineScalingBenchmark() {
    }

    /**
     * @param args optional: the model inside testmodels (default the epoch-10 MLP)
     * @throws Exception on failure
     */
    public static void main(String[] args) throws Exception {
        Path models = Path.of(System.getProperty("coact.testmodels", "testmodels"));
        Path plugins = Path.of(System.getProperty("coact.test.plugins", "runner/target/test-plugins"));
        String model = args.length > 0 ? args[0] : "onnx/mlp/mlp-epoch10.onnx";
        Path data = models.resolve("mnist/test.npz");
        Path tiled = tile(data, 10);
        PluginHost host = PluginHost.start(plugins);
        AnalysisPipeline pipeline = AnalysisPipeline.of(host);
        run(pipeline, models.resolve(model), data); // warm-up
        long[] base = run(pipeline, models.resolve(model), data);
        long[] big = run(pipeline, models.resolve(model), tiled);
        System.out.printf("%s, heap cap %.0f MiB: 2,000 samples %.0f ms, peak heap %.1f MiB; 20,000 samples (%.0f MB of"
                + " inputs) %.0f ms, peak heap %.1f MiB%n", model, Runtime.getRuntime().maxMemory() / 1048576.0,
                base[0] / 1e6, base[1] / 1048576.0, inputBytes(tiled) / 1e6, big[0] / 1e6, big[1] / 1048576.0);
        System.out.printf("samples x10.0 -> time x%.2f, peak heap x%.2f%n", (double) big[0] / base[0],
                (double) big[1] / base[1]);
        Files.deleteIfExists(tiled);
    }

    private static long inputBytes(Path npz) throws Exception {
        try (NpzArchive a = NpzArchive.open(npz)) {
            return a.header("x").dataBytes();
        }
    }

    private static long[] run(AnalysisPipeline pipeline, Path model, Path data) throws Exception {
        System.gc();
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            pool.resetPeakUsage();
        }
        long start = System.nanoTime();
        pipeline.measure(new AnalyzeRequest(model, null, OpenOptions.NONE, data, null,
                new ConfigLoader().load(null, Map.of()).analysis()), ProgressListener.NONE);
        long nanos = System.nanoTime() - start;
        long peak = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                peak += pool.getPeakUsage().getUsed();
            }
        }
        return new long[] {nanos, Math.min(peak, Runtime.getRuntime().maxMemory())};
    }

    /** Writes the dataset tiled {@code times} times, streaming: only one copy is ever in memory. */
    private static Path tile(Path npz, int times) throws Exception {
        byte[] x;
        byte[] y;
        long n;
        long features;
        try (NpzArchive a = NpzArchive.open(npz); NpyReader xr = a.reader("x", 1f); NpyReader yr = a.reader("y", 1f)) {
            n = xr.header().rows();
            features = xr.header().sampleElements();
            float[] xs = xr.readFloats((int) n);
            long[] ys = yr.readLongs((int) n);
            x = dataOf(NpyFiles.float32(xs, n, features), xs.length * 4);
            y = dataOf(NpyFiles.int64(ys, n), ys.length * 8);
        }
        Path file = Files.createTempFile("coact-tiled", ".npz");
        try (var os = Files.newOutputStream(file); var zip = new java.util.zip.ZipOutputStream(os)) {
            zip.putNextEntry(new java.util.zip.ZipEntry("x.npy"));
            zip.write(NpyFiles.float32(new float[0], n * times, features)); // the header alone
            for (int t = 0; t < times; t++) {
                zip.write(x);
            }
            zip.closeEntry();
            zip.putNextEntry(new java.util.zip.ZipEntry("y.npy"));
            zip.write(NpyFiles.int64(new long[0], n * times)); // the header alone
            for (int t = 0; t < times; t++) {
                zip.write(y);
            }
            zip.closeEntry();
        }
        return file;
    }

    /** The last {@code bytes} bytes of an .npy: its data. */
    private static byte[] dataOf(byte[] npy, int bytes) {
        return java.util.Arrays.copyOfRange(npy, npy.length - bytes, npy.length);
    }
}
