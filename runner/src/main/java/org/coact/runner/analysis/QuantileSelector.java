package org.coact.runner.analysis;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import org.coact.api.DataException;

/**
 * Exact per-neuron quantiles of a streamed dataset (METHOD.md section 3, option
 * {@code threshold: quantile q}), by multi-pass radix selection: no value is kept, and the
 * result equals sorting every neuron's values.
 *
 * <p><b>Definition.</b> {@code tau_j = numpy.quantile(v_j, q)} with numpy's default
 * {@code 'linear'} method (Hyndman and Fan's type 7), over the {@code n} reduced values
 * {@code v_j} of neuron {@code j} as {@link NeuronReduction} makes them (doubles: float32
 * activations widened, conv channels as double means). With {@code h = (n - 1) q},
 * {@code lo = floor(h)}, {@code hi = min(lo + 1, n - 1)}, {@code g = h - lo} and the sorted
 * values {@code s}, it is numpy 1.24's {@code _lerp}: {@code s_lo + (s_hi - s_lo) g} when
 * {@code g < 0.5}, else {@code s_hi - (s_hi - s_lo)(1 - g)}, bit for bit. When {@code g = 0}
 * only rank {@code lo} is selected and {@code tau_j = s_lo}, which is numpy's value whenever
 * {@code s_hi - s_lo} is finite (numpy gives NaN when it is infinite). {@code -0.0} is counted
 * as {@code +0.0}. A NaN value is an error: its rank is undefined.
 *
 * <p><b>Algorithm.</b> Each double becomes a 64-bit key whose unsigned order is the numeric
 * order (sign bit flipped for positives, all bits flipped for negatives). Pass {@code p}
 * (0..7) streams the dataset once and, for every neuron and wanted rank still open, builds a
 * 256-bucket histogram of key byte {@code 7 - p} over the values whose higher bytes equal the
 * prefix chosen so far, keeping each bucket's smallest and largest key. After the pass the
 * bucket holding the rank becomes the new prefix. A rank is known as soon as its bucket holds
 * a single value, or the rank is the bucket's first or last: then the bucket's minimum or
 * maximum is the value. While ranks {@code lo} and {@code hi} share a prefix they share one
 * histogram. At most 8 passes; values widened from float32 (whose low 29 bits are zero) are
 * resolved within 5, and a ReLU neuron whose quantile is exactly 0 after the first.
 *
 * <p><b>Cost.</b> Memory: 3 x 256 longs per neuron and open rank, 12 KiB per neuron, whatever
 * the dataset size. Time: O(n F) per pass. Deterministic; independent of batch sizes and
 * order, since every histogram is a sum. Each pass checks that it sees the same number of
 * candidates as the pass before, so a dataset or model that changes between passes is
 * reported instead of giving a wrong quantile.
 *
 * <p>Mutable and not thread-safe. Use: {@code while (!done()) { accept(...) for every batch;
 * finishPass(); }}, then {@link #threshold()}.
 */
public final class QuantileSelector {

    /** The most passes a selection takes: one per key byte. */
    public static final int MAX_PASSES = 8;

    private static final int BUCKETS = 256;

    private final List<LayerShape> layers;
    private final long samples;
    private final double q;
    private final long[] ranks;
    private final double gamma;
    private final Layer[] state;
    private int pass;
    private boolean done;

    /**
     * @param layers the selected layers in forward order, at least one
     * @param samples n, the number of samples every pass will stream, {@code >= 1}
     * @param q the quantile, {@code 0 <= q <= 1}
     */
    public QuantileSelector(List<LayerShape> layers, long samples, double q) {
        this.layers = List.copyOf(Objects.requireNonNull(layers, "layers"));
        if (this.layers.isEmpty()) {
            throw new IllegalArgumentException("at least one layer is required");
        }
        if (samples < 1) {
            throw new IllegalArgumentException("quantiles need at least one sample, got " + samples);
        }
        if (!(q >= 0.0 && q <= 1.0)) {
            throw new IllegalArgumentException("quantile must be in [0, 1], got " + q);
        }
        this.samples = samples;
        this.q = q;
        double h = (samples - 1) * q;
        long lo = (long) Math.floor(h);
        this.gamma = h - lo;
        long hi = Math.min(lo + 1, samples - 1);
        this.ranks = gamma == 0.0 || hi == lo ? new long[] {lo} : new long[] {lo, hi};
        this.state = new Layer[this.layers.size()];
        for (int t = 0; t < state.length; t++) {
            state[t] = new Layer(this.layers.get(t).neurons(), ranks, samples);
        }
    }

    /** @return the quantile q */
    public double q() {
        return q;
    }

    /** @return the 0-based sorted positions selected for every neuron ({@code lo}, and {@code hi} if needed) */
    public long[] ranks() {
        return ranks.clone();
    }

    /** @return the number of passes finished so far */
    public int passes() {
        return pass;
    }

    /** @return whether every neuron's quantile is known */
    public boolean done() {
        return done;
    }

