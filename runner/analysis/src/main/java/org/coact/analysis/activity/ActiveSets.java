package org.coact.analysis.activity;

import java.util.Arrays;

/**
 * Which neurons of one layer are active on each sample of one batch, kept only while the batch
 * is counted. Holds the active indices per sample (CSR layout) and, on demand, one bitset over
 * the batch's samples per neuron that was active at least once.
 */
final class ActiveSets {

    private final int batch;
    private final int features;
    private final int[] start;
    private final int[] index;
    private final int[] everActive;
    private long[] bits;

    /**
     * @param reduced {@code [batch, features]} row-major values
     * @param taus one threshold per neuron; active iff value {@code > tau}
     */
    ActiveSets(double[] reduced, int batch, int features, double[] taus) {
        this.batch = batch;
        this.features = features;
        this.start = new int[batch + 1];
        int[] buffer = new int[Math.max(16, features)];
        int size = 0;
        boolean[] seen = new boolean[features];
        int seenCount = 0;
        for (int i = 0; i < batch; i++) {
            start[i] = size;
            int row = i * features;
            if (buffer.length - size < features) {
                buffer = Arrays.copyOf(buffer, Math.max(buffer.length * 2, size + features));
            }
            for (int f = 0; f < features; f++) {
                if (reduced[row + f] > taus[f]) {
                    buffer[size++] = f;
                    if (!seen[f]) {
                        seen[f] = true;
                        seenCount++;
                    }
                }
            }
        }
        start[batch] = size;
        this.index = Arrays.copyOf(buffer, size);
        this.everActive = new int[seenCount];
        for (int f = 0, r = 0; f < features; f++) {
            if (seen[f]) {
                everActive[r++] = f;
            }
        }
    }

    /** Adds {@code c_j} and {@code c_jc} of this batch; {@code offset} is the layer's first global neuron. */
    void addActivity(long[] active, long[] activePerClass, int offset, int[] labels, int classes) {
        for (int i = 0; i < batch; i++) {
            int label = labels[i];
            for (int p = start[i]; p < start[i + 1]; p++) {
                int j = offset + index[p];
                active[j]++;
                activePerClass[j * classes + label]++;
            }
        }
    }

    /** @return the work of counting pairs with {@code next} sample by sample */
    long sparseCost(ActiveSets next) {
        long cost = 0;
        for (int i = 0; i < batch; i++) {
            cost += (long) (start[i + 1] - start[i]) * (next.start[i + 1] - next.start[i]);
        }
        return cost;
    }

    /** @return the work of counting pairs with {@code next} by bitset intersections */
    long bitsetCost(ActiveSets next) {
        return (long) everActive.length * next.everActive.length * words();
    }

    /** Adds, sample by sample, 1 to {@code pairs[j * next.features + k]} for every active pair. */
    void countPairsSparse(ActiveSets next, long[] pairs) {
        int width = next.features;
        for (int i = 0; i < batch; i++) {
            int nextFrom = next.start[i];
            int nextTo = next.start[i + 1];
            for (int p = start[i]; p < start[i + 1]; p++) {
                int row = index[p] * width;
                for (int q = nextFrom; q < nextTo; q++) {
                    pairs[row + next.index[q]]++;
                }
            }
        }
    }

    /** Adds {@code popcount(bits_j & bits_k)} to {@code pairs[j * next.features + k]}. */
    void countPairsBitset(ActiveSets next, long[] pairs) {
        int words = words();
        long[] mine = bits();
        long[] theirs = next.bits();
        int width = next.features;
        for (int r = 0; r < everActive.length; r++) {
            int row = everActive[r] * width;
            int a = r * words;
            for (int s = 0; s < next.everActive.length; s++) {
                int b = s * words;
                long count = 0;
                for (int w = 0; w < words; w++) {
                    count += Long.bitCount(mine[a + w] & theirs[b + w]);
                }
                pairs[row + next.everActive[s]] += count;
            }
        }
    }

    private int words() {
        return (batch + 63) >>> 6;
    }

    private long[] bits() {
        if (bits == null) {
            int words = words();
            int[] rowOf = new int[features];
            for (int r = 0; r < everActive.length; r++) {
                rowOf[everActive[r]] = r;
            }
            bits = new long[everActive.length * words];
            for (int i = 0; i < batch; i++) {
                long bit = 1L << (i & 63);
                int word = i >>> 6;
                for (int p = start[i]; p < start[i + 1]; p++) {
                    bits[rowOf[index[p]] * words + word] |= bit;
                }
            }
        }
        return bits;
    }
}
