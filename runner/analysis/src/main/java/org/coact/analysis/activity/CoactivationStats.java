package org.coact.analysis.activity;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import org.coact.api.DataException;

/**
 * The sufficient statistics of METHOD.md section 4, as long counts: {@code n}, {@code n_c},
 * correct predictions, {@code c_j}, {@code c_jc} and {@code C_jk} for every pair in the
 * {@link Scope}. Neurons are numbered globally in layer order (layer {@code t}'s neuron
 * {@code i} is {@link #layerOffset(int) layerOffset(t)} + i).
 *
 * <p>Counts are additive: {@link #merge} of statistics over disjoint parts of a dataset equals
 * one pass over the whole, whatever the batch size, order or sharding. Activations are never
 * kept. Pairs are counted per batch either sample by sample over the active neurons (cost
 * {@code sum_i a_t(i) a_t+1(i)}) or by intersecting per-neuron bitsets over the batch (cost
 * {@code F_t F_t+1 B / 64}), whichever is cheaper for that batch; both give the same counts.
 *
 * <p>Mutable and not thread-safe while counting: use one per thread (or shard) and merge.
 * {@link #freeze()} ends counting; an {@code Analysis} holds frozen statistics only.
 */
public final class CoactivationStats {

    /** How pairs are counted; {@code AUTO} outside tests. */
    enum PairCounting { AUTO, SPARSE, BITSET }

    /** Receives one in-scope pair with a positive count; {@code j < k} are global neuron indices. */
    @FunctionalInterface
    public interface PairConsumer {
        /**
         * @param j the first neuron (global index)
         * @param k the second neuron (global index), {@code > j}
         * @param count {@code C_jk > 0}
         */
        void accept(int j, int k, long count);
    }

    private final List<LayerShape> layers;
    private final int classes;
    private final Scope scope;
    private final PairCounting pairCounting;
    private final int[] offsets;
    private long samples;
    private long correct;
    private final long[] samplesPerClass;
    private final long[] active;
    private final long[] activePerClass;
    private final long[][] pairs;
    private volatile boolean frozen;

    /**
     * Empty statistics with the default scope {@link Scope#ADJACENT}.
     *
     * @param layers the selected layers in forward order, at least one
     * @param classes K, the number of classes, {@code >= 1}
     */
    public CoactivationStats(List<LayerShape> layers, int classes) {
        this(layers, classes, Scope.ADJACENT);
    }

    /**
     * Empty statistics.
     *
     * @param layers the selected layers in forward order, at least one, distinct names
     * @param classes K, the number of classes, {@code >= 1}
     * @param scope which pairs are counted
     */
    public CoactivationStats(List<LayerShape> layers, int classes, Scope scope) {
        this(layers, classes, scope, PairCounting.AUTO);
    }

    CoactivationStats(List<LayerShape> layers, int classes, Scope scope, PairCounting pairCounting) {
        this.layers = List.copyOf(Objects.requireNonNull(layers, "layers"));
        this.scope = Objects.requireNonNull(scope, "scope");
        this.pairCounting = pairCounting;
        if (this.layers.isEmpty()) {
            throw new IllegalArgumentException("at least one layer is required");
        }
        if (this.layers.stream().map(LayerShape::name).distinct().count() != this.layers.size()) {
            throw new IllegalArgumentException("layer names must be distinct: " + this.layers);
        }
        if (classes < 1) {
            throw new IllegalArgumentException("classes must be >= 1, got " + classes);
        }
        this.classes = classes;
        this.offsets = new int[this.layers.size() + 1];
        for (int t = 0; t < this.layers.size(); t++) {
            offsets[t + 1] = Math.addExact(offsets[t], this.layers.get(t).neurons());
        }
        this.samplesPerClass = new long[classes];
        this.active = new long[offsets[this.layers.size()]];
        this.activePerClass = new long[Math.multiplyExact(active.length, classes)];
        this.pairs = new long[this.layers.size() - 1][];
        for (int t = 0; t + 1 < this.layers.size(); t++) {
            pairs[t] = new long[Math.multiplyExact(this.layers.get(t).neurons(), this.layers.get(t + 1).neurons())];
        }
    }