    /**
     * Folds one batch of the current pass into the histograms.
     *
     * @param reducedPerLayer per selected layer, {@code [batchSize, F_t]} row-major values
     * @param batchSize B, {@code >= 0}
     * @throws DataException naming the layer and neuron of a NaN value
     * @throws IllegalStateException if the selection is done
     * @throws IllegalArgumentException if the arrays do not have the sizes stated
     */
    public void accept(List<double[]> reducedPerLayer, int batchSize) throws DataException {
        if (done) {
            throw new IllegalStateException("every quantile is already known");
        }
        if (reducedPerLayer.size() != layers.size()) {
            throw new IllegalArgumentException("expected values for " + layers.size() + " layers, got "
                    + reducedPerLayer.size());
        }
        for (int t = 0; t < layers.size(); t++) {
            long expected = (long) batchSize * layers.get(t).neurons();
            if (batchSize < 0 || reducedPerLayer.get(t).length != expected) {
                throw new IllegalArgumentException("layer " + layers.get(t).name() + ": expected " + expected
                        + " values, got " + reducedPerLayer.get(t).length);
            }
        }
        for (int t = 0; t < layers.size(); t++) {
            int bad = state[t].count(reducedPerLayer.get(t), batchSize, pass);
            if (bad >= 0) {
                throw new DataException("neuron " + layers.get(t).neuronId(bad) + " has a NaN value; its "
                        + q + "-quantile is undefined");
            }
        }
    }

    /**
     * Ends the current pass: narrows every open rank to one key byte more, and resolves what it can.
     *
     * @throws DataException if this pass saw a different number of candidate values than the
     *     previous one (the data or the model changed between passes)
     */
    public void finishPass() throws DataException {
        if (done) {
            throw new IllegalStateException("every quantile is already known");
        }
        boolean open = false;
        for (int t = 0; t < layers.size(); t++) {
            String mismatch = state[t].narrow(pass);
            if (mismatch != null) {
                throw new DataException("quantile pass " + (pass + 1) + " saw a different number of values for neuron "
                        + layers.get(t).name() + ":" + mismatch + " than the pass before; the dataset of " + samples
                        + " samples or the model's output changed between passes");
            }
            open |= state[t].open();
        }
        pass++;
        done = !open;
        if (!done && pass == MAX_PASSES) {
            throw new IllegalStateException("8 key bytes did not determine every quantile");
        }
    }

    /**
     * @return the per-neuron thresholds
     * @throws IllegalStateException unless {@link #done()}
     */
    public Threshold.Quantile threshold() {
        if (!done) {
            throw new IllegalStateException("quantiles are not known yet after " + pass + " passes");
        }
        List<double[]> taus = new ArrayList<>(layers.size());
        for (Layer layer : state) {
            double[] tau = new double[layer.features];
            for (int f = 0; f < tau.length; f++) {
                double lo = layer.value[f * layer.slots];
                tau[f] = layer.slots == 1 ? lo : lerp(lo, layer.value[f * layer.slots + 1], gamma);
            }
            taus.add(tau);
        }
        return new Threshold.Quantile(q, taus);
    }

    /**
     * numpy 1.24's {@code _lerp}: {@code a + (b - a) t} for {@code t < 0.5}, else
     * {@code b - (b - a)(1 - t)}, which is exact at both ends.
     *
     * @param a the lower value
     * @param b the upper value
     * @param t the weight, in [0, 1)
     * @return the interpolated value
     */
    static double lerp(double a, double b, double t) {
        double diff = b - a;
        return t >= 0.5 ? b - diff * (1 - t) : a + diff * t;
    }

    /**
     * @param v a value, not NaN
     * @return a key whose unsigned order is v's numeric order ({@code -0.0} maps to {@code +0.0}'s key)
     */
    static long key(double v) {
        long bits = Double.doubleToRawLongBits(v + 0.0);
        return bits < 0 ? ~bits : bits ^ Long.MIN_VALUE;
    }

    /** @param key a {@link #key} @return its value */
    static double value(long key) {
        return Double.longBitsToDouble(key < 0 ? key ^ Long.MIN_VALUE : ~key);
    }

    /**
     * One layer's selection state. Slot {@code f * slots + s} is neuron {@code f}'s wanted rank
     * {@code s}; histogram {@code h} occupies {@code [h * 256, h * 256 + 256)} of the arrays.
     */
    private static final class Layer {

        final int features;
        final int slots;
        final long[] prefix;
        final long[] rank;
        final long[] candidates;
        final boolean[] known;
        final double[] value;
        /** Histogram slot each open slot reads this pass: its own, or slot 0 of its neuron when shared. */
        final int[] source;
        final long[] counts;
        final long[] min;
        final long[] max;

        Layer(int features, long[] ranks, long samples) {
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
            counts = new long[size * BUCKETS];
            min = new long[size * BUCKETS];
            max = new long[size * BUCKETS];
            startPass();
        }

        /** Clears the histograms and decides which open slots share one. */
        private void startPass() {
            Arrays.fill(counts, 0L);
            Arrays.fill(min, -1L);
            Arrays.fill(max, 0L);
            for (int i = 0; i < source.length; i++) {
                int first = i - i % slots;
                boolean shared = i != first && !known[i] && !known[first] && prefix[i] == prefix[first];
                source[i] = known[i] ? -1 : shared ? first : i;
            }
        }

        /** @return the index of a neuron with a NaN value, or -1 */
        int count(double[] values, int batch, int pass) {
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
        String narrow(int pass) {
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
    }
}
