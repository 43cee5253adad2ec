package org.coact.plugin.dl4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.coact.api.CoactException;
import org.coact.api.ConfigException;
import org.coact.api.DataException;
import org.coact.api.FloatTensor;
import org.coact.api.ModelException;
import org.coact.api.format.ExtractionRequest;
import org.coact.api.format.Extractor;
import org.coact.api.format.ModelHandle;
import org.coact.api.format.OpenOptions;
import org.coact.api.format.Recognition;
import org.coact.plugin.testkit.TestModels;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Recognition and the one-line errors of both formats. */
class FormatTest {

    private final Dl4jFormat dl4j = new Dl4jFormat();
    private final KerasFormat keras = new KerasFormat();

    @TempDir
    Path tmp;

    @Test
    void idsAndDescriptions() {
        assertEquals("dl4j", dl4j.id());
        assertEquals("keras", keras.id());
        assertFalse(dl4j.description().isBlank());
        assertFalse(keras.description().isBlank());
    }

    @Test
    void modelSerializerZipsAreRecognisedByContentEvenUnderAnotherName() throws Exception {
        for (int epoch : new int[] {0, 10}) {
            assertEquals(Recognition.BY_CONTENT, dl4j.recognize(TestModels.dl4j("mlp", epoch)));
            assertEquals(Recognition.BY_CONTENT, dl4j.recognize(TestModels.dl4j("cnn", epoch)));
        }
        Path renamed = Files.copy(TestModels.dl4j("cnn", 10), tmp.resolve("model.bin"));
        assertEquals(Recognition.BY_CONTENT, dl4j.recognize(renamed));
        assertEquals(Recognition.NO, keras.recognize(renamed));
    }

    @Test
    void kerasFilesAreRecognisedByContentAndOtherHdf5ByName() throws Exception {
        assertEquals(Recognition.BY_CONTENT, keras.recognize(TestModels.keras("mlp")));
        assertEquals(Recognition.BY_CONTENT, keras.recognize(TestModels.keras("cnn")));
        Path renamed = Files.copy(TestModels.keras("cnn"), tmp.resolve("model.bin"));
        assertEquals(Recognition.BY_CONTENT, keras.recognize(renamed));
        assertEquals(Recognition.BY_NAME, keras.recognize(TestModels.model("keras/weights-only.h5")));
        assertEquals(Recognition.NO, dl4j.recognize(TestModels.keras("mlp")));
    }

    @Test
    void otherFilesAreNotRecognisedOrOnlyByName() throws Exception {
        assertEquals(Recognition.NO, dl4j.recognize(TestModels.model("mnist/test.npz")));
        assertEquals(Recognition.NO, keras.recognize(TestModels.model("mnist/test.npz")));
        assertEquals(Recognition.NO, dl4j.recognize(TestModels.onnx("mlp", 10)));
        assertEquals(Recognition.NO, keras.recognize(TestModels.onnx("mlp", 10)));
        Path zip = otherZip("notes.zip");
        assertEquals(Recognition.BY_NAME, dl4j.recognize(zip));
        Path junk = Files.write(tmp.resolve("junk.h5"), randomBytes(4096, 3));
        assertEquals(Recognition.BY_NAME, keras.recognize(junk));
        assertEquals(Recognition.NO, dl4j.recognize(tmp));
        assertEquals(Recognition.NO, keras.recognize(tmp.resolve("missing.h5")));
    }

    @Test
    void missingFileAndDirectoryAreModelExceptions() {
        Path missing = tmp.resolve("nope.zip");
        assertEquals("model file not found: " + missing,
                assertThrows(ModelException.class, () -> dl4j.open(missing, OpenOptions.NONE)).getMessage());
        assertEquals("model file not found: " + missing,
                assertThrows(ModelException.class, () -> keras.open(missing, OpenOptions.NONE)).getMessage());
        oneLine(assertThrows(ModelException.class, () -> dl4j.open(tmp, OpenOptions.NONE)), tmp + " is not a file; ");
    }

    @Test
    void zipThatIsNotADl4jModelSaysWhatIsMissing() throws Exception {
        Path zip = otherZip("notes.zip");
        ModelException e = assertThrows(ModelException.class, () -> dl4j.open(zip, OpenOptions.NONE));
        oneLine(e, zip + " is not a Deeplearning4j model: a ModelSerializer zip holds configuration.json and "
                + "coefficients.bin, this zip has [readme.txt, data.csv]");
    }

    @Test
    void truncatedZipIsAModelExceptionNamingTheFile() throws Exception {
        byte[] real = Files.readAllBytes(TestModels.dl4j("mlp", 10));
        Path cut = Files.write(tmp.resolve("mlp-cut.zip"), Arrays.copyOf(real, real.length / 2));
        ModelException e = assertThrows(ModelException.class, () -> dl4j.open(cut, OpenOptions.NONE));
        oneLine(e, cut + " is a truncated or corrupt zip archive: ");
        assertEquals(Recognition.BY_NAME, dl4j.recognize(cut));
    }

    @Test
    void randomBytesAreNotAZip() throws Exception {
        Path junk = Files.write(tmp.resolve("junk.zip"), randomBytes(4096, 11));
        oneLine(assertThrows(ModelException.class, () -> dl4j.open(junk, OpenOptions.NONE)),
                junk + " is not a Deeplearning4j model: not a zip archive");
    }

