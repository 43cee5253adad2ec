package org.coact.plugin.testkit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.coact.api.CoactException;
import org.coact.api.ConfigException;
import org.coact.api.FloatTensor;
import org.coact.api.format.BatchResult;
import org.coact.api.format.ExtractionRequest;
import org.coact.api.format.Extractor;
import org.coact.api.format.LayerInfo;
import org.coact.api.format.LayerRole;
import org.coact.api.format.ModelDescription;
import org.coact.api.format.ModelFormat;
import org.coact.api.format.ModelHandle;
import org.coact.api.format.OpenOptions;
import org.coact.api.format.Recognition;
import org.coact.api.format.TensorSpec;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.api.io.TempDir;

/**
 * What every {@link ModelFormat} must do with every kind of model it opens. A plugin's test extends
 * this class once per bundled model kind (a {@code @Nested} class each is enough) and supplies a
 * {@link Subject}: the format, the model, the layers {@code auto} must pick and torch's values for
 * them on 16 test digits ({@link TestModels#reference}). The auto layers are those with role
 * {@link LayerRole#ACTIVATION} and not {@link LayerRole#MODEL_OUTPUT}, in forward order; the k-th
 * holds the reference's {@code act<k>}. Rank-4 outputs are compared with channels moved to axis 1
 * by the layer's {@link LayerInfo#channelAxis()}, as torch has them.
 */
public abstract class ModelFormatContract {

    /**
     * One bundled model under the contract.
     *
     * @param format the format that opens it
     * @param model the model file or directory
     * @param autoLayers how many layers {@code auto} picks
     * @param neurons the neuron count of each, in forward order
     * @param reference an .npz with {@code input}, {@code logits} and {@code act1}..{@code act<autoLayers>}
     * @param tolerance the largest |difference| allowed from the reference
     */
    public record Subject(ModelFormat format, Path model, int autoLayers, long[] neurons, Path reference,
            double tolerance) {

        /** Validates and copies. */
        public Subject {
            neurons = neurons.clone();
            if (neurons.length != autoLayers) {
                throw new IllegalArgumentException(autoLayers + " auto layers but " + neurons.length + " neuron counts");
            }
        }

        /** @return a copy of the neuron counts */
        @Override
        public long[] neurons() {
            return neurons.clone();
        }

        @Override
        public String toString() {
            return format.id() + " " + model.getFileName();
        }
    }

    /** The tolerance the bundled models meet against torch. */
    public static final double TOLERANCE = 1e-4;

    /** The name no model has, for {@link #anUnknownLayerIsAConfigExceptionNamingIt}. */
    private static final String UNKNOWN_LAYER = "no/such/layer_42";

    @TempDir
    Path tmp;

    private Subject s;

    /** @return the model under test; called once per test */
    protected abstract Subject subject();

    /**
     * The float32 unit roundoff, 2^-24.
     */
    public static final double FLOAT32_ROUNDOFF = 0x1p-24;

    /**
     * The relative tolerance between one batch of 16 and 16 batches of 1:
     * {@code 2 L u} with {@code L = 784} (the longest dot product in the bundled nets, fc1 over
     * 28x28 pixels) and {@code u} the float32 {@linkplain #FLOAT32_ROUNDOFF roundoff}, about
     * 9.3e-5. Reordering a sum of L float32 products moves it by at most about {@code 2 L u}
     * times the sum of the products' magnitudes, and engines do reorder: a batch of one takes a
     * matrix-vector kernel, a batch takes a blocked GEMM whose blocking follows the CPU's SIMD
     * width and thread count. So values are compared as
     * {@code |a - b| <= tol * max(1, max |a|)} over each tensor, never bit for bit, on any
     * CPU.
     */
    public static final double BATCH_RELATIVE_TOLERANCE = 2 * 784 * FLOAT32_ROUNDOFF;

    /**
     * How far the values of one batch of 16 may be from those of 16 batches of 1, relative to
     * the largest magnitude in the tensor (at least 1). A subject may allow more where its
     * architecture has longer dot products than the bundled nets.
     *
     * @return the relative tolerance; {@link #BATCH_RELATIVE_TOLERANCE} by default
     */
    protected double batchSizeTolerance() {
        return BATCH_RELATIVE_TOLERANCE;
    }

    @BeforeEach
    final void loadSubject() {
        s = subject();
    }

    @Test
    void theModelIsRecognisedByContent() {
        assertEquals(Recognition.BY_CONTENT, s.format().recognize(s.model()), s.toString());
    }

    @Test
    void randomBytesAndAnEmptyDirectoryAreNotRecognised() throws Exception {
        byte[] junk = new byte[4096];
        new SplittableRandom(42).nextBytes(junk);
        Path random = Files.write(tmp.resolve("random-bytes.bin"), junk);
        Path empty = Files.createDirectory(tmp.resolve("empty"));
        assertEquals(Recognition.NO, s.format().recognize(random), "random bytes");
        assertEquals(Recognition.NO, s.format().recognize(empty), "empty directory");
    }

