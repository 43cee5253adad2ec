package org.coact.plugin.onnx;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.coact.api.ConfigException;
import org.coact.api.DataException;
import org.coact.api.FloatTensor;
import org.coact.api.format.BatchResult;
import org.coact.api.format.ExtractionRequest;
import org.coact.api.format.Extractor;
import org.coact.api.format.ModelHandle;
import org.coact.api.format.OpenOptions;
import org.coact.plugin.testkit.TestModels;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Requests and batches that do not fit the model, and batch sizes the export did not plan for. */
class ExtractorTest {

    private final OnnxFormat format = new OnnxFormat();
    private Path mlpPath;
    private ModelHandle mlp;

    @BeforeEach
    void open() throws Exception {
        mlpPath = TestModels.onnx("mlp", 10);
        mlp = format.open(mlpPath, OpenOptions.NONE);
    }

    @AfterEach
    void close() {
        mlp.close();
    }

    private static FloatTensor zeros(long... shape) {
        return new FloatTensor(shape, new float[Math.toIntExact(java.util.Arrays.stream(shape).reduce(1, (a, b) -> a * b))]);
    }

    @Test
    void unknownLayerIsAConfigExceptionNamingItWithSuggestions() {
        ConfigException e = assertThrows(ConfigException.class,
                () -> mlp.extractor(new ExtractionRequest(List.of("/act1/Relu", "act2", "/nope"), "logits")));
        assertTrue(e.getMessage().startsWith("unknown layer 'act2' in " + mlpPath + "; run 'coact layers --model "
                + mlpPath + "' to list them"), e.getMessage());
        assertTrue(e.getMessage().contains("did you mean '/act2/Relu'"), e.getMessage());
    }

    @Test
    void unknownOutputIsAConfigException() {
        ConfigException e = assertThrows(ConfigException.class,
                () -> mlp.extractor(new ExtractionRequest(List.of("/act1/Relu"), "logit")));
        assertTrue(e.getMessage().startsWith("unknown output 'logit' in " + mlpPath), e.getMessage());
        assertTrue(e.getMessage().contains("'logits'"), e.getMessage());
    }

    @Test
    void wrongInputShapeIsADataExceptionShowingBothShapes() throws Exception {
        try (Extractor x = mlp.extractor(new ExtractionRequest(List.of("/act1/Relu"), "logits"))) {
            DataException e = assertThrows(DataException.class, () -> x.run(Map.of("input", zeros(32, 785))));
            assertEquals("input 'input' of " + mlpPath + " expects shape [-1, 784] but the data has [32, 785]",
                    e.getMessage());
            assertThrows(DataException.class, () -> x.run(Map.of("input", zeros(32, 28, 28))));
        }
    }

    @Test
    void missingOrExtraInputNamesAreDataExceptions() throws Exception {
        Path p = TestModels.special("two-input.onnx");
        try (ModelHandle h = format.open(p, OpenOptions.NONE);
                Extractor x = h.extractor(new ExtractionRequest(List.of("/act1/Relu"), "logits"))) {
            DataException missing = assertThrows(DataException.class, () -> x.run(Map.of("image", zeros(2, 784))));
            assertTrue(missing.getMessage().startsWith("input 'aux' of " + p + " is missing"), missing.getMessage());
            DataException extra = assertThrows(DataException.class,
                    () -> x.run(Map.of("image", zeros(2, 784), "aux", zeros(2, 4), "input", zeros(2, 784))));
            assertTrue(extra.getMessage().contains("no input 'input'"), extra.getMessage());
            DataException batches = assertThrows(DataException.class,
                    () -> x.run(Map.of("image", zeros(2, 784), "aux", zeros(3, 4))));
            assertTrue(batches.getMessage().contains("batch size"), batches.getMessage());
            BatchResult r = x.run(Map.of("image", zeros(5, 784), "aux", zeros(5, 4)));
            assertArrayEquals(new long[] {5, 10}, r.output().shape());
            assertArrayEquals(new long[] {5, 16}, r.activations().get("/act1/Relu").shape());
        }
    }

    @Test
    void fixedBatchExportsTakeAnyBatchSize() throws Exception {
        for (String name : List.of("mlp-fixed-batch.onnx", "cnn-fixed-batch.onnx")) {
            try (OnnxModelHandle h = (OnnxModelHandle) format.open(TestModels.special(name), OpenOptions.NONE);
                    Extractor x = h.extractor(new ExtractionRequest(List.of("/act1/Relu"), "logits"))) {
                long[] shape = h.describe().inputs().get(0).shape();
                for (int batch : new int[] {1, 3, 7}) {
                    shape[0] = batch;
                    BatchResult r = x.run(Map.of("input", zeros(shape)));
                    assertEquals(batch, r.output().batchSize(), name);
                    assertEquals(batch, r.activations().get("/act1/Relu").batchSize(), name);
                }
            }
        }
    }

    @Test
    void innerNodesOfACompositeStayExtractableUnderFullOptimisation() throws Exception {
        Path p = TestModels.special("gelu-ln-mlp.onnx");
        var ref = TestModels.npz(TestModels.special("gelu-ln-mlp-reference.npz"));
        try (ModelHandle h = format.open(p, new OpenOptions(Map.of("optimization", "all")));
                Extractor x = h.extractor(new ExtractionRequest(List.of("/norm1", "/act1/Erf", "/act1", "/norm1/Sqrt"), "logits"))) {
            BatchResult r = x.run(Map.of("input", ref.get("input").tensor()));
            assertArrayEquals(new long[] {16, 32}, r.activations().get("/act1/Erf").shape());
            assertArrayEquals(new long[] {16, 1}, r.activations().get("/norm1/Sqrt").shape());
            // gelu(x) = x/2 (1 + erf(x / sqrt 2)) with x the LayerNorm output
            float[] norm = r.activations().get("/norm1").data();
            float[] erf = r.activations().get("/act1/Erf").data();
            float[] gelu = r.activations().get("/act1").data();
            float[] want = ref.get("act1").floats();
            for (int i = 0; i < erf.length; i++) {
                assertEquals(want[i], gelu[i], 1e-4);
                assertEquals(norm[i] * 0.5f * (1f + erf[i]), gelu[i], 1e-5);
            }
        }
    }
}
