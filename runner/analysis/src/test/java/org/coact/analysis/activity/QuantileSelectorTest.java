package org.coact.analysis.activity;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.DoubleSupplier;
import org.coact.api.DataException;
import org.junit.jupiter.api.Test;

/**
 * {@link QuantileSelector} against sorting: numpy's {@code quantile(v, q)} ('linear') on every
 * neuron, bit for bit, for seeded random data with ties, negatives, signed zeros, duplicates,
 * float32-widened and full-precision doubles, n = 1, q = 0 and 1, and any batching.
 */
class QuantileSelectorTest {

    /** numpy 1.24 {@code np.quantile} ('linear') of a neuron's values, by sorting. */
    static double numpyQuantile(double[] values, double q) {
        double[] s = new double[values.length];
        for (int i = 0; i < s.length; i++) {
            s[i] = values[i] + 0.0;
        }
        Arrays.sort(s);
        int n = s.length;
        double h = (n - 1) * q;
        int lo = (int) Math.floor(h);
        int hi = Math.min(lo + 1, n - 1);
        double g = h - lo;
        double a = s[lo];
        double b = s[hi];
        double diff = b - a;
        return g >= 0.5 ? b - diff * (1 - g) : a + diff * g;
    }

    /** Streams {@code [n, F]} row-major values through a selector in the given batch sizes (cycled). */
    static QuantileSelector select(List<LayerShape> layers, List<double[]> values, int n, double q, int... batches)
            throws DataException {
        QuantileSelector selector = new QuantileSelector(layers, n, q);
        while (!selector.done()) {
            int offset = 0;
            for (int k = 0; offset < n; k++) {
                int b = Math.min(batches[k % batches.length], n - offset);
                List<double[]> batch = new ArrayList<>();
                for (int t = 0; t < layers.size(); t++) {
                    int f = layers.get(t).neurons();
                    batch.add(Arrays.copyOfRange(values.get(t), offset * f, (offset + b) * f));
                }
                selector.accept(batch, b);
                offset += b;
            }
            selector.finishPass();
        }
        return selector;
    }

    static double[] column(double[] values, int features, int f) {
        double[] col = new double[values.length / features];
        for (int i = 0; i < col.length; i++) {
            col[i] = values[i * features + f];
        }
        return col;
    }

    static void assertMatchesSorting(List<LayerShape> layers, List<double[]> values, int n, double q,
            int... batches) throws DataException {
        Taus tau = select(layers, values, n, q, batches).taus();
        for (int t = 0; t < layers.size(); t++) {
            double[] taus = tau.of(t, layers.get(t));
            int f = layers.get(t).neurons();
            for (int j = 0; j < f; j++) {
                double expected = numpyQuantile(column(values.get(t), f, j), q);
                assertEquals(Double.doubleToLongBits(expected), Double.doubleToLongBits(taus[j]),
                        layers.get(t).neuronId(j) + " q=" + q + ": " + taus[j] + " vs sorted " + expected);
            }
        }
    }

    /** Kinds of neuron: ties, negatives, zeros, float32 values, full doubles, extremes. */
    static DoubleSupplier kind(int kind, SplittableRandom rng) {
        return switch (kind % 7) {
            case 0 -> () -> rng.nextInt(5) - 2;                                   // few distinct values, ties
            case 1 -> () -> rng.nextDouble() < 0.6 ? 0.0 : (float) rng.nextDouble(4); // ReLU-like
            case 2 -> () -> rng.nextGaussian();                                   // full doubles, negatives
            case 3 -> () -> rng.nextBoolean() ? -0.0 : 0.0;                       // signed zeros only
            case 4 -> () -> (float) (rng.nextGaussian() * 1e-3);                  // float32, tiny
            case 5 -> () -> rng.nextInt(3) == 0 ? -1e300 : rng.nextDouble() * 1e300; // huge
            default -> () -> 7.25;                                                 // constant
        };
    }

