package org.coact.plugin.onnx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.coact.api.ConfigException;
import org.coact.api.FloatTensor;
import org.coact.api.ModelException;
import org.coact.api.format.ExtractionRequest;
import org.coact.api.format.Extractor;
import org.coact.api.format.OpenOptions;
import org.coact.api.format.Recognition;
import org.coact.plugin.testkit.TestModels;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OnnxFormatTest {

    private final OnnxFormat format = new OnnxFormat();

    @TempDir
    Path tmp;

    @Test
    void idAndDescription() {
        assertEquals("onnx", format.id());
        assertFalse(format.description().isBlank());
    }

    @Test
    void realExportIsRecognisedByContentEvenUnderAnotherName() throws Exception {
        assertEquals(Recognition.BY_CONTENT, format.recognize(TestModels.special("gelu-ln-mlp.onnx")));
        Path renamed = tmp.resolve("model.bin");
        Files.copy(TestModels.onnx("cnn", 10), renamed);
        assertEquals(Recognition.BY_CONTENT, format.recognize(renamed));
    }

    @Test
    void randomBytesAreRecognisedOnlyByTheirName() throws Exception {
        byte[] junk = randomBytes(4096, 7);
        Path onnx = Files.write(tmp.resolve("junk.onnx"), junk);
        assertEquals(Recognition.BY_NAME, format.recognize(onnx));
        assertEquals(Recognition.NO, format.recognize(TestModels.model("mnist/test.npz")));
        assertEquals(Recognition.NO, format.recognize(Files.writeString(tmp.resolve("empty.onnx.txt"), "")));
    }

    @Test
    void directoriesAndMissingPathsAreNotRecognised() {
        Path dir = tmp.resolve("looks.onnx");
        assertEquals(Recognition.NO, format.recognize(dir));
        assertEquals(Recognition.NO, format.recognize(tmp.resolve("missing.onnx")));
    }

    @Test
    void missingFileIsAModelExceptionNamingIt() {
        Path missing = tmp.resolve("nope.onnx");
        ModelException e = assertThrows(ModelException.class, () -> format.open(missing, OpenOptions.NONE));
        assertEquals("model file not found: " + missing, e.getMessage());
    }

    @Test
    void randomBytesAreAModelExceptionNamingTheFileInOneLine() throws Exception {
        Path junk = Files.write(tmp.resolve("junk.onnx"), randomBytes(4096, 11));
        ModelException e = assertThrows(ModelException.class, () -> format.open(junk, OpenOptions.NONE));
        assertTrue(e.getMessage().startsWith(junk + " is not a valid ONNX model: "), e.getMessage());
        assertFalse(e.getMessage().contains("\n"), e.getMessage());
    }

    @Test
    void truncatedRealModelIsAModelExceptionNamingTheFile() throws Exception {
        byte[] real = Files.readAllBytes(TestModels.onnx("mlp", 10));
        Path cut = Files.write(tmp.resolve("mlp-cut.onnx"), Arrays.copyOf(real, real.length / 2));
        ModelException e = assertThrows(ModelException.class, () -> format.open(cut, OpenOptions.NONE));
        assertTrue(e.getMessage().startsWith(cut + " is not a valid ONNX model: "), e.getMessage());
        assertFalse(e.getMessage().contains("\n"), e.getMessage());
        assertEquals(Recognition.BY_NAME, format.recognize(cut));
    }

    @Test
    void modelThatOnnxRuntimeRejectsIsAModelException() throws Exception {
        // a well-formed proto whose Relu node reads a value nobody produces
        var model = ai.onnx.proto.OnnxMl.ModelProto.parseFrom(Files.readAllBytes(TestModels.onnx("mlp", 10))).toBuilder();
        model.getGraphBuilder().getNodeBuilder(1).setInput(0, "no_such_value");
        Path broken = Files.write(tmp.resolve("broken.onnx"), model.build().toByteArray());
        ModelException e = assertThrows(ModelException.class, () -> format.open(broken, OpenOptions.NONE));
        assertTrue(e.getMessage().startsWith(broken + " is not a valid ONNX model: ONNX Runtime rejects it"),
                e.getMessage());
        assertFalse(e.getMessage().contains("\n"), e.getMessage());
    }

    @Test
    void badOptionValuesAreConfigExceptionsNamingTheKey() {
        Path mlp = TestModels.onnx("mlp", 10);
        ConfigException t = assertThrows(ConfigException.class,
                () -> format.open(mlp, new OpenOptions(Map.of("threads", "many"))));
        assertTrue(t.getMessage().contains("'threads'"), t.getMessage());
        ConfigException o = assertThrows(ConfigException.class,
                () -> format.open(mlp, new OpenOptions(Map.of("optimization", "max"))));
        assertTrue(o.getMessage().contains("'optimization'"), o.getMessage());
    }

    @Test
    void theUsersFileIsNeverModified() throws Exception {
        for (Path p : List.of(TestModels.special("cnn-fixed-batch.onnx"), TestModels.special("mlp-fixed-batch.onnx"),
                TestModels.special("gelu-ln-mlp.onnx"))) {
            String before = TestModels.sha256(p);
            long modified = Files.getLastModifiedTime(p).toMillis();
            try (OnnxModelHandle h = (OnnxModelHandle) format.open(p, new OpenOptions(Map.of("optimization", "all")))) {
                h.describe();
                h.batchMode();
                List<String> layers = h.describe().layers().stream().map(l -> l.name()).toList();
                try (Extractor x = h.extractor(new ExtractionRequest(layers, "logits"))) {
                    long[] shape = h.describe().inputs().get(0).shape();
                    shape[0] = 2;
                    x.run(Map.of("input", new FloatTensor(shape, new float[Tensors.perSample(shape) * 2])));
                }
            }
            assertEquals(before, TestModels.sha256(p), p + " changed");
            assertEquals(modified, Files.getLastModifiedTime(p).toMillis(), p + " touched");
        }
    }

    private static byte[] randomBytes(int n, long seed) {
        byte[] b = new byte[n];
        new SplittableRandom(seed).nextBytes(b);
        return b;
    }
}
