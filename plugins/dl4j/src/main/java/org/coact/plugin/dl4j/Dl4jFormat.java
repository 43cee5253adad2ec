package org.coact.plugin.dl4j;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import org.coact.api.CoactException;
import org.coact.api.ModelException;
import org.coact.api.format.ModelFormat;
import org.coact.api.format.ModelHandle;
import org.coact.api.format.OpenOptions;
import org.coact.api.format.Recognition;
import org.pf4j.Extension;

/**
 * The {@code dl4j} model format: Deeplearning4j {@code ModelSerializer} zips of a
 * {@code MultiLayerNetwork} or a {@code ComputationGraph}.
 *
 * <p>{@link #recognize} reads only the zip directory ({@code configuration.json} and
 * {@code coefficients.bin} present: {@link Recognition#BY_CONTENT}; any other {@code .zip}:
 * {@link Recognition#BY_NAME}, so that opening it explains what is missing). Layers are named by
 * their DL4J layer (or vertex) name, or their index where unnamed. Options: {@code threads}
 * (ND4J's threads, see {@link Engine}) and {@code input-shape} (see {@link InputTypes}).
 */
@Extension
public final class Dl4jFormat implements ModelFormat {

    /** Cheap: ND4J loads on the first {@link #open}. */
    public Dl4jFormat() {
        // nothing to do
    }

    @Override
    public String id() {
        return "dl4j";
    }

    @Override
    public java.util.Set<String> optionKeys() {
        return Engine.KEYS;
    }

    @Override
    public String description() {
        return "Deeplearning4j ModelSerializer zips (MultiLayerNetwork, ComputationGraph)";
    }

    @Override
    public Recognition recognize(Path path) {
        if (path == null || !Files.isRegularFile(path)) {
            return Recognition.NO;
        }
        if (ModelZip.hasModelEntries(path)) {
            return Recognition.BY_CONTENT;
        }
        Path name = path.getFileName();
        return name != null && name.toString().toLowerCase(Locale.ROOT).endsWith(".zip") ? Recognition.BY_NAME
                : Recognition.NO;
    }

    @Override
    public ModelHandle open(Path path, OpenOptions options) throws CoactException {
        checkFile(path, "a DL4J model is a single ModelSerializer .zip file");
        ModelZip.Kind kind = ModelZip.inspect(path);
        Engine.start(options, System.getenv());
        try {
            return Engine.call(() -> {
                Network net = ModelZip.load(path, kind);
                return Dl4jModelHandle.create(path, net, InputTypes.resolve(net, null, options, path));
            });
        } catch (CoactException e) {
            throw e;
        } catch (Exception | LinkageError e) {
            throw new ModelException("cannot load Deeplearning4j model " + path + ": " + Engine.firstLine(e), e);
        }
    }

    /**
     * @param path the user's path
     * @param what what a model of the format is, for the message
     * @throws ModelException if the path is missing or not a regular file
     */
    static void checkFile(Path path, String what) throws ModelException {
        if (!Files.exists(path)) {
            throw new ModelException("model file not found: " + path);
        }
        if (!Files.isRegularFile(path)) {
            throw new ModelException(path + " is not a file; " + what);
        }
    }
}