    static List<double[]> randomValues(List<LayerShape> layers, int n, SplittableRandom rng) {
        List<double[]> values = new ArrayList<>();
        for (LayerShape layer : layers) {
            int f = layer.neurons();
            DoubleSupplier[] kinds = new DoubleSupplier[f];
            for (int j = 0; j < f; j++) {
                kinds[j] = kind(j, rng);
            }
            double[] v = new double[n * f];
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < f; j++) {
                    v[i * f + j] = kinds[j].getAsDouble();
                }
            }
            values.add(v);
        }
        return values;
    }

    @Test
    void handWorkedFourValues() throws DataException {
        // sorted 0, 1, 2, 10; h = 3q
        List<LayerShape> one = List.of(new LayerShape("l", 1));
        List<double[]> v = List.of(new double[] {10, 0, 2, 1});
        assertEquals(1.5, select(one, v, 4, 0.5, 3).taus().of(0, one.get(0))[0], 0.0);  // h 1.5: 2 - (2-1)/2
        assertEquals(4.0, select(one, v, 4, 0.75, 1).taus().of(0, one.get(0))[0], 0.0); // h 2.25: 2 + 8/4
        assertEquals(0.0, select(one, v, 4, 0.0, 4).taus().of(0, one.get(0))[0], 0.0);
        assertEquals(10.0, select(one, v, 4, 1.0, 2).taus().of(0, one.get(0))[0], 0.0);
        assertEquals(2.0, select(one, v, 4, 2.0 / 3, 2).taus().of(0, one.get(0))[0], 0.0); // h 2 exactly
    }

    @Test
    void interpolatesFromTheUpperValueAboveOneHalfAsNumpyDoes() throws DataException {
        // numpy 1.24: np.quantile([0.8375779756625729, 5.564543226524334], 0.6422943629324456)
        // = 3.8736811100686355, while a + (b - a) g gives 3.873681110068636.
        List<LayerShape> one = List.of(new LayerShape("l", 1));
        double tau = select(one, List.of(new double[] {5.564543226524334, 0.8375779756625729}), 2,
                0.6422943629324456, 2).taus().of(0, one.get(0))[0];
        assertEquals(3.8736811100686355, tau, 0.0);
    }

    @Test
    void everyNeuronEqualsSortingForRandomDataAndQuantiles() throws DataException {
        SplittableRandom rng = new SplittableRandom(42);
        List<LayerShape> layers = List.of(new LayerShape("a", 14), new LayerShape("b", 9));
        for (int n : new int[] {1, 2, 3, 17, 256, 1001}) {
            List<double[]> values = randomValues(layers, n, rng);
            for (double q : new double[] {0.0, 1.0, 0.5, 0.9, 0.25, 0.1, 0.999, rng.nextDouble(), rng.nextDouble()}) {
                assertMatchesSorting(layers, values, n, q, 64);
            }
        }
    }

    @Test
    void resultDoesNotDependOnTheBatching() throws DataException {
        SplittableRandom rng = new SplittableRandom(7);
        List<LayerShape> layers = List.of(new LayerShape("a", 21), new LayerShape("b", 5));
        int n = 500;
        List<double[]> values = randomValues(layers, n, rng);
        for (double q : new double[] {0.5, 0.9, 0.37}) {
            Taus whole = select(layers, values, n, q, n).taus();
            for (int[] batches : new int[][] {{1}, {64}, {7, 1, 200, 33}, {0, 13}}) {
                assertEquals(whole, select(layers, values, n, q, batches).taus(), Arrays.toString(batches));
            }
            assertMatchesSorting(layers, values, n, q, 3, 97);
        }
    }

    @Test
    void shardsHistogramsMergeIntoTheWholeDatasetsQuantiles() throws DataException {
        SplittableRandom rng = new SplittableRandom(11);
        List<LayerShape> layers = List.of(new LayerShape("a", 6), new LayerShape("b", 3));
        int n = 301;
        List<double[]> values = randomValues(layers, n, rng);
        for (double q : new double[] {0.5, 0.9, 0.0, 1.0}) {
            Taus whole = select(layers, values, n, q, n).taus();
            // three shards of rows [0, 100), [100, 250), [250, 301), merged after every pass
            int[][] shards = {{0, 100}, {100, 250}, {250, 301}};
            QuantileSelector selector = new QuantileSelector(layers, n, q);
            while (!selector.done()) {
                QuantileSelector.Histograms merged = null;
                for (int[] shard : shards) {
                    QuantileSelector.Histograms h = selector.histograms();
                    h.accept(rows(layers, values, shard[0], shard[1]), shard[1] - shard[0]);
                    if (merged == null) {
                        merged = h;
                    } else {
                        merged.merge(h);
                    }
                }
                selector.finishPass(merged);
            }
            assertEquals(whole, selector.taus(), "q " + q);
        }
        QuantileSelector done = new QuantileSelector(layers, 1, 0.5);
        QuantileSelector.Histograms stale = done.histograms();
        stale.accept(rows(layers, values, 0, 1), 1);
        done.finishPass(stale);
        assertThrows(IllegalStateException.class, () -> stale.merge(stale), "histograms of a finished pass");
    }

    private static List<double[]> rows(List<LayerShape> layers, List<double[]> values, int from, int to) {
        List<double[]> out = new java.util.ArrayList<>();
        for (int t = 0; t < layers.size(); t++) {
            int f = layers.get(t).neurons();
            out.add(Arrays.copyOfRange(values.get(t), from * f, to * f));
        }
        return out;
    }

    @Test
    void passesAreFewForFloat32AndOneForAZeroMedian() throws DataException {
        SplittableRandom rng = new SplittableRandom(3);
        int n = 2000;
        double[] relu = new double[n];
        double[] float32 = new double[n];
        double[] doubles = new double[n];
        for (int i = 0; i < n; i++) {
            relu[i] = rng.nextDouble() < 0.7 ? 0.0 : (float) rng.nextDouble(3);
            float32[i] = (float) rng.nextGaussian();
            doubles[i] = rng.nextGaussian();
        }
        List<LayerShape> one = List.of(new LayerShape("l", 1));
        assertEquals(1, select(one, List.of(relu), n, 0.5, 64).passes());
        assertTrue(select(one, List.of(float32), n, 0.5, 64).passes() <= 5);
        assertTrue(select(one, List.of(float32), n, 0.9, 64).passes() <= 5);
        assertTrue(select(one, List.of(doubles), n, 0.9, 64).passes() <= QuantileSelector.MAX_PASSES);
        assertMatchesSorting(one, List.of(doubles), n, 0.9, 64);
    }

    @Test
    void keysOrderLikeTheDoubles() {
        double[] sorted = {Double.NEGATIVE_INFINITY, -Double.MAX_VALUE, -1.5, -Double.MIN_VALUE, 0.0,
            Double.MIN_VALUE, 1e-300, 1.0, Double.MAX_VALUE, Double.POSITIVE_INFINITY};
        for (int i = 0; i + 1 < sorted.length; i++) {
            assertTrue(Long.compareUnsigned(QuantileSelector.key(sorted[i]), QuantileSelector.key(sorted[i + 1])) < 0,
                    sorted[i] + " < " + sorted[i + 1]);
            assertEquals(sorted[i], QuantileSelector.value(QuantileSelector.key(sorted[i])), 0.0);
        }
        assertEquals(QuantileSelector.key(0.0), QuantileSelector.key(-0.0));
    }

    @Test
    void aNaNIsADataErrorNamingTheNeuron() {
        List<LayerShape> layers = List.of(new LayerShape("/act1/Relu", 2), new LayerShape("/act2/Relu", 3));
        QuantileSelector selector = new QuantileSelector(layers, 2, 0.5);
        DataException e = assertThrows(DataException.class, () -> selector.accept(
                List.of(new double[] {0, 1, 2, 3}, new double[] {0, 1, 2, 3, Double.NaN, 5}), 2));
        assertTrue(e.getMessage().contains("/act2/Relu:1"), e.getMessage());
    }

    @Test
    void aDatasetThatChangesBetweenPassesIsReported() throws DataException {
        List<LayerShape> one = List.of(new LayerShape("l", 1));
        QuantileSelector selector = new QuantileSelector(one, 5, 0.5);
        selector.accept(List.of(new double[] {1.0, 1.1, 1.2, 1.3, 1.4}), 5);
        selector.finishPass(); // all five share the first key byte; rank 2 is neither end: open
        assertEquals(false, selector.done());
        selector.accept(List.of(new double[] {1.0, 1.1, 1.2, 1.3}), 4);
        assertThrows(DataException.class, selector::finishPass);
    }

    @Test
    void countingUsesEachNeuronsOwnTauStrictly() throws DataException {
        List<LayerShape> layers = List.of(new LayerShape("a", 2));
        // neuron 0: 1, 2, 3, 4 -> median 2.5; neuron 1: 0, 0, 0, 5 -> median 0
        double[] values = {1, 0, 2, 0, 3, 0, 4, 5};
        Taus tau = select(layers, List.of(values), 4, 0.5, 4).taus();
        assertArrayEquals(new double[] {2.5, 0.0}, tau.of(0, layers.get(0)), 0.0);
        CoactivationStats stats = new CoactivationStats(layers, 1);
        stats.accept(new int[4], new int[4], List.of(values), 4, tau);
        assertEquals(2, stats.active(0));
        assertEquals(1, stats.active(1));
    }

    @Test
    void rejectsBadArguments() {
        List<LayerShape> one = List.of(new LayerShape("l", 1));
        assertThrows(IllegalArgumentException.class, () -> new QuantileSelector(one, 0, 0.5));
        assertThrows(IllegalArgumentException.class, () -> new QuantileSelector(one, 5, 1.5));
        assertThrows(IllegalArgumentException.class, () -> new QuantileSelector(one, 5, Double.NaN));
        assertThrows(IllegalStateException.class, () -> new QuantileSelector(one, 5, 0.5).taus());
        assertThrows(IllegalArgumentException.class, () -> new Threshold.Quantile(-0.1, null));
    }
}
