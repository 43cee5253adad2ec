package org.coact.analysis.activity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.coact.api.DataException;
import org.coact.analysis.activity.CoactivationStats.PairCounting;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class CoactivationStatsTest {

    private static final List<LayerShape> TOY = List.of(new LayerShape("a", 2), new LayerShape("b", 3));

    /**
     * 4 samples, labels [0, 1, 0, 1], predictions [0, 1, 1, 1] (3 correct).
     * Active (tau 0): a: s0 {a0}, s1 {a0, a1}, s2 {}, s3 {a0, a1};
     *                 b: s0 {b0, b2}, s1 {b2}, s2 {b0, b1, b2}, s3 {b1}.
     */
    private static CoactivationStats toy(PairCounting counting, double tau) throws DataException {
        CoactivationStats stats = new CoactivationStats(TOY, 2, Scope.ADJACENT, counting);
        double[] a = {0.5, 0, 1, 2, 0, -1, 3, 0.1};
        double[] b = {1, 0, 1, 0, 0, 2, 1, 1, 1, 0, 0.5, 0};
        stats.accept(new int[] {0, 1, 0, 1}, new int[] {0, 1, 1, 1}, List.of(a, b), 4, Taus.uniform(tau, stats.layers()));
        return stats;
    }

    @ParameterizedTest
    @EnumSource(PairCounting.class)
    void toyCountsMatchHandCounts(PairCounting counting) throws DataException {
        CoactivationStats s = toy(counting, 0.0);
        assertEquals(4, s.samples());
        assertEquals(2, s.samples(0));
        assertEquals(2, s.samples(1));
        assertEquals(3, s.correct());
        assertEquals(0.75, s.accuracy());
        // c_j: a0 3, a1 2, b0 2, b1 2, b2 3
        assertEquals(List.of(3L, 2L, 2L, 2L, 3L), List.of(s.active(0), s.active(1), s.active(2), s.active(3), s.active(4)));
        // c_jc (class 0 = s0, s2; class 1 = s1, s3)
        long[][] perClass = {{1, 2}, {0, 2}, {2, 0}, {1, 1}, {2, 1}};
        for (int j = 0; j < 5; j++) {
            assertEquals(perClass[j][0], s.active(j, 0), "c_" + j + ",0");
            assertEquals(perClass[j][1], s.active(j, 1), "c_" + j + ",1");
        }
        // C: s0 a0-b0, a0-b2; s1 a0-b2, a1-b2; s2 none; s3 a0-b1, a1-b1
        assertEquals(1, s.coactive(0, 2));
        assertEquals(1, s.coactive(0, 3));
        assertEquals(2, s.coactive(0, 4));
        assertEquals(0, s.coactive(1, 2));
        assertEquals(1, s.coactive(1, 3));
        assertEquals(1, s.coactive(4, 1));
        assertThrows(IllegalArgumentException.class, () -> s.coactive(0, 1));
        List<String> visited = new ArrayList<>();
        s.forEachCoactivePair((j, k, c) -> visited.add(j + "-" + k + ":" + (long) c));
        assertEquals(List.of("0-2:1", "0-3:1", "0-4:2", "1-3:1", "1-4:1"), visited);
        assertEquals("b:2", s.neuronId(4));
        assertEquals(1, s.layerOf(2));
    }

    @Test
    void aFixedThresholdIsStrict() throws DataException {
        // tau 0.5: a0 is 0.5 on s0 -> not active; active on s1, s3 only
        CoactivationStats s = toy(PairCounting.AUTO, 0.5);
        assertEquals(2, s.active(0));
        assertEquals(1, s.coactive(0, 4)); // only s1: a0 (1 > 0.5) with b2 (2 > 0.5)
    }

    @Test
    void countsMatchABruteForceCountOnRandomData() throws DataException {
        List<LayerShape> layers = List.of(new LayerShape("x", 70), new LayerShape("y", 9), new LayerShape("z", 66));
        // batches of 1 to 5 words per neuron: the unrolled bitset loops (1-4 words) and the general one
        for (int batch : new int[] {1, 64, 100, 150, 200, 256, 300}) {
            countsMatchABruteForceCount(layers, batch);
        }
    }

    private static void countsMatchABruteForceCount(List<LayerShape> layers, int batch) throws DataException {
        Data data = Data.random(layers, 3, batch, 11 + batch);
        for (PairCounting counting : PairCounting.values()) {
            CoactivationStats s = new CoactivationStats(layers, 3, Scope.ADJACENT, counting);
            s.accept(data.labels, data.predictions, data.values, batch, Taus.uniform(0, s.layers()));
            for (int j = 0; j < 145; j++) {
                for (int k = j + 1; k < 145; k++) {
                    if (s.inScope(j, k)) {
                        assertEquals(data.bruteCoactive(layers, j, k), s.coactive(j, k),
                                counting + " batch " + batch + " C_" + j + "," + k);
                    }
                }
            }
        }
    }

    @Test
    void scopeAllAndPerClassCountsMatchABruteForceCountOnRandomData() throws DataException {
        List<LayerShape> layers = List.of(new LayerShape("x", 40), new LayerShape("y", 9), new LayerShape("z", 30));
        Data data = Data.random(layers, 3, 130, 21);
        for (PairCounting counting : PairCounting.values()) {
            CoactivationStats s = new CoactivationStats(layers, 3, Scope.ALL, true, counting);
            s.accept(data.labels, data.predictions, data.values, 130, Taus.uniform(0, s.layers()));
            assertEquals(79L * 78 / 2, s.pairsInScope());
            int visited = 0;
            for (int j = 0; j < 79; j++) {
                for (int k = j + 1; k < 79; k++) {
                    assertTrue(s.inScope(j, k), "every pair is in scope 'all'");
                    assertEquals(data.bruteCoactive(layers, j, k), s.coactive(j, k), counting + " C_" + j + "," + k);
                    long sum = 0;
                    for (int c = 0; c < 3; c++) {
                        assertEquals(data.bruteCoactive(layers, j, k, c), s.coactive(j, k, c), counting + " C_jkc");
                        sum += s.coactive(j, k, c);
                    }
                    assertEquals(s.coactive(j, k), sum, "classes add up");
                }
            }
            long[] last = {-1, -1};
            List<Long> order = new ArrayList<>();
            s.forEachPair((j, k, count) -> {
                assertTrue(j < k && (j > last[0] || (j == last[0] && k > last[1])), "pairs in (j, k) order");
                last[0] = j;
                last[1] = k;
                order.add((long) count);
            });
            assertEquals(79L * 78 / 2, order.size());
            Counts class1 = s.forClass(1);
            assertEquals(s.samples(1), class1.samples());
            assertEquals(s.active(5, 1), class1.active(5));
            visited += order.size();
            assertTrue(visited > 0);
        }
    }

    @Test
    void mergedShardsEqualOnePassWhateverTheBatchSizeAndOrder() throws DataException {
        List<LayerShape> layers = List.of(new LayerShape("x", 5), new LayerShape("y", 7), new LayerShape("z", 4));
        Data data = Data.random(layers, 3, 100, 5);
        CoactivationStats single = new CoactivationStats(layers, 3);
        single.accept(data.labels, data.predictions, data.values, 100, Taus.uniform(0, single.layers()));
        for (int batch : new int[] {1, 7, 33, 64, 100}) {
            List<int[]> ranges = new ArrayList<>();
            for (int from = 0; from < 100; from += batch) {
                ranges.add(new int[] {from, Math.min(100, from + batch)});
            }
            java.util.Collections.shuffle(ranges, new java.util.Random(batch));
            CoactivationStats merged = new CoactivationStats(layers, 3);
            for (int[] r : ranges) {
                CoactivationStats shard = new CoactivationStats(layers, 3);
                shard.accept(Arrays.copyOfRange(data.labels, r[0], r[1]), Arrays.copyOfRange(data.predictions, r[0], r[1]),
                        data.slice(layers, r[0], r[1]), r[1] - r[0], Taus.uniform(0, shard.layers()));
                merged.merge(shard);
            }
            assertEquals(single, merged, "batch size " + batch);
        }
    }

    @Test
    void aBadLabelCountsNothingAndNamesTheLabel() throws DataException {
        CoactivationStats s = new CoactivationStats(TOY, 2);
        DataException e = assertThrows(DataException.class, () -> s.accept(new int[] {0, 2}, new int[] {0, 0},
                List.of(new double[4], new double[6]), 2, Taus.uniform(0, s.layers())));
        assertEquals(true, e.getMessage().contains("label 2"));
        assertEquals(0, s.samples());
    }

    @Test
    void wrongSizesAndIncompatibleMergesAreRejected() {
        CoactivationStats s = new CoactivationStats(TOY, 2);
        assertThrows(IllegalArgumentException.class, () -> s.accept(new int[] {0}, new int[] {0},
                List.of(new double[2], new double[2]), 1, Taus.uniform(0, s.layers())));
        assertThrows(IllegalArgumentException.class, () -> s.merge(new CoactivationStats(TOY, 3)));
        assertThrows(IllegalArgumentException.class,
                () -> new CoactivationStats(List.of(new LayerShape("a", 1), new LayerShape("a", 2)), 2));
    }

    /** Random reduced values for tests: about half the values are positive. */
    static final class Data {
        final int[] labels;
        final int[] predictions;
        final List<double[]> values;

        private Data(int[] labels, int[] predictions, List<double[]> values) {
            this.labels = labels;
            this.predictions = predictions;
            this.values = values;
        }

        static Data random(List<LayerShape> layers, int classes, int samples, long seed) {
            SplittableRandom random = new SplittableRandom(seed);
            int[] labels = random.ints(samples, 0, classes).toArray();
            int[] predictions = random.ints(samples, 0, classes).toArray();
            List<double[]> values = new ArrayList<>();
            for (LayerShape layer : layers) {
                double bias = random.nextDouble(-0.8, 0.8);
                values.add(random.doubles((long) samples * layer.neurons(), -1 + bias, 1 + bias).toArray());
            }
            return new Data(labels, predictions, values);
        }

        List<double[]> slice(List<LayerShape> layers, int from, int to) {
            List<double[]> out = new ArrayList<>();
            for (int t = 0; t < layers.size(); t++) {
                int f = layers.get(t).neurons();
                out.add(Arrays.copyOfRange(values.get(t), from * f, to * f));
            }
            return out;
        }

        long bruteCoactive(List<LayerShape> layers, int j, int k) {
            return bruteCoactive(layers, j, k, -1);
        }

        /** C_jk within class c, or over every class for c = -1. */
        long bruteCoactive(List<LayerShape> layers, int j, int k, int c) {
            long count = 0;
            for (int i = 0; i < labels.length; i++) {
                if ((c < 0 || labels[i] == c) && value(layers, i, j) > 0 && value(layers, i, k) > 0) {
                    count++;
                }
            }
            return count;
        }

        private double value(List<LayerShape> layers, int sample, int global) {
            int t = 0;
            while (global >= layers.get(t).neurons()) {
                global -= layers.get(t).neurons();
                t++;
            }
            return values.get(t)[sample * layers.get(t).neurons() + global];
        }
    }

    @ParameterizedTest
    @EnumSource(PairCounting.class)
    void nonFiniteValuesAreCountedPerLayerNaNInactiveInfinityActive(PairCounting counting) throws DataException {
        CoactivationStats stats = new CoactivationStats(TOY, 2, Scope.ADJACENT, counting);
        double nan = Double.NaN;
        double inf = Double.POSITIVE_INFINITY;
        // a: s0 {NaN, +Inf}, s1 {-Inf, 1}; b: s0 {1, NaN, 0}, s1 {0, 0, 0}
        double[] a = {nan, inf, Double.NEGATIVE_INFINITY, 1};
        double[] b = {1, nan, 0, 0, 0, 0};
        stats.accept(new int[] {0, 1}, new int[] {0, 1}, List.of(a, b), 2, Taus.uniform(0.0, stats.layers()));
        assertEquals(3, stats.nonFinite(0));
        assertEquals(1, stats.nonFinite(1));
        assertEquals(4, stats.nonFinite());
        // NaN and -Inf are inactive, +Inf active: a0 never, a1 twice (+Inf, 1), b0 once
        assertEquals(List.of(0L, 2L, 1L, 0L, 0L), List.of(stats.active(0), stats.active(1), stats.active(2),
                stats.active(3), stats.active(4)));
        CoactivationStats other = new CoactivationStats(TOY, 2, Scope.ADJACENT, counting);
        other.accept(new int[] {1}, new int[] {1}, List.of(new double[] {nan, 0}, new double[] {0, 0, inf}), 1,
                Taus.uniform(0.0, other.layers()));
        stats.merge(other);
        assertEquals(List.of(4L, 2L), List.of(stats.nonFinite(0), stats.nonFinite(1)), "counts merge by addition");
        assertEquals(0, toy(counting, 0.0).nonFinite(), "finite values count nothing");
    }
}
