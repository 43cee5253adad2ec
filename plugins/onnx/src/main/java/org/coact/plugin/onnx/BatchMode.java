package org.coact.plugin.onnx;

/**
 * How an {@link OnnxModelHandle} runs a batch of any size through the model.
 */
public enum BatchMode {
    /** The model declares a free batch axis; batches run as they come. */
    DYNAMIC,
    /**
     * The export fixed the batch at 1; an in-memory copy with a symbolic batch axis passed a
     * probe with a batch of 2, so batches run whole through that copy.
     */
    BATCHED,
    /**
     * The export fixed the batch at 1 and the graph depends on it (e.g. a Reshape to
     * {@code [1, -1]}); samples run one at a time and the results are stacked.
     */
    PER_SAMPLE
}
