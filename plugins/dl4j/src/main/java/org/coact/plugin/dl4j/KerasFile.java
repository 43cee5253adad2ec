package org.coact.plugin.dl4j;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.coact.api.CoactException;
import org.coact.api.ModelException;
import org.coact.api.format.Recognition;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.modelimport.keras.Hdf5Archive;
import org.deeplearning4j.nn.modelimport.keras.KerasLayer;
import org.deeplearning4j.nn.modelimport.keras.KerasModel;
import org.deeplearning4j.nn.modelimport.keras.KerasSequentialModel;
import org.deeplearning4j.nn.modelimport.keras.exceptions.InvalidKerasConfigurationException;
import org.deeplearning4j.nn.modelimport.keras.exceptions.UnsupportedKerasConfigurationException;
import org.deeplearning4j.nn.modelimport.keras.utils.KerasModelBuilder;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.shade.jackson.databind.JsonNode;
import org.nd4j.shade.jackson.databind.ObjectMapper;

/**
 * Keras 2 HDF5 files ({@code model.save("x.h5")}): recognition from the HDF5 signature and the
 * {@code model_config} attribute name, and import with DL4J's Keras import (a {@code Sequential}
 * model becomes a {@code MultiLayerNetwork}, a functional one a {@code ComputationGraph}; layers
 * keep their Keras names). Activations DL4J's import lacks ({@code gelu}, {@code silu}) are edited
 * out of the config in memory and put back afterwards ({@link KerasActivations}); the file is
 * never written. Import failures are mapped to one line naming the Keras layer and its class where
 * DL4J names only the class or the activation.
 */
final class KerasFile {

    private static final byte[] HDF5_MAGIC = {(byte) 0x89, 'H', 'D', 'F', '\r', '\n', 0x1a, '\n'};
    /** HDF5 looks for its superblock at 0 and at 512 * 2^k (after a user block). */
    private static final long[] SUPERBLOCK_OFFSETS = {0, 512, 1024, 2048, 4096};
    private static final int SCAN_BYTES = 1 << 20;
    private static final byte[] MODEL_CONFIG = "model_config".getBytes(StandardCharsets.US_ASCII);
    private static final Pattern UNSUPPORTED_LAYER = Pattern.compile("(?i)unsupported keras layer type:? *(\\w+)");
    private static final Pattern LAMBDA = Pattern.compile("(?i)found for (\\w+) layer ([\\w./-]+?)\\.? ");
    private static final Pattern UNKNOWN_ACTIVATION = Pattern.compile("(?i)unknown keras activation function:? *(\\w+)");

    private KerasFile() {
    }

    /**
     * @param path a regular file
     * @return {@link Recognition#BY_CONTENT} for HDF5 mentioning {@code model_config} in its first
     *     MiB, {@link Recognition#BY_NAME} for other HDF5 files and for {@code .h5}/{@code .hdf5}
     *     names, else {@link Recognition#NO}
     */
    static Recognition recognize(Path path) {
        byte[] head;
        try (InputStream in = Files.newInputStream(path)) {
            head = in.readNBytes(SCAN_BYTES);
        } catch (IOException e) {
            return Recognition.NO;
        }
        if (isHdf5(head)) {
            return indexOf(head, MODEL_CONFIG) >= 0 ? Recognition.BY_CONTENT : Recognition.BY_NAME;
        }
        String name = path.getFileName() == null ? "" : path.getFileName().toString().toLowerCase(Locale.ROOT);
        return name.endsWith(".h5") || name.endsWith(".hdf5") ? Recognition.BY_NAME : Recognition.NO;
    }

    /** A Keras model imported into DL4J, with the input types its input layers declare. */
    record Imported(Network network, List<InputType> inputTypes) {
    }

    /**
     * Imports the model (engine code, inside {@link Engine#call}).
     *
     * @param path an existing regular file
     * @return the network and its input types
     * @throws CoactException one line naming the file: not HDF5, no model_config, an unsupported layer
     */
    static Imported load(Path path) throws CoactException {
        checkHdf5(path);
        JsonNode config = modelConfig(path);
        String cls = config.path("class_name").asText("");
        boolean sequential = cls.equals("Sequential");
        if (!sequential && !cls.equals("Model") && !cls.equals("Functional")) {
            throw new ModelException(path + ": Keras model class '" + cls + "' is not supported; Sequential and "
                    + "functional (Model, Functional) models are");
        }
        try (KerasModelBuilder builder = new KerasModel().modelBuilder().modelHdf5Filename(path.toString())
                .enforceTrainingConfig(false)) {
            // the builder has read model_config (plus keras_version and backend) and keeps the weights
            // root model_weights; only the JSON it imports is swapped for the edited one
            KerasActivations.Rewrite rewrite;
            try {
                rewrite = KerasActivations.rewrite(builder.getModelJson());
            } catch (ModelException e) {
                throw new ModelException(path + ": " + e.getMessage(), e);
            }
            builder.modelJson(rewrite.json());
            KerasModel model = sequential ? builder.buildSequential() : builder.buildModel();
            Network net;
            if (sequential) {
                MultiLayerNetwork mln = ((KerasSequentialModel) model).getMultiLayerNetwork();
                attach(path, () -> rewrite.attach(mln));
                net = new SequentialNetwork(mln);
            } else {
                ComputationGraph graph = model.getComputationGraph();
                attach(path, () -> rewrite.attach(graph));
                net = new GraphNetwork(graph);
            }
            List<InputType> types = new ArrayList<>();
            for (String input : model.getInputLayerNames()) {
                KerasLayer layer = model.getLayers().get(input);
                types.add(layer == null ? null : layer.getOutputType());
            }
            if (types.isEmpty() || types.size() != net.inputNames().size()) {
                types = net.declaredInputTypes();
            }
            return new Imported(net, types);
        } catch (UnsupportedKerasConfigurationException e) {
            throw new ModelException(path + ": " + unsupported(e, config), e);
        } catch (InvalidKerasConfigurationException e) {
            throw new ModelException(path + " is not a valid Keras model: " + Engine.firstLine(e), e);
        } catch (IOException | RuntimeException e) {
            throw new ModelException("cannot import Keras model " + path + ": " + Engine.firstLine(e), e);
        }
    }

