package org.coact.analysis.activity;

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
 * <p><b>Shards.</b> A pass over disjoint parts of the dataset can run in parallel: each part
 * fills its own {@link #histograms() Histograms} of the current pass, which {@link
 * Histograms#merge merge} by adding counts and keeping the extreme keys; {@link
 * #finishPass(Histograms)} then takes the merged ones. The result does not depend on the split.
 * The selector and its histograms are Serializable, so a pass can run in other JVMs: each gets a
 * copy of the selector, fills the {@link #histograms()} of its parts, and sends them back to be
 * merged and passed to {@link #finishPass(Histograms)} of the original.
 *
 * <p>Mutable and not thread-safe (a {@code Histograms} is used by one thread at a time). Use:
 * {@code while (!done()) { accept(...) for every batch; finishPass(); }}, then {@link #taus()};
 * or, sharded, {@code while (!done()) { h = histograms() per shard, h.accept(...); merge;
 * finishPass(merged); }}.
 */
public final class QuantileSelector implements java.io.Serializable {

    private static final long serialVersionUID = 1L;

    /** The most passes a selection takes: one per key byte. */
    public static final int MAX_PASSES = 8;

    private final List<LayerShape> layers;
    private final long samples;
    private final double q;
    private final long[] ranks;
    private final double gamma;
    private final QuantileLayer[] state;
    private int pass;
    private boolean done;
    /**
     * This selector's own histograms of the current pass, made on first use; not serialized (a
     * copy sent off to fill {@link #histograms()} of its own never needs them, and they are
     * 12 KiB per neuron).
     */
    private transient Histograms current;

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
        this.state = new QuantileLayer[this.layers.size()];
        for (int t = 0; t < state.length; t++) {
            state[t] = new QuantileLayer(this.layers.get(t).neurons(), ranks, samples);
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
     * Folds one batch of the current pass into this selector's own histograms.
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
        own().accept(reducedPerLayer, batchSize);
    }

    private Histograms own() {
        if (current == null) {
            current = histograms();
        }
        return current;
    }

    /**
     * @return empty histograms of the current pass, for one shard of the data
     * @throws IllegalStateException if the selection is done
     */
    public Histograms histograms() {
        if (done) {
            throw new IllegalStateException("every quantile is already known");
        }
        QuantileLayer.Histogram[] h = new QuantileLayer.Histogram[state.length];
        for (int t = 0; t < h.length; t++) {
            h[t] = new QuantileLayer.Histogram(state[t].slotCount());
        }
        return new Histograms(pass, h);
    }

    /**
     * One pass's histograms over a part of the dataset: additive, so the parts of a pass merge
     * into the histograms of the whole.
     */
    public final class Histograms implements java.io.Serializable {

    private static final long serialVersionUID = 1L;

        private final int passIndex;
        private final QuantileLayer.Histogram[] layerHistograms;

        private Histograms(int passIndex, QuantileLayer.Histogram[] layerHistograms) {
            this.passIndex = passIndex;
            this.layerHistograms = layerHistograms;
        }

        /**
         * Folds one batch into these histograms.
         *
         * @param reducedPerLayer per selected layer, {@code [batchSize, F_t]} row-major values
         * @param batchSize B, {@code >= 0}
         * @throws DataException naming the layer and neuron of a NaN value
         */
        public void accept(List<double[]> reducedPerLayer, int batchSize) throws DataException {
            checkPass(this);
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
                int bad = state[t].count(reducedPerLayer.get(t), batchSize, pass, layerHistograms[t]);
                if (bad >= 0) {
                    throw new DataException("neuron " + layers.get(t).neuronId(bad) + " has a NaN value; its "
                            + q + "-quantile is undefined");
                }
            }
        }

        /**
         * Adds another part's histograms of the same pass into these.
         *
         * @param other histograms of a disjoint part, same pass
         */
        public void merge(Histograms other) {
            checkPass(this);
            checkPass(other);
            for (int t = 0; t < layerHistograms.length; t++) {
                layerHistograms[t].merge(other.layerHistograms[t]);
            }
        }
    }

    private void checkPass(Histograms h) {
        if (done || h.passIndex != pass) {
            throw new IllegalStateException("histograms of pass " + (h.passIndex + 1) + " used in pass " + (pass + 1)
                    + (done ? " (selection done)" : ""));
        }
    }

    /**
     * Ends the current pass with this selector's own histograms.
     *
     * @throws DataException if this pass saw a different number of candidate values than the
     *     previous one (the data or the model changed between passes)
     */
    public void finishPass() throws DataException {
        if (done) {
            throw new IllegalStateException("every quantile is already known");
        }
        finishPass(own());
    }

    /**
     * Ends the current pass: narrows every open rank to one key byte more with the pass's
     * merged histograms, and resolves what it can.
     *
     * @param merged the histograms of the whole dataset for this pass
     * @throws DataException if this pass saw a different number of candidate values than the
     *     previous one (the data or the model changed between passes)
     */
    public void finishPass(Histograms merged) throws DataException {
        checkPass(merged);
        boolean open = false;
        for (int t = 0; t < layers.size(); t++) {
            String mismatch = state[t].narrow(pass, merged.layerHistograms[t]);
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
        current = null;
    }

    /**
     * @return the per-neuron thresholds
     * @throws IllegalStateException unless {@link #done()}
     */
    public Taus taus() {
        if (!done) {
            throw new IllegalStateException("quantiles are not known yet after " + pass + " passes");
        }
        List<double[]> taus = new ArrayList<>(layers.size());
        for (QuantileLayer layer : state) {
            double[] tau = new double[layer.features];
            for (int f = 0; f < tau.length; f++) {
                double lo = layer.value[f * layer.slots];
                tau[f] = layer.slots == 1 ? lo : lerp(lo, layer.value[f * layer.slots + 1], gamma);
            }
            taus.add(tau);
        }
        return new Taus(taus);
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
}