    /**
     * Counts one batch.
     *
     * @param labels the true class of each sample, {@code 0..K-1}, {@code batchSize} of them
     * @param predictions the predicted class of each sample (argmax of the model output)
     * @param reducedPerLayer per selected layer, {@code [batchSize, F_t]} row-major values as
     *     {@link NeuronReduction} makes them
     * @param batchSize B, {@code >= 0}
     * @param taus each neuron's threshold: active iff its value is above it
     * @throws DataException if a label is outside {@code 0..K-1} (nothing is counted then)
     * @throws IllegalArgumentException if the arrays do not have the sizes stated
     */
    public void accept(int[] labels, int[] predictions, List<double[]> reducedPerLayer, int batchSize,
            Taus taus) throws DataException {
        checkNotFrozen();
        validateBatch(labels, predictions, reducedPerLayer, batchSize, taus);
        ActiveSets[] sets = new ActiveSets[layers.size()];
        for (int t = 0; t < layers.size(); t++) {
            LayerShape layer = layers.get(t);
            sets[t] = new ActiveSets(reducedPerLayer.get(t), batchSize, layer.neurons(), taus.of(t, layer));
        }
        for (int i = 0; i < batchSize; i++) {
            samplesPerClass[labels[i]]++;
            if (predictions[i] == labels[i]) {
                correct++;
            }
        }
        samples += batchSize;
        for (int t = 0; t < layers.size(); t++) {
            sets[t].addActivity(active, activePerClass, offsets[t], labels, classes);
        }
        for (int t = 0; t + 1 < layers.size(); t++) {
            countPairs(sets[t], sets[t + 1], pairs[t]);
        }
    }

    private void countPairs(ActiveSets first, ActiveSets second, long[] counts) {
        boolean bitset = switch (pairCounting) {
            case SPARSE -> false;
            case BITSET -> true;
            case AUTO -> first.bitsetCost(second) < first.sparseCost(second);
        };
        if (bitset) {
            first.countPairsBitset(second, counts);
        } else {
            first.countPairsSparse(second, counts);
        }
    }

    private void validateBatch(int[] labels, int[] predictions, List<double[]> reducedPerLayer, int batchSize,
            Taus taus) throws DataException {
        Objects.requireNonNull(taus, "taus");
        if (batchSize < 0 || labels.length != batchSize || predictions.length != batchSize) {
            throw new IllegalArgumentException("batch of " + batchSize + " samples has " + labels.length
                    + " labels and " + predictions.length + " predictions");
        }
        if (reducedPerLayer.size() != layers.size()) {
            throw new IllegalArgumentException("expected values for " + layers.size() + " layers, got "
                    + reducedPerLayer.size());
        }
        for (int t = 0; t < layers.size(); t++) {
            long expected = (long) batchSize * layers.get(t).neurons();
            if (reducedPerLayer.get(t).length != expected) {
                throw new IllegalArgumentException("layer " + layers.get(t).name() + ": expected " + expected
                        + " values [" + batchSize + ", " + layers.get(t).neurons() + "], got "
                        + reducedPerLayer.get(t).length);
            }
        }
        for (int i = 0; i < batchSize; i++) {
            if (labels[i] < 0 || labels[i] >= classes) {
                throw new DataException("label " + labels[i] + " of sample " + i + " in the batch is outside 0.."
                        + (classes - 1));
            }
        }
    }

    /**
     * Adds another statistics' counts to these.
     *
     * @param other statistics over a disjoint part of the dataset, same layers, classes and scope
     * @throws IllegalArgumentException if the layouts differ
     */
    public void merge(CoactivationStats other) {
        checkNotFrozen();
        if (!layers.equals(other.layers) || classes != other.classes || scope != other.scope) {
            throw new IllegalArgumentException("cannot merge statistics over different layers, classes or scope");
        }
        samples += other.samples;
        correct += other.correct;
        add(samplesPerClass, other.samplesPerClass);
        add(active, other.active);
        add(activePerClass, other.activePerClass);
        for (int t = 0; t < pairs.length; t++) {
            add(pairs[t], other.pairs[t]);
        }
    }

    /**
     * Ends counting: later {@link #accept} and {@link #merge} calls fail.
     *
     * @return these statistics
     */
    public CoactivationStats freeze() {
        frozen = true;
        return this;
    }

    /** @return whether counting has ended */
    public boolean frozen() {
        return frozen;
    }

    private void checkNotFrozen() {
        if (frozen) {
            throw new IllegalStateException("these statistics are frozen: counting has ended");
        }
    }

