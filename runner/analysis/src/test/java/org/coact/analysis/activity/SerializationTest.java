package org.coact.analysis.activity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The additive state crosses Java serialization intact, as it does between a Spark executor and
 * the driver: counts made in a copy and sent back merge into the same totals, and a quantile
 * pass whose histograms are filled in copies of the selector, sent back and merged gives the
 * same thresholds as the selector filling its own.
 */
class SerializationTest {

    @SuppressWarnings("unchecked")
    private static <T> T roundTrip(T value) throws IOException, ClassNotFoundException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(value);
        }
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            return (T) in.readObject();
        }
    }

    private static final List<LayerShape> LAYERS = List.of(new LayerShape("a", 5), new LayerShape("b", 4));

    /** n samples of random values in [-1, 1) for each layer, row-major. */
    private static List<double[]> values(int n, long seed) {
        Random r = new Random(seed);
        List<double[]> v = new ArrayList<>();
        for (LayerShape l : LAYERS) {
            double[] x = new double[n * l.neurons()];
            for (int i = 0; i < x.length; i++) {
                x[i] = r.nextInt(9) / 4.0 - 1; // few distinct values: ties, and ranks that settle late
            }
            v.add(x);
        }
        return v;
    }

    private static List<double[]> rows(List<double[]> v, int from, int to) {
        List<double[]> out = new ArrayList<>();
        for (int t = 0; t < LAYERS.size(); t++) {
            int f = LAYERS.get(t).neurons();
            out.add(Arrays.copyOfRange(v.get(t), from * f, to * f));
        }
        return out;
    }

    @Test
    void countsMadeInCopiesMergeIntoTheSameTotals() throws Exception {
        int n = 40;
        List<double[]> v = values(n, 3);
        int[] labels = new int[n];
        int[] predictions = new int[n];
        for (int i = 0; i < n; i++) {
            labels[i] = i % 3;
            predictions[i] = (i * 7) % 3;
        }
        Taus taus = Taus.uniform(0.0, LAYERS);
        CoactivationStats whole = new CoactivationStats(LAYERS, 3, Scope.ALL, true);
        whole.accept(labels, predictions, v, n, taus);
        CoactivationStats first = roundTrip(new CoactivationStats(LAYERS, 3, Scope.ALL, true));
        first.accept(Arrays.copyOf(labels, 25), Arrays.copyOf(predictions, 25), rows(v, 0, 25), 25, roundTrip(taus));
        CoactivationStats second = new CoactivationStats(LAYERS, 3, Scope.ALL, true);
        second.accept(Arrays.copyOfRange(labels, 25, n), Arrays.copyOfRange(predictions, 25, n), rows(v, 25, n), n - 25,
                taus);
        CoactivationStats merged = roundTrip(second);
        merged.merge(roundTrip(first));
        assertNotSame(whole, merged);
        assertEquals(whole, merged);
        assertEquals(whole.coactive(0, 6, 1), merged.coactive(0, 6, 1));
    }

    @Test
    void aQuantilePassFilledInCopiesGivesTheSameThresholds() throws Exception {
        int n = 61;
        List<double[]> v = values(n, 5);
        QuantileSelector here = new QuantileSelector(LAYERS, n, 0.3);
        QuantileSelector there = new QuantileSelector(LAYERS, n, 0.3);
        int passes = 0;
        while (!here.done()) {
            passes++;
            here.accept(v, n);
            here.finishPass();
            QuantileSelector copyA = roundTrip(there);
            QuantileSelector copyB = roundTrip(there);
            QuantileSelector.Histograms a = copyA.histograms();
            a.accept(rows(v, 0, 20), 20);
            QuantileSelector.Histograms b = copyB.histograms();
            b.accept(rows(v, 20, n), n - 20);
            QuantileSelector.Histograms merged = roundTrip(b);
            merged.merge(roundTrip(a));
            there.finishPass(merged);
        }
        assertEquals(here.passes(), there.passes());
        assertEquals(passes, there.passes());
        assertTrue(passes >= 2, "more than one pass, so later passes read the copies' prefixes: " + passes);
        assertEquals(here.taus(), there.taus());
    }
}
