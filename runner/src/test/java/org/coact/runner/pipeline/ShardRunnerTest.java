package org.coact.runner.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.coact.analysis.Analysis;
import org.coact.analysis.activity.CoactivationStats;
import org.coact.analysis.activity.QuantileSelector;
import org.coact.analysis.activity.Taus;
import org.coact.api.CoactException;
import org.coact.api.DataException;
import org.coact.api.ModelException;
import org.coact.runner.data.RowRange;
import org.coact.runner.output.json.Json;
import org.coact.runner.output.json.Reports;
import org.coact.runner.plugin.PluginHost;
import org.coact.runner.testing.TestEnv;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The {@link ShardRunner} seam as another JVM would use it, without a cluster: every job,
 * selector and set of thresholds crosses Java serialization before a shard task sees it, each
 * shard opens its own {@link ShardSession}, every result crosses serialization back, and the
 * results merge in reverse shard order. The report equals a local run's byte for byte (timings
 * aside), and a shard task refuses files that are not the analysing side's.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ShardRunnerTest {

    private PluginHost host;
    private AnalysisPipeline local;

    @BeforeAll
    void start() throws Exception {
        host = PluginHost.start(TestEnv.plugins());
        local = AnalysisPipeline.of(host);
    }

    /** Runs each shard in a fresh session from serialized copies; merges last shard first. */
    private final class SerializingRunner implements ShardRunner {
        final List<String> passes = new ArrayList<>();

        @Override
        public QuantileSelector.Histograms histograms(ShardJob job, QuantileSelector selector, List<RowRange> shards)
                throws CoactException {
            passes.add("quantiles " + (selector.passes() + 1));
            QuantileSelector.Histograms merged = null;
            for (int i = shards.size() - 1; i >= 0; i--) {
                QuantileSelector copy = copy(selector);
                QuantileSelector.Histograms h;
                try (ShardSession s = open(copy(job))) {
                    h = copy(s.histograms(copy, copy(shards.get(i))));
                }
                merged = ShardRunner.add(merged, h, QuantileSelector.Histograms::merge);
            }
            return merged;
        }

        @Override
        public CoactivationStats count(ShardJob job, Taus taus, List<RowRange> shards) throws CoactException {
            passes.add("count");
            CoactivationStats total = null;
            for (int i = shards.size() - 1; i >= 0; i--) {
                CoactivationStats c;
                try (ShardSession s = open(copy(job))) {
                    c = copy(s.count(copy(taus), copy(shards.get(i))));
                }
                total = ShardRunner.add(total, c, CoactivationStats::merge);
            }
            return total;
        }

        private ShardSession open(ShardJob job) throws CoactException {
            return job.open(host, Path.of(job.model()), Path.of(job.data()),
                    job.labels() == null ? null : Path.of(job.labels()), new Fingerprints());
        }
    }

    @SuppressWarnings("unchecked")
    static <T> T copy(T value) {
        try {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
                out.writeObject(value);
            }
            try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
                return (T) in.readObject();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException(e);
        }
    }

    @ParameterizedTest(name = "{0} threshold {1}")
    @CsvSource({"onnx/mlp/mlp-epoch10.onnx, 0.0", "onnx/cnn/cnn-epoch05.onnx, quantile 0.9"})
    void shardsRunFromSerializedJobsGiveTheLocalReport(String model, String threshold) throws Exception {
        AnalyzeRequest request = TestEnv.mnistRequest(model, Map.of("threshold", threshold, "batch_size", 50));
        SerializingRunner runner = new SerializingRunner();
        String distributed = report(local.withShardRunner(runner).analyze(request.withShards(7), ProgressListener.NONE));
        assertEquals(report(local.analyze(request, ProgressListener.NONE)), distributed);
        assertEquals("count", runner.passes.get(runner.passes.size() - 1));
        if (threshold.startsWith("quantile")) {
            assertTrue(runner.passes.size() >= 2, "quantile passes went through the runner too: " + runner.passes);
            assertEquals("quantiles 1", runner.passes.get(0));
        } else {
            assertEquals(List.of("count"), runner.passes);
        }
    }

    @Test
    void aShardTaskRefusesAModelThatIsNotTheAnalysisOne(@TempDir Path tmp) throws Exception {
        AnalyzeRequest request = TestEnv.mnistRequest("onnx/mlp/mlp-epoch10.onnx", Map.of());
        ShardJob[] seen = new ShardJob[1];
        ShardRunner capture = new ShardRunner() {
            @Override
            public QuantileSelector.Histograms histograms(ShardJob job, QuantileSelector s, List<RowRange> shards) {
                throw new AssertionError("no quantile pass with a fixed threshold");
            }

            @Override
            public CoactivationStats count(ShardJob job, Taus taus, List<RowRange> shards) throws CoactException {
                seen[0] = job;
                try (ShardSession s = job.open(host, Path.of(job.model()), Path.of(job.data()), null,
                        new Fingerprints())) {
                    return s.count(taus, shards.get(0));
                }
            }
        };
        local.withShardRunner(capture).measure(request, ProgressListener.NONE);
        ShardJob job = seen[0];
        assertEquals(2, job.shapes().size(), "the probe's layout travels with the job: " + job.shapes());
        assertEquals(192, job.shapes().stream().mapToInt(l -> l.neurons()).sum());
        assertEquals(10, job.classes());
        Path other = TestEnv.model("onnx/mlp/mlp-epoch05.onnx");
        ModelException m = assertThrows(ModelException.class,
                () -> job.open(host, other, Path.of(job.data()), null, new Fingerprints()));
        assertTrue(m.getMessage().contains(other.toString()) && m.getMessage().contains("same model file"),
                m.getMessage());
        Path shorter = tmp.resolve("test.npz");
        Files.write(shorter, new byte[] {1, 2, 3});
        DataException d = assertThrows(DataException.class,
                () -> job.open(host, Path.of(job.model()), shorter, null, new Fingerprints()));
        assertTrue(d.getMessage().contains(shorter.toString()) && d.getMessage().contains("same dataset"),
                d.getMessage());
    }

    private static String report(Analysis a) throws Exception {
        ObjectNode tree = Json.mapper().valueToTree(Reports.of(a));
        tree.remove("timings");
        return Json.mapper().writeValueAsString(tree);
    }
}
