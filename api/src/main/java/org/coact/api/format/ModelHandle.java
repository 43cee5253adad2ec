package org.coact.api.format;

import org.coact.api.CoactException;

/** An opened model. Close it to release the engine's resources. */
public interface ModelHandle extends AutoCloseable {

    /** @return the model's inputs, outputs and extractable layers */
    ModelDescription describe();

    /**
     * Prepares extraction of the given layers.
     *
     * @param request layers and prediction output
     * @return an extractor bound to this model
     * @throws CoactException naming the first unknown layer or output
     */
    Extractor extractor(ExtractionRequest request) throws CoactException;

    /** Releases engine resources; further use is an error. */
    @Override
    void close();
}