    /** An attach step of {@link KerasActivations.Rewrite}. */
    @FunctionalInterface
    private interface Attach {
        void run() throws ModelException;
    }

    private static void attach(Path path, Attach step) throws ModelException {
        try {
            step.run();
        } catch (ModelException e) {
            throw new ModelException(path + ": " + e.getMessage(), e);
        }
    }

    /** Whether HDF5's own error printing is off (once per JVM). */
    private static final java.util.concurrent.atomic.AtomicBoolean HDF5_QUIET = new java.util.concurrent.atomic.AtomicBoolean();

    /**
     * Turns off the HDF5 library's automatic error stack printing (13 to 41 lines on stderr for
     * a truncated or corrupt file, beside Coact's one line) unless {@code COACT_DEBUG=1}; the
     * errors still reach Coact through the failing calls.
     */
    static void quietHdf5() {
        if ("1".equals(System.getenv("COACT_DEBUG")) || !HDF5_QUIET.compareAndSet(false, true)) {
            return;
        }
        try {
            org.bytedeco.hdf5.global.hdf5.H5open();
            org.bytedeco.hdf5.global.hdf5.H5Eset_auto2(org.bytedeco.hdf5.global.hdf5.H5E_DEFAULT(), null, null);
        } catch (LinkageError e) {
            // the native library does not load: opening the file reports that in one line
        }
    }

    private static void checkHdf5(Path path) throws ModelException {
        quietHdf5();
        byte[] head;
        try (InputStream in = Files.newInputStream(path)) {
            head = in.readNBytes(4096 + HDF5_MAGIC.length);
        } catch (IOException e) {
            throw new ModelException("cannot read model file " + path + ": " + e, e);
        }
        if (!isHdf5(head)) {
            throw new ModelException(path + " is not a Keras model: not an HDF5 file (a Keras 2 .h5 file is expected)");
        }
    }

    /** Reads and parses the root {@code model_config} attribute. */
    private static JsonNode modelConfig(Path path) throws ModelException {
        String json;
        try (Hdf5Archive archive = new Hdf5Archive(path.toString())) {
            if (!archive.hasAttribute("model_config")) {
                throw new ModelException(path + " is not a Keras model: it has no 'model_config' attribute (a weights-only "
                        + "file from save_weights has no architecture)");
            }
            json = archive.readAttributeAsJson("model_config");
        } catch (ModelException e) {
            throw e;
        } catch (Exception | LinkageError e) {
            throw new ModelException(path + " is not a readable HDF5 file (truncated or corrupt?): " + Engine.firstLine(e), e);
        }
        try {
            JsonNode node = new ObjectMapper().readTree(json);
            if (node == null || !node.isObject()) {
                throw new IOException("not a JSON object");
            }
            return node;
        } catch (IOException e) {
            throw new ModelException(path + " is not a Keras model: its model_config is not JSON: " + Engine.firstLine(e), e);
        }
    }

    /** @return the DL4J reason, naming the offending Keras layer and its class where it can be found */
    private static String unsupported(UnsupportedKerasConfigurationException e, JsonNode config) {
        String reason = Engine.firstLine(e);
        Matcher m = UNSUPPORTED_LAYER.matcher(reason);
        if (m.find()) {
            String cls = m.group(1);
            Optional<String> name = layers(config).stream().filter(l -> l[1].equals(cls)).map(l -> l[0]).findFirst();
            return "Keras layer " + name.map(n -> "'" + n + "' ").orElse("") + "(" + cls
                    + ") is not supported by Deeplearning4j's Keras import";
        }
        Matcher lambda = LAMBDA.matcher(reason);
        if (lambda.find()) {
            return "Keras layer '" + lambda.group(2) + "' (" + lambda.group(1)
                    + ") is not supported by Deeplearning4j's Keras import";
        }
        Matcher a = UNKNOWN_ACTIVATION.matcher(reason);
        if (a.find()) {
            String fn = a.group(1);
            Optional<String[]> layer = layers(config).stream().filter(l -> fn.equals(l[2])).findFirst();
            if (layer.isPresent()) {
                return "Keras layer '" + layer.get()[0] + "' (" + layer.get()[1] + ") uses activation '" + fn
                        + "', which Deeplearning4j's Keras import does not support (Coact adds gelu and silu)";
            }
        }
        return "unsupported by Deeplearning4j's Keras import: " + reason;
    }

    /** @return {name, class_name, activation} of each layer in the model config */
    private static List<String[]> layers(JsonNode config) {
        List<String[]> out = new ArrayList<>();
        for (JsonNode l : config.path("config").path("layers")) {
            JsonNode c = l.path("config");
            out.add(new String[] {c.path("name").asText(l.path("name").asText("")), l.path("class_name").asText(""),
                c.path("activation").isTextual() ? c.path("activation").asText() : null});
        }
        return out;
    }

    private static boolean isHdf5(byte[] head) {
        for (long offset : SUPERBLOCK_OFFSETS) {
            int at = (int) offset;
            if (head.length >= at + HDF5_MAGIC.length
                    && Arrays.equals(head, at, at + HDF5_MAGIC.length, HDF5_MAGIC, 0, HDF5_MAGIC.length)) {
                return true;
            }
        }
        return false;
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
