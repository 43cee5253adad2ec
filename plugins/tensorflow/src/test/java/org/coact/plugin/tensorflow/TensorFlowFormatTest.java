package org.coact.plugin.tensorflow;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.coact.api.CoactException;
import org.coact.api.ConfigException;
import org.coact.api.DataException;
import org.coact.api.FloatTensor;
import org.coact.api.ModelException;
import org.coact.api.format.ExtractionRequest;
import org.coact.api.format.Extractor;
import org.coact.api.format.LayerInfo;
import org.coact.api.format.LayerRole;
import org.coact.api.format.ModelHandle;
import org.coact.api.format.OpenOptions;
import org.coact.api.format.Recognition;
import org.coact.plugin.testkit.TestModels;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tensorflow.Graph;
import org.tensorflow.SavedModelBundle;
import org.tensorflow.Session;
import org.tensorflow.SessionFunction;
import org.tensorflow.Signature;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;

/** Recognition, description and the one-line errors for bad input. */
class TensorFlowFormatTest {

    private final TensorFlowFormat format = new TensorFlowFormat();

    @TempDir
    Path tmp;

    @Test
    void aSavedModelCopiedWithoutItsVariablesIsRefusedAtOpenNotAtTheFirstBatch() throws Exception {
        for (String style : List.of("graph", "function")) {
            Path copy = Files.createDirectories(tmp.resolve(style + "-novars"));
            Files.copy(TestModels.savedModel(style, "mlp", 10).resolve("saved_model.pb"), copy.resolve("saved_model.pb"));
            ModelException e = assertThrows(ModelException.class, () -> format.open(copy, OpenOptions.NONE), style);
            assertEquals("SavedModel " + copy + " has variables but no variables/variables.index (copied without its "
                    + "variables/ directory?); copy the whole SavedModel directory", e.getMessage());
        }
    }

    @Test
    void savedModelDirectoriesAreRecognisedByContentWithoutTheEngine() throws Exception {
        assertEquals("tensorflow", format.id());
        assertEquals(Recognition.BY_CONTENT, format.recognize(TestModels.savedModel("graph", "mlp", 3)));
        assertEquals(Recognition.BY_CONTENT, format.recognize(TestModels.savedModel("function", "cnn", 10)));
        assertEquals(Recognition.BY_CONTENT, format.recognize(TestModels.savedModel("graph", "cnn", 0).resolve("saved_model.pb")));
        Files.write(tmp.resolve("saved_model.pb"), new byte[] {(byte) 0xff, (byte) 0xff, 0x01, 0x02});
        assertEquals(Recognition.BY_NAME, format.recognize(tmp));
        assertEquals(Recognition.NO, format.recognize(tmp.resolve("missing")));
        assertEquals(Recognition.NO, format.recognize(TestModels.model("mnist/test.npz")));
        assertEquals(Recognition.NO, format.recognize(TestModels.root().resolve("onnx/mlp")));
    }

    @Test
    void graphStyleLayersAreOpsAndScopes() throws Exception {
        try (ModelHandle h = format.open(TestModels.savedModel("graph", "cnn", 10), OpenOptions.NONE)) {
            var d = h.describe();
            assertEquals("input", d.inputs().get(0).name());
            assertArrayEquals(new long[] {-1, 28, 28, 1}, d.inputs().get(0).shape());
            assertEquals("logits", d.outputs().get(0).name());
            List<String> names = d.layers().stream().map(LayerInfo::name).toList();
            assertEquals(List.of("conv2d/Conv2D", "conv2d/BiasAdd", "conv2d/Relu", "conv2d", "max_pooling2d/MaxPool",
                    "conv2d_1/Conv2D", "conv2d_1/BiasAdd", "conv2d_1/Relu", "conv2d_1", "max_pooling2d_1/MaxPool",
                    "flatten/Reshape", "dense/MatMul", "dense/BiasAdd", "dense/Relu", "dense", "dense_1/MatMul",
                    "dense_1/BiasAdd", "dense_1"), names);
            LayerInfo conv = d.layer("conv2d_1/Relu").orElseThrow();
            assertArrayEquals(new long[] {-1, 14, 14, 16}, conv.outputShape());
            assertEquals(3, conv.channelAxis());
            assertEquals(16, conv.neurons());
            assertTrue(conv.is(LayerRole.ACTIVATION));
            LayerInfo scope = d.layer("conv2d").orElseThrow();
            assertEquals("Composite", scope.opType());
            assertTrue(scope.is(LayerRole.COMPOSITE) && !scope.is(LayerRole.ACTIVATION));
            assertTrue(d.layer("dense_1/BiasAdd").orElseThrow().is(LayerRole.MODEL_OUTPUT));
        }
    }

    @Test
    void functionStyleLayersKeepKerasScopes() throws Exception {
        try (TfModelHandle h = (TfModelHandle) format.open(TestModels.savedModel("function", "mlp", 10), OpenOptions.NONE)) {
            assertEquals(2, h.inlinedCalls());
            List<String> names = h.describe().layers().stream().map(LayerInfo::name).toList();
            assertEquals(List.of("sequential/dense/MatMul", "sequential/dense/BiasAdd", "sequential/dense/Relu",
                    "sequential/dense", "sequential/dense_1/MatMul", "sequential/dense_1/BiasAdd", "sequential/dense_1/Relu",
                    "sequential/dense_1", "sequential/dense_2/MatMul", "sequential/dense_2/BiasAdd", "sequential/dense_2"),
                    names);
            assertArrayEquals(new long[] {-1, 64}, h.describe().layer("sequential/dense_1").orElseThrow().outputShape());
            assertEquals("output_0", h.describe().outputs().get(0).name());
        }
    }

