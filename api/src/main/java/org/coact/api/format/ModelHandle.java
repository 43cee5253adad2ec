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

    /**
     * Tells the model which inputs are fixed for the whole run (the config's {@code inputs:},
     * e.g. a sample rate): a format may use them to simplify the graph, for instance by
     * replacing control flow whose condition becomes constant by the branch taken, which makes
     * the layers inside that branch extractable. The inputs are still fed with every batch.
     * Call before {@link #describe()} and {@link #extractor}; the default does nothing.
     *
     * @param values input name to the value every element of it has
     * @return a sentence on what changed (e.g. "folded 2 If nodes"), empty if nothing did
     * @throws CoactException if the values cannot be applied
     */
    default String fixInputs(java.util.Map<String, Double> values) throws CoactException {
        return "";
    }

    /** Releases engine resources; further use is an error. */
    @Override
    void close();
}
