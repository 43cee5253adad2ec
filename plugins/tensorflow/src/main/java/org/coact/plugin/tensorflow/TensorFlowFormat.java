package org.coact.plugin.tensorflow;

import java.nio.file.Path;
import org.coact.api.CoactException;
import org.coact.api.format.ModelFormat;
import org.coact.api.format.ModelHandle;
import org.coact.api.format.OpenOptions;
import org.coact.api.format.Recognition;
import org.pf4j.Extension;

/**
 * The {@code tensorflow} model format: SavedModel directories (TF1, Keras/TF2, TF Java) run with
 * TensorFlow Java.
 *
 * <p>{@link #recognize} reads only the start of {@code saved_model.pb} (no engine). {@link #open}
 * parses the SavedModel proto first, so a missing tag or signature is reported with the ones that
 * exist before TensorFlow loads. Options ({@code --model-option KEY=VALUE}): {@code signature}
 * (default {@code serving_default}), {@code tag} (comma-separated tag set, default {@code serve})
 * and {@code threads} (intra-op threads, default {@code min(2, cores)}). Native logging is quiet
 * only when {@code TF_CPP_MIN_LOG_LEVEL} is set (e.g. to 2) before the JVM starts: TensorFlow reads
 * it from the process environment, which Java cannot change.
 */
@Extension
public final class TensorFlowFormat implements ModelFormat {

    /** Cheap: TensorFlow loads on the first {@link #open}. */
    public TensorFlowFormat() {
        // nothing to do
    }

    @Override
    public String id() {
        return "tensorflow";
    }

    @Override
    public java.util.Set<String> optionKeys() {
        return LoadOptions.KEYS;
    }

    @Override
    public String description() {
        return "TensorFlow SavedModel directories (TF1, Keras/TF2, TF Java) through TensorFlow Java";
    }

    @Override
    public Recognition recognize(Path path) {
        Path dir = SavedModelDir.directoryOf(path);
        if (dir == null || !SavedModelDir.hasSavedModelFile(dir)) {
            return Recognition.NO;
        }
        return SavedModelDir.looksLikeSavedModel(dir) ? Recognition.BY_CONTENT : Recognition.BY_NAME;
    }

    @Override
    public ModelHandle open(Path path, OpenOptions options) throws CoactException {
        SavedModelDir dir = SavedModelDir.read(path);
        return Loading.open(dir, LoadOptions.parse(options));
    }
}
