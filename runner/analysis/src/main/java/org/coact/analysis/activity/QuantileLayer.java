package org.coact.analysis.activity;

import static org.coact.analysis.activity.QuantileSelector.MAX_PASSES;
import static org.coact.analysis.activity.QuantileSelector.key;
import static org.coact.analysis.activity.QuantileSelector.value;

import java.util.Arrays;

/**
 * One layer's selection state. Slot {@code f * slots + s} is neuron {@code f}'s wanted rank
 * {@code s}; histogram {@code h} occupies {@code [h * 256, h * 256 + 256)} of the arrays.
 */
final class QuantileLayer implements java.io.Serializable {

    private static final long serialVersionUID = 1L;

    /** Buckets per histogram: one per value of a key byte. */
    static final int BUCKETS = 256;

    final int features;
    final int slots;
    final long[] prefix;
    final long[] rank;
    final long[] candidates;
    final boolean[] known;
    final double[] value;
    /** Histogram slot each open slot reads this pass: its own, or slot 0 of its neuron when shared. */
    final int[] source;

    QuantileLayer(int features, long[] ranks, long samples) {
        this.features = features;
        this.slots = ranks.length;
        int size = features * slots;
        prefix = new long[size];
        rank = new long[size];
        candidates = new long[size];
        known = new boolean[size];
        value = new double[size];
        source = new int[size];
        for (int f = 0; f < features; f++) {
            for (int s = 0; s < slots; s++) {
                rank[f * slots + s] = ranks[s];
                candidates[f * slots + s] = samples;
            }
        }
        startPass();
    }

    /** Decides which open slots share one histogram this pass. */
    private void startPass() {
        for (int i = 0; i < source.length; i++) {
            int first = i - i % slots;
            boolean shared = i != first && !known[i] && !known[first] && prefix[i] == prefix[first];
            source[i] = known[i] ? -1 : shared ? first : i;
        }
    }

    /** @return the index of a neuron with a NaN value, or -1 */
    int count(double[] values, int batch, int pass, Histogram h) {
        long[] counts = h.counts;
        long[] min = h.min;
        long[] max = h.max;
        int shift = 56 - 8 * pass;
        for (int f = 0; f < features; f++) {
            for (int s = 0; s < slots; s++) {
                int slot = f * slots + s;
                if (source[slot] != slot) {
                    continue; // known, or reads slot 0's histogram
                }
                long want = prefix[slot];
                int base = slot * BUCKETS;
                for (int i = 0; i < batch; i++) {
                    double v = values[i * features + f];
                    if (v != v) {
                        return f;
                    }
                    long key = key(v);
                    if (pass > 0 && key >>> (shift + 8) != want) {
                        continue;
                    }
                    int b = base + ((int) (key >>> shift) & 0xFF);
                    counts[b]++;
                    if (Long.compareUnsigned(key, min[b]) < 0) {
                        min[b] = key;
                    }
                    if (Long.compareUnsigned(key, max[b]) > 0) {
                        max[b] = key;
                    }
                }
            }
        }
        return -1;
    }

    /** @return null, or the index of a neuron whose candidates changed in number */
    String narrow(int pass, Histogram h) {
        long[] counts = h.counts;
        long[] min = h.min;
        long[] max = h.max;
        for (int slot = 0; slot < known.length; slot++) {
            if (known[slot]) {
                continue;
            }
            int base = source[slot] * BUCKETS;
            long total = 0;
            for (int b = 0; b < BUCKETS; b++) {
                total += counts[base + b];
            }
            if (total != candidates[slot]) {
                return String.valueOf(slot / slots);
            }
            long below = 0;
            int b = 0;
            while (below + counts[base + b] <= rank[slot]) {
                below += counts[base + b];
                b++;
            }
            long k = rank[slot] - below;
            long n = counts[base + b];
            prefix[slot] = prefix[slot] << 8 | b;
            rank[slot] = k;
            candidates[slot] = n;
            long lowest = min[base + b];
            long highest = max[base + b];
            if (lowest == highest || k == 0 || pass == MAX_PASSES - 1) {
                known[slot] = true;
                value[slot] = value(lowest);
            } else if (k == n - 1) {
                known[slot] = true;
                value[slot] = value(highest);
            }
        }
        startPass();
        return null;
    }

    boolean open() {
        for (boolean k : known) {
            if (!k) {
                return true;
            }
        }
        return false;
    }

    /** @return the number of (neuron, wanted rank) slots */
    int slotCount() {
        return source.length;
    }

    /** One layer's 256-bucket histograms (count, smallest and largest key) per slot, for one pass. */
    static final class Histogram implements java.io.Serializable {

    private static final long serialVersionUID = 1L;
        final long[] counts;
        final long[] min;
        final long[] max;

        Histogram(int slots) {
            counts = new long[slots * BUCKETS];
            min = new long[slots * BUCKETS];
            max = new long[slots * BUCKETS];
            Arrays.fill(min, -1L);
        }

        void merge(Histogram other) {
            for (int i = 0; i < counts.length; i++) {
                counts[i] += other.counts[i];
                if (Long.compareUnsigned(other.min[i], min[i]) < 0) {
                    min[i] = other.min[i];
                }
                if (Long.compareUnsigned(other.max[i], max[i]) > 0) {
                    max[i] = other.max[i];
                }
            }
        }
    }
}