    @Test
    void describeListsInputsOutputsAndUniqueLayersInForwardOrder() throws Exception {
        var ref = TestModels.npz(s.reference());
        ModelDescription d = describe();
        assertEquals(1, d.inputs().size(), "inputs " + d.inputs());
        assertEquals(perSample(ref.get("input").shape()), perSample(d.inputs().get(0).shape()), "input " + d.inputs());
        assertFalse(d.outputs().isEmpty(), "no outputs");
        long[] logits = d.outputs().get(0).shape();
        assertEquals(ref.get("logits").shape()[1], logits[logits.length - 1], "classes of " + d.outputs().get(0));
        List<String> names = d.layers().stream().map(LayerInfo::name).toList();
        assertEquals(names.size(), new HashSet<>(names).size(), "layer names repeat: " + names);
        // forward order: the auto layers come in torch's act1, act2... order, and before the prediction
        List<LayerInfo> auto = autoLayers(d);
        assertFalse(auto.isEmpty(), "no auto layers in " + names);
        for (int k = 0; k < auto.size() && k < s.autoLayers(); k++) {
            long[] want = ref.get("act" + (k + 1)).shape();
            assertEquals(want[1], auto.get(k).neurons(), "act" + (k + 1) + " vs " + auto.get(k) + " in " + names);
        }
        int lastAuto = names.indexOf(auto.get(auto.size() - 1).name());
        int prediction = d.layers().stream().filter(l -> l.is(LayerRole.MODEL_OUTPUT)).mapToInt(d.layers()::indexOf)
                .min().orElseThrow(() -> new AssertionError("no layer has role MODEL_OUTPUT: " + names));
        assertTrue(lastAuto < prediction, "auto layer " + names.get(lastAuto) + " after the model output " + names);
    }

    @Test
    void autoLayersHaveTheExpectedNeuronCounts() throws Exception {
        List<LayerInfo> auto = autoLayers(describe());
        assertEquals(s.autoLayers(), auto.size(), "auto layers " + auto);
        assertArrayEquals(s.neurons(), auto.stream().mapToLong(LayerInfo::neurons).toArray(), "neurons of " + auto);
    }

    @Test
    void autoLayersMatchTheReferenceActivations() throws Exception {
        var ref = TestModels.npz(s.reference());
        try (ModelHandle h = s.format().open(s.model(), OpenOptions.NONE)) {
            List<LayerInfo> auto = autoLayers(h.describe());
            BatchResult r;
            try (Extractor x = h.extractor(request(h.describe(), auto))) {
                r = x.run(feed(h.describe(), ref.get("input").tensor()));
            }
            Map<String, Double> diffs = new LinkedHashMap<>();
            diffs.put("logits", Activations.maxAbsDiff(ref.get("logits").tensor(), r.output()));
            for (int k = 0; k < auto.size(); k++) {
                LayerInfo l = auto.get(k);
                FloatTensor got = Activations.toNchw(r.activations().get(l.name()), l.channelAxis());
                diffs.put(l.name(), Activations.maxAbsDiff(ref.get("act" + (k + 1)).tensor(), got));
            }
            double max = diffs.values().stream().mapToDouble(Double::doubleValue).max().orElseThrow();
            System.out.printf("contract max |diff| vs torch  %-40s %.3g  %s%n", s, max, diffs);
            diffs.forEach((what, diff) -> assertTrue(diff <= s.tolerance(), s + " " + what + " differs by " + diff));
        }
    }

    @Test
    void oneBatchOfSixteenMatchesSixteenBatchesOfOneWithinFloat32Rounding() throws Exception {
        FloatTensor input = TestModels.npz(s.reference()).get("input").tensor();
        try (ModelHandle h = s.format().open(s.model(), OpenOptions.NONE);
                Extractor x = h.extractor(request(h.describe(), autoLayers(h.describe())))) {
            BatchResult whole = x.run(feed(h.describe(), input));
            List<BatchResult> single = new ArrayList<>();
            for (int i = 0; i < input.batchSize(); i++) {
                single.add(x.run(feed(h.describe(), Activations.slice(input, i, i + 1))));
            }
            Map<String, FloatTensor> batched = new LinkedHashMap<>(whole.activations());
            batched.put("output", whole.output());
            for (var e : batched.entrySet()) {
                FloatTensor parts = Activations.concatBatches(single.stream()
                        .map(b -> e.getKey().equals("output") ? b.output() : b.activations().get(e.getKey())).toList());
                assertArrayEquals(e.getValue().shape(), parts.shape(), e.getKey());
                double diff = Activations.maxAbsDiff(e.getValue(), parts);
                double scale = Math.max(1, Activations.maxAbs(e.getValue()));
                double allowed = batchSizeTolerance() * scale;
                System.out.printf("contract batch 16 vs 16 x 1  %-40s %-28s max |diff| %.3g (allowed %.3g)%n", s,
                        e.getKey(), diff, allowed);
                assertTrue(diff <= allowed, s + " " + e.getKey() + " differs by " + diff + " > " + allowed);
            }
        }
    }

