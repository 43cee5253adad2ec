package org.coact.api.format;

import java.util.Map;
import org.coact.api.CoactException;
import org.coact.api.FloatTensor;

/**
 * Runs batches through a model and returns the model output plus the activations of the
 * layers named in the {@link ExtractionRequest} it was created for. Not thread-safe; one per
 * thread.
 */
public interface Extractor extends AutoCloseable {

    /**
     * Runs one batch.
     *
     * @param inputs model input name to a tensor with the batch axis first; all inputs have
     *     the same batch size
     * @return the output and the requested activations for the same samples, in order
     * @throws CoactException if the inputs do not fit the model or the engine fails
     */
    BatchResult run(Map<String, FloatTensor> inputs) throws CoactException;

    /** Releases engine resources. */
    @Override
    void close();
}