    private static void add(long[] into, long[] from) {
        for (int i = 0; i < into.length; i++) {
            into[i] += from[i];
        }
    }

    /** @return the selected layers in forward order */
    public List<LayerShape> layers() {
        return layers;
    }

    /** @return K */
    public int classes() {
        return classes;
    }

    /** @return the pair scope */
    public Scope scope() {
        return scope;
    }

    /** @return the total number of neurons over all layers */
    public int neuronCount() {
        return active.length;
    }

    /** @param layer a layer index @return the global index of its first neuron */
    public int layerOffset(int layer) {
        Objects.checkIndex(layer, layers.size());
        return offsets[layer];
    }

    /** @param neuron a global neuron index @return the index of its layer */
    public int layerOf(int neuron) {
        Objects.checkIndex(neuron, active.length);
        int pos = Arrays.binarySearch(offsets, neuron); // offsets strictly increase: every layer has a neuron
        return pos >= 0 ? pos : -pos - 2;
    }

    /** @param neuron a global neuron index @return its id {@code <layer>:<index>} */
    public String neuronId(int neuron) {
        int layer = layerOf(neuron);
        return layers.get(layer).neuronId(neuron - offsets[layer]);
    }

    /** @return n, the number of samples counted */
    public long samples() {
        return samples;
    }

    /** @param c a class @return n_c */
    public long samples(int c) {
        return samplesPerClass[Objects.checkIndex(c, classes)];
    }

    /** @return the number of samples whose prediction equals the label */
    public long correct() {
        return correct;
    }

    /** @return correct / n, or 0 when nothing was counted */
    public double accuracy() {
        return samples == 0 ? 0.0 : (double) correct / samples;
    }

    /** @param j a global neuron index @return c_j */
    public long active(int j) {
        return active[Objects.checkIndex(j, active.length)];
    }

    /** @param j a global neuron index @param c a class @return c_jc */
    public long active(int j, int c) {
        Objects.checkIndex(j, active.length);
        return activePerClass[j * classes + Objects.checkIndex(c, classes)];
    }

    /**
     * @param j a global neuron index
     * @param k another
     * @return whether the pair is in scope (and so has a count)
     */
    public boolean inScope(int j, int k) {
        int a = Math.min(j, k);
        int b = Math.max(j, k);
        return layerOf(b) == layerOf(a) + 1;
    }

    /**
     * @param j a global neuron index
     * @param k another, the pair in scope (either order)
     * @return C_jk
     * @throws IllegalArgumentException if the pair is not in scope
     */
    public long coactive(int j, int k) {
        if (!inScope(j, k)) {
            throw new IllegalArgumentException("pair (" + j + ", " + k + ") is not in scope " + scope);
        }
        int a = Math.min(j, k);
        int b = Math.max(j, k);
        int t = layerOf(a);
        return pairs[t][(a - offsets[t]) * layers.get(t + 1).neurons() + (b - offsets[t + 1])];
    }

    /**
     * Visits every in-scope pair with {@code C_jk > 0}, ordered by {@code j} then {@code k}.
     *
     * @param consumer receives {@code (j, k, C_jk)} with {@code j < k}
     */
    public void forEachCoactivePair(PairConsumer consumer) {
        for (int t = 0; t < pairs.length; t++) {
            int width = layers.get(t + 1).neurons();
            long[] counts = pairs[t];
            for (int p = 0; p < counts.length; p++) {
                if (counts[p] > 0) {
                    consumer.accept(offsets[t] + p / width, offsets[t + 1] + p % width, counts[p]);
                }
            }
        }
    }

    /** Value equality over layout and every count (mutable: do not use as a hash key while counting). */
    @Override
    public boolean equals(Object o) {
        return o instanceof CoactivationStats s && layers.equals(s.layers) && classes == s.classes
                && scope == s.scope && samples == s.samples && correct == s.correct
                && Arrays.equals(samplesPerClass, s.samplesPerClass) && Arrays.equals(active, s.active)
                && Arrays.equals(activePerClass, s.activePerClass) && Arrays.deepEquals(pairs, s.pairs);
    }

    @Override
    public int hashCode() {
        return Objects.hash(layers, classes, scope, samples, correct, Arrays.hashCode(active));
    }

    @Override
    public String toString() {
        return "CoactivationStats[layers=" + layers.size() + ", neurons=" + active.length + ", classes=" + classes
                + ", n=" + samples + "]";
    }
}
