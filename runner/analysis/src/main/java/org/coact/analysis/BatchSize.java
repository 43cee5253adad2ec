package org.coact.analysis;

/**
 * The {@code batch_size} setting: samples per forward pass, fixed, or {@code auto}. Counts are
 * integers, so the figures do not depend on it (METHOD.md 4); it changes speed and memory. A
 * run resolves {@code auto} once its first sample has shown the layers' sizes, before any pass
 * ({@link HeapBudget#largestBatch}): {@value #AUTO_LIMIT}, or, where its batches in flight would
 * not fit the free heap beside the counts, the largest batch that does (at least 1), and never
 * more than one Java array holds of each input array. {@value #AUTO_LIMIT} because each batch sweeps the pair counts once: the
 * 784-4096-4096-10 MLP at 20,000 samples counted in 40 s at 64 and 18 s at 256, while the bundled
 * models ran alike at 64 and 256 (docs/BENCHMARKS.md). A fixed size that does not fit is refused,
 * naming the largest that does; {@code auto} never refuses for lack of heap what one sample at a
 * time could do.
 *
 * @param samples samples per forward pass, {@code >= 1}, or 0 for {@code auto}
 */
public record BatchSize(int samples) {

    /** The most samples {@code auto} puts in one batch. */
    public static final int AUTO_LIMIT = 256;

    /** {@code batch_size: auto}. */
    public static final BatchSize AUTO = new BatchSize(0);

    /** Validates. */
    public BatchSize {
        if (samples < 0) {
            throw new IllegalArgumentException("batch_size: must be 'auto' or >= 1, got " + samples);
        }
    }

    /**
     * @param samples samples per forward pass
     * @return that fixed size
     * @throws IllegalArgumentException if below 1
     */
    public static BatchSize of(int samples) {
        if (samples < 1) {
            throw new IllegalArgumentException("batch_size: must be 'auto' or >= 1, got " + samples);
        }
        return new BatchSize(samples);
    }

    /** @return whether the run chooses the size */
    public boolean auto() {
        return samples == 0;
    }

    /** @return {@code auto} or the number, as the configuration writes it */
    @Override
    public String toString() {
        return auto() ? "auto" : Integer.toString(samples);
    }
}