    @Test
    void anUnknownLayerIsAConfigExceptionNamingIt() throws Exception {
        try (ModelHandle h = s.format().open(s.model(), OpenOptions.NONE)) {
            ConfigException e = assertThrows(ConfigException.class, () -> h.extractor(
                    new ExtractionRequest(List.of(UNKNOWN_LAYER), h.describe().outputs().get(0).name())));
            assertTrue(e.getMessage().contains(UNKNOWN_LAYER), e.getMessage());
        }
    }

    @Test
    void closingTwiceIsFineAndAClosedExtractorFailsCleanly() throws Exception {
        FloatTensor input = TestModels.npz(s.reference()).get("input").tensor();
        ModelHandle h = s.format().open(s.model(), OpenOptions.NONE);
        ModelDescription d = h.describe();
        Map<String, FloatTensor> feed = feed(d, input);
        Extractor closedFirst = h.extractor(request(d, autoLayers(d)));
        closedFirst.run(feed);
        closedFirst.close();
        closedFirst.close();
        failsCleanly(() -> closedFirst.run(feed), "run on a closed extractor");
        Extractor open = h.extractor(request(d, autoLayers(d)));
        h.close();
        h.close();
        failsCleanly(() -> open.run(feed), "run on an extractor of a closed model");
        failsCleanly(h::describe, "describe on a closed model");
        open.close();
        open.close();
    }

    @Test
    void theModelFilesAreUnchangedByUse() throws Exception {
        Map<String, String> before = TestModels.sha256Tree(s.model());
        Map<String, FileTime> modified = modifiedTimes(s.model());
        try (ModelHandle h = s.format().open(s.model(), OpenOptions.NONE);
                Extractor x = h.extractor(request(h.describe(), autoLayers(h.describe())))) {
            x.run(feed(h.describe(), TestModels.npz(s.reference()).get("input").tensor()));
        }
        assertEquals(before, TestModels.sha256Tree(s.model()), s + " changed");
        assertEquals(modified, modifiedTimes(s.model()), s + " touched");
    }

    private ModelDescription describe() throws CoactException {
        try (ModelHandle h = s.format().open(s.model(), OpenOptions.NONE)) {
            return h.describe();
        }
    }

    /** @return the layers {@code auto} picks, in forward order */
    protected static List<LayerInfo> autoLayers(ModelDescription d) {
        return d.layers().stream().filter(l -> l.is(LayerRole.ACTIVATION) && !l.is(LayerRole.MODEL_OUTPUT)).toList();
    }

    private static ExtractionRequest request(ModelDescription d, List<LayerInfo> layers) {
        return new ExtractionRequest(layers.stream().map(LayerInfo::name).toList(), d.outputs().get(0).name());
    }

    /**
     * The reference input in the model's input shape. Only axes of size 1 may move (torch's
     * [N,1,28,28] is Keras' [N,28,28,1]), so the values keep their order.
     */
    private static Map<String, FloatTensor> feed(ModelDescription d, FloatTensor input) {
        TensorSpec spec = d.inputs().get(0);
        long[] shape = spec.shape();
        shape[0] = input.batchSize();
        assertArrayEquals(withoutOnes(input.shape()), withoutOnes(shape),
                "reference input " + Arrays.toString(input.shape()) + " does not fit " + spec);
        return Map.of(spec.name(), new FloatTensor(shape, input.data()));
    }

    private static long[] withoutOnes(long[] shape) {
        return Arrays.stream(shape, 1, shape.length).filter(n -> n != 1).toArray();
    }

    private static long perSample(long[] shape) {
        return Arrays.stream(shape, 1, shape.length).reduce(1, (a, b) -> a * b);
    }

    private static void failsCleanly(Executable use, String what) {
        Throwable t = assertThrows(Throwable.class, use, what + " must fail");
        assertTrue(t instanceof IllegalStateException || t instanceof CoactException,
                what + ": expected IllegalStateException or a CoactException, got " + t);
        assertTrue(t.getMessage() != null && !t.getMessage().isBlank() && !t.getMessage().contains("\n"),
                what + ": the message must be one non-blank line: " + t.getMessage());
    }

    private static Map<String, FileTime> modifiedTimes(Path model) throws Exception {
        Map<String, FileTime> out = new java.util.TreeMap<>();
        try (Stream<Path> files = Files.walk(model)) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                out.put(f.toString(), Files.getLastModifiedTime(f));
            }
        }
        return out;
    }
}