    @Test
    void h5WithoutModelConfigIsNotAKerasModel() {
        Path weights = TestModels.model("keras/weights-only.h5");
        oneLine(assertThrows(ModelException.class, () -> keras.open(weights, OpenOptions.NONE)),
                weights + " is not a Keras model: it has no 'model_config' attribute");
    }

    @Test
    void nonHdf5FileIsNotAKerasModel() throws Exception {
        Path junk = Files.write(tmp.resolve("junk.h5"), randomBytes(4096, 5));
        oneLine(assertThrows(ModelException.class, () -> keras.open(junk, OpenOptions.NONE)),
                junk + " is not a Keras model: not an HDF5 file");
        Path zip = TestModels.dl4j("mlp", 10);
        oneLine(assertThrows(ModelException.class, () -> keras.open(zip, OpenOptions.NONE)),
                zip + " is not a Keras model: not an HDF5 file");
    }

    @Test
    void truncatedH5IsAModelExceptionNamingTheFile() throws Exception {
        byte[] real = Files.readAllBytes(TestModels.keras("mlp"));
        Path cut = Files.write(tmp.resolve("mlp-cut.h5"), Arrays.copyOf(real, real.length / 2));
        ModelException e = assertThrows(ModelException.class, () -> keras.open(cut, OpenOptions.NONE));
        assertTrue(e.getMessage().contains(cut.toString()), e.getMessage());
        assertFalse(e.getMessage().contains("\n"), e.getMessage());
    }

    @Test
    void unsupportedKerasLayerIsNamedWithItsClass() {
        Path model = TestModels.model("keras/unsupported-layer.h5");
        oneLine(assertThrows(ModelException.class, () -> keras.open(model, OpenOptions.NONE)),
                model + ": Keras layer 'scale' (Lambda) is not supported by Deeplearning4j's Keras import");
    }

    @Test
    void unknownKerasActivationIsNamedWithItsLayer() {
        Path model = TestModels.model("keras/unknown-activation.h5");
        ModelException e = assertThrows(ModelException.class, () -> keras.open(model, OpenOptions.NONE));
        System.out.println("unknown activation: " + e.getMessage());
        oneLine(e, model + ": Keras layer 'fc1' (Dense) uses activation 'mish_unknown', which Deeplearning4j's Keras "
                + "import does not support (Coact adds gelu and silu)");
    }

    @Test
    void wrongInputShapeIsADataExceptionInOneLine() throws Exception {
        for (var c : List.of(Map.entry(dl4j, TestModels.dl4j("cnn", 10)), Map.entry(keras, TestModels.keras("mlp")))) {
            try (ModelHandle h = c.getKey().open(c.getValue(), OpenOptions.NONE);
                    Extractor x = h.extractor(new ExtractionRequest(List.of(), h.describe().outputs().get(0).name()))) {
                String input = h.describe().inputs().get(0).name();
                DataException e = assertThrows(DataException.class,
                        () -> x.run(Map.of(input, new FloatTensor(new long[] {2, 783}, new float[2 * 783]))));
                oneLine(e, "input '" + input + "' of " + c.getValue() + " expects shape ");
                assertTrue(e.getMessage().endsWith("but the data has [2, 783]"), e.getMessage());
            }
        }
    }

    @Test
    void unknownLayerIsAConfigExceptionWithSuggestions() throws Exception {
        try (ModelHandle h = dl4j.open(TestModels.dl4j("mlp", 10), OpenOptions.NONE)) {
            ConfigException e = assertThrows(ConfigException.class,
                    () -> h.extractor(new ExtractionRequest(List.of("fc4"), "fc3")));
            oneLine(e, "unknown layer 'fc4' in ");
            assertTrue(e.getMessage().contains("did you mean"), e.getMessage());
            assertThrows(ConfigException.class, () -> h.extractor(new ExtractionRequest(List.of("fc1"), "logits")));
        }
    }

    @Test
    void badOptionsAreConfigExceptionsNamingTheKey() {
        Path mlp = TestModels.dl4j("mlp", 10);
        oneLine(assertThrows(ConfigException.class, () -> dl4j.open(mlp, new OpenOptions(Map.of("threads", "0")))),
                "option 'threads' must be an integer in 1..256, got '0'");
        oneLine(assertThrows(ConfigException.class, () -> dl4j.open(mlp, new OpenOptions(Map.of("threads", "100000")))),
                "option 'threads' must be an integer in 1..256, got '100000'");
        oneLine(assertThrows(ConfigException.class, () -> dl4j.open(mlp, new OpenOptions(Map.of("input-shape", "a,b")))),
                "option 'input-shape' must be the per-sample dimensions");
    }

    private static void oneLine(CoactException e, String prefix) {
        assertTrue(e.getMessage().startsWith(prefix), e.getMessage());
        assertFalse(e.getMessage().contains("\n"), e.getMessage());
    }

    private Path otherZip(String name) throws IOException {
        Path zip = tmp.resolve(name);
        try (OutputStream out = Files.newOutputStream(zip); ZipOutputStream z = new ZipOutputStream(out)) {
            for (String entry : List.of("readme.txt", "data.csv")) {
                z.putNextEntry(new ZipEntry(entry));
                z.write("hello".getBytes(java.nio.charset.StandardCharsets.UTF_8));
                z.closeEntry();
            }
        }
        return zip;
    }

    private static byte[] randomBytes(int n, long seed) {
        byte[] b = new byte[n];
        new SplittableRandom(seed).nextBytes(b);
        return b;
    }
}
