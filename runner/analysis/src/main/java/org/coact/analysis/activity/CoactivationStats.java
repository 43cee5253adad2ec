package org.coact.analysis.activity;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import org.coact.api.DataException;

/**
 * The sufficient statistics of METHOD.md section 4, as long counts: {@code n}, {@code n_c},
 * correct predictions, {@code c_j}, {@code c_jc}, {@code C_jk} for every pair in the
 * {@link Scope}, and, when asked for, {@code C_jkc} per class (K times the pair memory). Neurons are numbered globally in layer order (layer {@code t}'s neuron
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
 * Serializable (8 bytes per pair and count), so statistics counted in another JVM, a Spark
 * executor say, travel back and merge where they are analysed.
 */
public final class CoactivationStats implements Counts, java.io.Serializable {

    private static final long serialVersionUID = 1L;

    /** How pairs are counted; {@code AUTO} outside tests. */
    enum PairCounting { AUTO, SPARSE, BITSET }

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
    /** Per layer, its NaN or infinite values counted (a NaN is never active, +Inf always). */
    private final long[] nonFinite;
    /** NaN or infinite values among the inputs fed while these counts were taken (reported beside them). */
    private long nonFiniteInputs;
    private final boolean perClass;
    private final PairBlocks blocks;
    /** Per block, its counts. */
    private final long[][] pairs;
    /** Per block and class, its counts; null unless per-class counts are kept. */
    private final long[][][] classPairs;
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
        this(layers, classes, scope, false, PairCounting.AUTO);
    }

    /**
     * Empty statistics.
     *
     * @param layers the selected layers in forward order, at least one, distinct names
     * @param classes K, the number of classes, {@code >= 1}
     * @param scope which pairs are counted
     * @param perClass whether to count {@code C_jkc} per class too (for per-class graphs)
     */
    public CoactivationStats(List<LayerShape> layers, int classes, Scope scope, boolean perClass) {
        this(layers, classes, scope, perClass, PairCounting.AUTO);
    }

    /**
     * The size of the counts for these layers, before any is allocated: for a plan that is
     * checked against the heap ({@code long} arithmetic throughout, so that no size overflows).
     *
     * @param layers the selected layers
     * @param classes K
     * @param scope which pairs are counted
     * @param perClass whether pairs are counted per class too
     * @return the plan
     */
    public static Footprint footprint(List<LayerShape> layers, int classes, Scope scope, boolean perClass) {
        long pairs = 0;
        long entries = 0;
        long largest = 0;
        String largestBlock = "";
        int n = layers.size();
        for (int t = 0; t < n; t++) {
            for (int u = t; u < n; u++) {
                if (scope != Scope.ALL && u != t + 1) {
                    continue;
                }
                long rows = layers.get(t).neurons();
                long columns = layers.get(u).neurons();
                long block = rows * columns; // within a layer: the upper triangle of a full square
                pairs += t == u ? rows * (rows - 1) / 2 : block;
                entries += block;
                if (block > largest) {
                    largest = block;
                    largestBlock = t == u ? "'" + layers.get(t).name() + "' with itself"
                            : "'" + layers.get(t).name() + "' and '" + layers.get(u).name() + "'";
                }
            }
        }
        long neurons = layers.stream().mapToLong(LayerShape::neurons).sum();
        long bytes = 8 * (entries * (perClass ? 1 + (long) classes : 1) + neurons * (1 + (long) classes));
        return new Footprint(pairs, largest, largestBlock, bytes);
    }

    /**
     * What counting a set of layers takes.
     *
     * @param pairs the neuron pairs in scope (the graph's candidate edges)
     * @param largestBlock entries of the largest block of counts (one Java array)
     * @param largestBlockLayers which layers that block pairs, for messages
     * @param bytes heap of all the counts
     */
    public record Footprint(long pairs, long largestBlock, String largestBlockLayers, long bytes) {
    }

    CoactivationStats(List<LayerShape> layers, int classes, Scope scope, PairCounting pairCounting) {
        this(layers, classes, scope, false, pairCounting);
    }

    CoactivationStats(List<LayerShape> layers, int classes, Scope scope, boolean perClass, PairCounting pairCounting) {
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
        this.nonFinite = new long[this.layers.size()];
        this.perClass = perClass;
        this.blocks = new PairBlocks(this.layers, scope);
        List<PairBlocks.Block> list = blocks.blocks();
        this.pairs = new long[list.size()][];
        this.classPairs = perClass ? new long[list.size()][][] : null;
        for (int b = 0; b < list.size(); b++) {
            pairs[b] = new long[list.get(b).size()];
            if (perClass) {
                classPairs[b] = new long[classes][list.get(b).size()];
            }
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
            nonFinite[t] += sets[t].nonFinite();
        }
        long[][] masks = null;
        for (int b = 0; b < pairs.length; b++) {
            PairBlocks.Block block = blocks.blocks().get(b);
            long[][] cls = perClass ? classPairs[b] : null;
            boolean bitset = useBitset(block, sets);
            if (bitset && cls != null && masks == null) {
                masks = ActiveSets.classMasks(labels, batchSize, classes);
            }
            if (block.within()) {
                if (bitset) {
                    sets[block.from()].countWithinBitset(pairs[b], masks, cls);
                } else {
                    sets[block.from()].countWithinSparse(pairs[b], labels, cls);
                }
            } else if (bitset) {
                sets[block.from()].countPairsBitset(sets[block.to()], pairs[b], masks, cls);
            } else {
                sets[block.from()].countPairsSparse(sets[block.to()], pairs[b], labels, cls);
            }
        }
    }

    private boolean useBitset(PairBlocks.Block block, ActiveSets[] sets) {
        return switch (pairCounting) {
            case SPARSE -> false;
            case BITSET -> true;
            case AUTO -> block.within()
                    ? sets[block.from()].bitsetWithinCost() < sets[block.from()].sparseWithinCost()
                    : sets[block.from()].bitsetCost(sets[block.to()]) < sets[block.from()].sparseCost(sets[block.to()]);
        };
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
        if (!layers.equals(other.layers) || classes != other.classes || scope != other.scope
                || perClass != other.perClass) {
            throw new IllegalArgumentException("cannot merge statistics over different layers, classes, scope or "
                    + "per-class counting");
        }
        samples += other.samples;
        correct += other.correct;
        add(samplesPerClass, other.samplesPerClass);
        add(active, other.active);
        add(activePerClass, other.activePerClass);
        add(nonFinite, other.nonFinite);
        nonFiniteInputs += other.nonFiniteInputs;
        for (int b = 0; b < pairs.length; b++) {
            add(pairs[b], other.pairs[b]);
            for (int c = 0; perClass && c < classes; c++) {
                add(classPairs[b][c], other.classPairs[b][c]);
            }
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

    /** @return whether {@code C_jkc} is counted per class */
    public boolean perClass() {
        return perClass;
    }

    /** @return the number of pairs in scope */
    public long pairsInScope() {
        return blocks.pairs();
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

    /**
     * @param layer a layer index
     * @return how many of its n x F values were NaN or infinite: thresholding counts a NaN as
     *     inactive and +Inf as active, so such values make neurons look dead or always on
     */
    public long nonFinite(int layer) {
        return nonFinite[Objects.checkIndex(layer, layers.size())];
    }

    /**
     * Adds NaN or infinite input values seen while counting (the extraction counts them; they
     * travel and merge with the counts).
     *
     * @param n values
     */
    public void addNonFiniteInputs(long n) {
        checkNotFrozen();
        nonFiniteInputs += n;
    }

    /** @return the NaN or infinite input values seen while counting */
    public long nonFiniteInputs() {
        return nonFiniteInputs;
    }

    /** @return {@link #nonFinite(int)} summed over the layers */
    public long nonFinite() {
        long sum = 0;
        for (long v : nonFinite) {
            sum += v;
        }
        return sum;
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
        if (j == k) {
            return false;
        }
        return blocks.of(layerOf(Math.min(j, k)), layerOf(Math.max(j, k))) >= 0;
    }

    /**
     * @param j a global neuron index
     * @param k another, the pair in scope (either order)
     * @return C_jk
     * @throws IllegalArgumentException if the pair is not in scope
     */
    public long coactive(int j, int k) {
        return pairs[block(j, k)][slot(j, k)];
    }

    /**
     * @param j a global neuron index
     * @param k another, the pair in scope (either order)
     * @param c a class
     * @return C_jkc
     * @throws IllegalStateException unless per-class counts are kept
     */
    public long coactive(int j, int k, int c) {
        if (!perClass) {
            throw new IllegalStateException("per-class pair counts were not kept (graph.per_class is off)");
        }
        return classPairs[block(j, k)][Objects.checkIndex(c, classes)][slot(j, k)];
    }

    private int block(int j, int k) {
        if (!inScope(j, k)) {
            throw new IllegalArgumentException("pair (" + j + ", " + k + ") is not in scope " + scope);
        }
        return blocks.of(layerOf(Math.min(j, k)), layerOf(Math.max(j, k)));
    }

    private int slot(int j, int k) {
        int a = Math.min(j, k);
        int b = Math.max(j, k);
        PairBlocks.Block block = blocks.blocks().get(block(j, k));
        return (a - offsets[block.from()]) * block.columns() + (b - offsets[block.to()]);
    }

    /**
     * Visits every in-scope pair with {@code C_jk > 0}, ordered by {@code j} then {@code k}.
     *
     * @param consumer receives {@code (j, k, C_jk)} with {@code j < k}
     */
    public void forEachCoactivePair(PairConsumer consumer) {
        forEach(pairs, true, consumer);
    }

    @Override
    public void forEachPair(PairConsumer consumer) {
        forEach(pairs, false, consumer);
    }

    /** Visits {@code counts} (one array per block) in (j, k) order. */
    private void forEach(long[][] counts, boolean positiveOnly, PairConsumer consumer) {
        for (int t = 0; t < layers.size(); t++) {
            for (int i = 0; i < layers.get(t).neurons(); i++) {
                int j = offsets[t] + i;
                for (int u = t; u < layers.size(); u++) {
                    int b = blocks.of(t, u);
                    if (b < 0) {
                        continue;
                    }
                    PairBlocks.Block block = blocks.blocks().get(b);
                    int row = i * block.columns();
                    for (int col = block.within() ? i + 1 : 0; col < block.columns(); col++) {
                        long count = counts[b][row + col];
                        if (!positiveOnly || count > 0) {
                            consumer.accept(j, offsets[u] + col, count);
                        }
                    }
                }
            }
        }
    }

    /**
     * @param c a class
     * @return class c's counts ({@code n_c}, {@code c_jc}, {@code C_jkc}), for its own graph
     * @throws IllegalStateException unless per-class counts are kept
     */
    public Counts forClass(int c) {
        if (!perClass) {
            throw new IllegalStateException("per-class pair counts were not kept (graph.per_class is off)");
        }
        Objects.checkIndex(c, classes);
        long[][] counts = new long[pairs.length][];
        for (int b = 0; b < pairs.length; b++) {
            counts[b] = classPairs[b][c];
        }
        CoactivationStats self = this;
        return new Counts() {
            @Override
            public long samples() {
                return self.samples(c);
            }

            @Override
            public int neuronCount() {
                return self.neuronCount();
            }

            @Override
            public long active(int j) {
                return self.active(j, c);
            }

            @Override
            public String neuronId(int j) {
                return self.neuronId(j);
            }

            @Override
            public void forEachPair(PairConsumer consumer) {
                self.forEach(counts, false, consumer);
            }
        };
    }

    /** Value equality over layout and every count (mutable: do not use as a hash key while counting). */
    @Override
    public boolean equals(Object o) {
        return o instanceof CoactivationStats s && layers.equals(s.layers) && classes == s.classes
                && scope == s.scope && perClass == s.perClass && samples == s.samples && correct == s.correct
                && Arrays.equals(samplesPerClass, s.samplesPerClass) && Arrays.equals(active, s.active)
                && Arrays.equals(activePerClass, s.activePerClass) && Arrays.deepEquals(pairs, s.pairs)
                && Arrays.deepEquals(classPairs, s.classPairs);
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