    @Test
    void aDirectoryThatIsNotASavedModelIsAModelException() throws Exception {
        ModelException e = assertThrows(ModelException.class, () -> format.open(tmp, OpenOptions.NONE));
        assertEquals(tmp + " is not a TensorFlow SavedModel: a SavedModel is a directory with saved_model.pb or "
                + "saved_model.pbtxt, and this one has neither", e.getMessage());
        Files.write(tmp.resolve("saved_model.pb"), new byte[] {(byte) 0xff, (byte) 0xff, 0x01, 0x02});
        ModelException bad = assertThrows(ModelException.class, () -> format.open(tmp, OpenOptions.NONE));
        assertTrue(bad.getMessage().startsWith(tmp + " is not a valid SavedModel: its saved_model.pb does not parse"),
                bad.getMessage());
        oneLine(bad);
        ModelException missing = assertThrows(ModelException.class, () -> format.open(tmp.resolve("nope"), OpenOptions.NONE));
        assertEquals("model not found: " + tmp.resolve("nope"), missing.getMessage());
    }

    @Test
    void aMissingTagOrSignatureNamesWhatExists() {
        Path m = TestModels.savedModel("graph", "mlp", 10);
        ConfigException tag = assertThrows(ConfigException.class, () -> format.open(m, new OpenOptions(Map.of("tag", "train"))));
        assertEquals("SavedModel " + m + " has no MetaGraph tagged 'train'; its tag sets are [serve] (choose one with --tag)",
                tag.getMessage());
        ConfigException sig = assertThrows(ConfigException.class,
                () -> format.open(m, new OpenOptions(Map.of("signature", "serving"))));
        assertEquals("SavedModel " + m + " has no signature 'serving'; its signatures are [serving_default] (choose one with"
                + " --signature) (did you mean 'serving_default'?)", sig.getMessage());
        ConfigException threads = assertThrows(ConfigException.class,
                () -> format.open(m, new OpenOptions(Map.of("threads", "0"))));
        assertTrue(threads.getMessage().contains("'threads'"));
    }

    @Test
    void wrongInputShapeAndUnknownLayerAreOneLineErrors() throws Exception {
        Path m = TestModels.savedModel("function", "cnn", 10);
        try (ModelHandle h = format.open(m, OpenOptions.NONE)) {
            ConfigException layer = assertThrows(ConfigException.class,
                    () -> h.extractor(new ExtractionRequest(List.of("sequential/conv2d/Rleu"), "output_0")));
            assertTrue(layer.getMessage().startsWith("unknown layer 'sequential/conv2d/Rleu' in " + m), layer.getMessage());
            assertTrue(layer.getMessage().contains("(did you mean 'sequential/conv2d/Relu', "), layer.getMessage());
            oneLine(layer);
            try (Extractor x = h.extractor(new ExtractionRequest(List.of("sequential/conv2d/Relu"), "output_0"))) {
                DataException shape = assertThrows(DataException.class,
                        () -> x.run(Map.of("input", new FloatTensor(new long[] {2, 784}, new float[2 * 784]))));
                assertEquals("input 'input' of " + m + " expects shape [-1, 28, 28, 1] but the data has [2, 784]",
                        shape.getMessage());
                assertEquals(2, x.run(Map.of("input", new FloatTensor(new long[] {2, 28, 28, 1}, new float[2 * 784])))
                        .activations().get("sequential/conv2d/Relu").batchSize());
            }
        }
    }

    @Test
    void anInputOfAnotherDtypeIsADataException() throws Exception {
        // a model exported by TF Java's own SavedModelBundle.exporter, taking int32 token ids
        Path dir = tmp.resolve("int-input");
        try (Graph g = new Graph(); Session s = new Session(g)) {
            Ops tf = Ops.create(g);
            var ids = tf.withName("ids").placeholder(TInt32.class, Placeholder.shape(Shape.of(-1, 4)));
            var out = tf.withSubScope("dense").nn.relu(tf.dtypes.cast(ids, TFloat32.class));
            var sig = Signature.builder().key("serving_default").input("ids", ids).output("out", out).build();
            SavedModelBundle.exporter(dir.toString()).withFunction(SessionFunction.create(sig, s)).export();
        }
        try (ModelHandle h = format.open(dir, OpenOptions.NONE);
                Extractor x = h.extractor(new ExtractionRequest(List.of("dense/Relu"), "out"))) {
            DataException e = assertThrows(DataException.class,
                    () -> x.run(Map.of("ids", new FloatTensor(new long[] {1, 4}, new float[4]))));
            assertEquals("input 'ids' of " + dir + " has element type DT_INT32; only float32 and float64 inputs can be fed",
                    e.getMessage());
        }
    }

    private static void oneLine(CoactException e) {
        assertFalse(e.getMessage().contains("\n"), e.getMessage());
    }
}
