package org.coact.api.format;

import java.nio.file.Path;
import java.util.Set;
import org.coact.api.CoactException;
import org.pf4j.ExtensionPoint;

/**
 * A model format (ONNX, TensorFlow SavedModel, DL4J...). Implementations are PF4J extensions
 * shipped in a plugin that bundles its engine in its own {@code lib/}; the runner never has an
 * engine on its class path. Implementations must be cheap to construct: engines load in
 * {@link #open}.
 */
public interface ModelFormat extends ExtensionPoint {

    /** @return the short id users pass to {@code --format}, e.g. {@code onnx} */
    String id();

    /** @return a one-line description for {@code coact plugins} */
    String description();

    /**
     * Says whether this format can open the path, without loading the engine.
     *
     * @param path a file or directory the user named
     * @return how sure the format is; {@link Recognition#NO} if not at all
     */
    Recognition recognize(Path path);

    /**
     * @return the option keys {@link #open} reads ({@code --model-option KEY=VALUE},
     *     {@code --signature}, {@code --tag}); the runner refuses any other key, naming it,
     *     before it calls {@code open}, so a plugin never sees an unknown one
     */
    Set<String> optionKeys();

    /**
     * Opens a model.
     *
     * @param path the model file or directory; never modified
     * @param options format-specific options, only keys of {@link #optionKeys()}
     * @return the opened model
     * @throws CoactException (usually a {@link org.coact.api.ModelException}) naming the file
     *     and what is wrong with it
     */
    ModelHandle open(Path path, OpenOptions options) throws CoactException;
}
