package org.coact.runner.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;
import org.coact.analysis.Analysis;
import org.coact.runner.output.json.Json;
import org.coact.runner.output.json.Reports;
import org.coact.runner.testing.TestEnv;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The pipeline splits the dataset into row ranges, counts each on its own and merges the counts
 * (and, for a quantile threshold, each pass's histograms) by addition: the report is byte for
 * byte the same for 1, 2 and 7 shards (timings aside), with fixed and quantile thresholds, on a
 * dense and a convolutional model, in ONNX and TensorFlow, for a split that does not divide the
 * 40 batches of 50 evenly (7: 6 and 5 batches). Shards are whole batches, so every sample goes
 * through the model in the same batch whatever the split; TensorFlow's MatMul rounds
 * differently in batches of another make-up, so without that the TensorFlow row would differ.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ShardingTest {

    private AnalysisPipeline pipeline;

    @BeforeAll
    void start() throws Exception {
        pipeline = TestEnv.pipeline();
    }

    @ParameterizedTest(name = "{0} threshold {1}")
    @CsvSource({"onnx/mlp/mlp-epoch10.onnx, 0.0", "onnx/cnn/cnn-epoch10.onnx, quantile 0.5",
        "tensorflow/graph/mlp-epoch03, quantile 0.9"})
    void theReportDoesNotDependOnTheSplit(String model, String threshold) throws Exception {
        AnalyzeRequest request = TestEnv.mnistRequest(model, Map.of("threshold", threshold, "batch_size", 50));
        String one = report(request.withShards(1));
        assertEquals(one, report(request.withShards(2)), "2 shards");
        assertEquals(one, report(request.withShards(7)), "7 shards");
    }

    private String report(AnalyzeRequest request) throws Exception {
        Analysis a = pipeline.analyze(request, ProgressListener.NONE);
        ObjectNode tree = Json.mapper().valueToTree(Reports.of(a));
        tree.remove("timings");
        return Json.mapper().writeValueAsString(tree);
    }
}
