package org.coact.plugin.dl4j;

import java.nio.file.Path;
import org.coact.api.CoactException;
import org.coact.api.ModelException;
import org.coact.api.format.ModelFormat;
import org.coact.api.format.ModelHandle;
import org.coact.api.format.OpenOptions;
import org.coact.api.format.Recognition;
import org.pf4j.Extension;

/**
 * The {@code keras} model format: Keras 2 {@code .h5} files (Sequential and functional models),
 * imported with Deeplearning4j's Keras import and run by the same engine as {@link Dl4jFormat}.
 * A format of its own, so reports say {@code keras} and users can pass {@code --format keras};
 * it lives in the dl4j plugin because it needs DL4J's engine. Layers keep their Keras names;
 * Keras' default {@code channels_last} convolutions stay NHWC (channel axis 3). Options as for
 * {@link Dl4jFormat}.
 */
@Extension
public final class KerasFormat implements ModelFormat {

    /** Cheap: ND4J loads on the first {@link #open}. */
    public KerasFormat() {
        // nothing to do
    }

    @Override
    public String id() {
        return "keras";
    }

    @Override
    public java.util.Set<String> optionKeys() {
        return Engine.KEYS;
    }

    @Override
    public String description() {
        return "Keras 2 .h5 models (Sequential, functional) through Deeplearning4j's Keras import";
    }

    @Override
    public Recognition recognize(Path path) {
        if (path == null || !java.nio.file.Files.isRegularFile(path)) {
            return Recognition.NO;
        }
        return KerasFile.recognize(path);
    }

    @Override
    public ModelHandle open(Path path, OpenOptions options) throws CoactException {
        Dl4jFormat.checkFile(path, "a Keras model is a single .h5 file");
        Engine.start(options, System.getenv());
        try {
            return Engine.call(() -> {
                KerasFile.Imported k = KerasFile.load(path);
                return Dl4jModelHandle.create(path, k.network(),
                        InputTypes.resolve(k.network(), k.inputTypes(), options, path));
            });
        } catch (CoactException e) {
            throw e;
        } catch (Exception | LinkageError e) {
            throw new ModelException("cannot import Keras model " + path + ": " + Engine.firstLine(e), e);
        }
    }
}
