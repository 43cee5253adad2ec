package org.coact.plugin.dl4j;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.coact.api.ModelException;
import org.deeplearning4j.util.ModelSerializer;

/**
 * Deeplearning4j {@code ModelSerializer} zips: {@code configuration.json} (a
 * {@code MultiLayerConfiguration}, which has {@code confs}, or a
 * {@code ComputationGraphConfiguration}, which has {@code vertices}) and {@code coefficients.bin}
 * (the parameters), perhaps with an updater state and a normaliser. Recognition reads only the zip
 * directory; {@link #inspect} the small configuration entry; {@link #load} needs the engine.
 */
final class ModelZip {

    static final String CONFIGURATION = "configuration.json";
    static final String COEFFICIENTS = "coefficients.bin";

    private static final byte[] ZIP_MAGIC = {'P', 'K', 3, 4};

    /** Which DL4J network class a zip holds. */
    enum Kind {
        /** {@code MultiLayerNetwork}. */
        MULTI_LAYER,
        /** {@code ComputationGraph}. */
        GRAPH
    }

    private ModelZip() {
    }

    /** @return whether the file is a zip holding both ModelSerializer entries; never throws */
    static boolean hasModelEntries(Path path) {
        try (ZipFile zip = new ZipFile(path.toFile())) {
            return zip.getEntry(CONFIGURATION) != null && zip.getEntry(COEFFICIENTS) != null;
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    /**
     * Checks the zip without the engine.
     *
     * @param path an existing regular file
     * @return what it holds
     * @throws ModelException one line naming the file: not a zip, truncated, not a DL4J model
     */
    static Kind inspect(Path path) throws ModelException {
        try (ZipFile zip = new ZipFile(path.toFile())) {
            ZipEntry conf = zip.getEntry(CONFIGURATION);
            if (conf == null || zip.getEntry(COEFFICIENTS) == null) {
                List<String> names = Collections.list(zip.entries()).stream().map(ZipEntry::getName).limit(6).toList();
                throw new ModelException(path + " is not a Deeplearning4j model: a ModelSerializer zip holds "
                        + CONFIGURATION + " and " + COEFFICIENTS + ", this zip has " + (zip.size() == 0 ? "no entries"
                                : names + (zip.size() > names.size() ? " and " + (zip.size() - names.size()) + " more" : "")));
            }
            String json;
            try (InputStream in = zip.getInputStream(conf)) {
                json = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
            if (json.contains("\"vertices\"")) {
                return Kind.GRAPH;
            }
            if (json.contains("\"confs\"")) {
                return Kind.MULTI_LAYER;
            }
            throw new ModelException(path + " is not a Deeplearning4j model: its " + CONFIGURATION
                    + " is neither a MultiLayerNetwork nor a ComputationGraph configuration");
        } catch (ModelException e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            if (startsWithZipMagic(path)) {
                throw new ModelException(path + " is a truncated or corrupt zip archive: " + Engine.firstLine(e), e);
            }
            throw new ModelException(path + " is not a Deeplearning4j model: not a zip archive (a ModelSerializer .zip "
                    + "is expected)", e);
        }
    }

    /**
     * Restores the network (engine code, inside {@link Engine#call}); the updater state is not read.
     *
     * @param path the zip
     * @param kind what {@link #inspect} found
     * @return the network
     * @throws ModelException naming the file when DL4J cannot restore it
     */
    static Network load(Path path, Kind kind) throws ModelException {
        try {
            return kind == Kind.GRAPH ? new GraphNetwork(ModelSerializer.restoreComputationGraph(path.toFile(), false))
                    : new SequentialNetwork(ModelSerializer.restoreMultiLayerNetwork(path.toFile(), false));
        } catch (IOException | RuntimeException e) {
            throw new ModelException("cannot load Deeplearning4j model " + path + ": " + Engine.firstLine(e), e);
        }
    }

    private static boolean startsWithZipMagic(Path path) {
        try (InputStream in = Files.newInputStream(path)) {
            return java.util.Arrays.equals(in.readNBytes(4), ZIP_MAGIC);
        } catch (IOException e) {
            return false;
        }
    }
}
