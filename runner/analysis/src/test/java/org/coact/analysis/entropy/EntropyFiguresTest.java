package org.coact.analysis.entropy;

import org.coact.analysis.activity.CoactivationStats;
import org.coact.analysis.activity.LayerShape;
import org.coact.analysis.activity.Taus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.coact.api.DataException;
import org.junit.jupiter.api.Test;

class EntropyFiguresTest {

    private static final double EPS = 1e-12;

    @Test
    void binaryEntropyOfCertainEventsIsZero() {
        assertEquals(0.0, EntropyFigures.binaryEntropy(0.0));
        assertEquals(0.0, EntropyFigures.binaryEntropy(1.0));
    }

    @Test
    void binaryEntropyOfAFairCoinIsOneBit() {
        assertEquals(1.0, EntropyFigures.binaryEntropy(0.5), EPS);
    }

    @Test
    void binaryEntropyOfAQuarterMatchesNumpy() {
        // numpy: -0.25*np.log2(0.25) - 0.75*np.log2(0.75) = 0.8112781244591328
        assertEquals(0.8112781244591328, EntropyFigures.binaryEntropy(0.25), EPS);
        assertEquals(0.8112781244591328, EntropyFigures.binaryEntropy(0.75), EPS);
        // numpy H(1/3) = 0.9182958340544896
        assertEquals(0.9182958340544896, EntropyFigures.binaryEntropy(1.0 / 3), EPS);
    }

    @Test
    void binaryEntropyRejectsNonProbabilities() {
        assertThrows(IllegalArgumentException.class, () -> EntropyFigures.binaryEntropy(-0.1));
        assertThrows(IllegalArgumentException.class, () -> EntropyFigures.binaryEntropy(Double.NaN));
    }

    /**
     * One layer of 4 neurons, 4 samples, labels [0, 0, 1, 1] (n_0 = n_1 = 2). Active sets:
     * s0 {A, B, C}, s1 {A}, s2 {B, C}, s3 {C}; D never.
     * A: c=2 (c_0=2, c_1=0): H=1, H|0=H(1)=0, H|1=H(0)=0, H(A|Y)=0, MI=1, pref 0.
     * B: c=2 (1, 1): H=1, H|c=1 each, H(A|Y)=1, MI=0, no pref (its activity does not depend on the class).
     * C: c=3 (1, 2): H=H(3/4)=0.8112781244591328, H|0=1, H|1=0, H(A|Y)=0.5,
     *    MI=0.31127812445913283, pref 1.
     * D: dead: all 0, pref -1.
     */
    @Test
    void conditionalEntropyAndMutualInformationOnATwoClassExample() throws DataException {
        CoactivationStats stats = new CoactivationStats(List.of(new LayerShape("L", 4)), 2);
        double[] values = {
            1, 1, 1, 0,
            1, 0, 0, 0,
            0, 1, 1, 0,
            0, 0, 1, 0};
        stats.accept(new int[] {0, 0, 1, 1}, new int[] {0, 0, 1, 1}, List.of(values), 4, Taus.uniform(0, stats.layers()));
        // alpha 1: every association counts, so the argmax rule alone is checked here
        EntropyFigures figures = EntropyFigures.of(stats, 1.0);
        List<NeuronEntropy> n = figures.neurons();
        assertNeuron(n.get(0), "L:0", 1.0, 0.0, 1.0, 0);
        assertNeuron(n.get(1), "L:1", 1.0, 1.0, 0.0, -1);
        assertNeuron(n.get(2), "L:2", 0.8112781244591328, 0.5, 0.31127812445913283, 1);
        assertNeuron(n.get(3), "L:3", 0.0, 0.0, 0.0, -1);
        assertFalse(n.get(3).hasPreferredClass());

        EntropySummary layer = figures.layers().get(0);
        // means over 4 neurons: H (1+1+0.811...+0)/4, H(A|Y) (0+1+0.5+0)/4, MI (1+0+0.311...+0)/4 (numpy)
        assertEquals(0.7028195311147832, layer.meanEntropy(), EPS);
        assertEquals(0.375, layer.meanConditionalEntropy(), EPS);
        assertEquals(0.32781953111478324, layer.meanMutualInformation(), EPS);
        assertEquals(1, layer.dead());
        assertEquals(0, layer.alwaysOn());
        assertEquals(EntropyFigures.MODEL, figures.model().name());
        assertEquals(layer.meanEntropy(), figures.model().meanEntropy(), EPS);
        assertEquals(4, figures.model().neurons());
        assertEquals(List.of(0, -1, 1, -1), java.util.Arrays.stream(figures.preferredClasses()).boxed().toList());
    }

    /** Two layers; the always-on neuron (c_j = n) is counted; classes with n_c = 0 are skipped. */
    @Test
    void layerAndModelFiguresCountDeadAndAlwaysOnAndSkipEmptyClasses() throws DataException {
        CoactivationStats stats = new CoactivationStats(List.of(new LayerShape("a", 1), new LayerShape("b", 2)), 3);
        // labels 0, 2 (class 1 empty). a:0 always on; b:0 active on s1 only; b:1 dead.
        stats.accept(new int[] {0, 2}, new int[] {0, 0}, List.of(new double[] {1, 2}, new double[] {0, 0, 3, 0}), 2,
                Taus.uniform(0, stats.layers()));
        EntropyFigures f = EntropyFigures.of(stats, 1.0);
        assertEquals(1, f.layers().get(0).alwaysOn());
        assertEquals(0, f.layers().get(0).dead());
        assertEquals(1, f.layers().get(1).dead());
        assertEquals(1, f.model().dead());
        assertEquals(1, f.model().alwaysOn());
        // b:0: c=1 of n=2 -> H=1; H|0 = H(0) = 0, H|2 = H(1) = 0 -> MI = 1; pref 2 (rate 1 vs 0)
        assertNeuron(f.neurons().get(1), "b:0", 1.0, 0.0, 1.0, 2);
        // model mean H over 3 neurons: (0 + 1 + 0) / 3
        assertEquals(1.0 / 3, f.model().meanEntropy(), EPS);
    }

    @Test
    void emptyStatisticsAreRejected() {
        CoactivationStats stats = new CoactivationStats(List.of(new LayerShape("L", 1)), 2);
        assertThrows(IllegalArgumentException.class, () -> EntropyFigures.of(stats));
    }

    private static void assertNeuron(NeuronEntropy e, String id, double h, double conditional, double mi,
            int preferred) {
        assertEquals(id, e.id());
        assertEquals(h, e.entropy(), EPS, id + " H");
        assertEquals(conditional, e.conditionalEntropy(), EPS, id + " H(A|Y)");
        assertEquals(mi, e.mutualInformation(), EPS, id + " MI");
        assertEquals(preferred, e.preferredClass(), id + " preferred class");
    }

    @org.junit.jupiter.api.Test
    void aPreferredClassNeedsAnActivityThatDependsOnTheClass() throws Exception {
        // 200 samples, 2 classes of 100. n0 active on 60 of class 0 and 40 of class 1: G = 2 n ln2 I
        // = 8.05 (df 1, p = 0.0046 < 0.01): preferred class 0. n1 active on 52 and 48: G = 0.32
        // (p = 0.57): no preferred class, though its class-0 rate is higher. n2 always on: none.
        CoactivationStats stats = new CoactivationStats(List.of(new LayerShape("l", 3)), 2);
        int n = 200;
        int[] labels = new int[n];
        double[] values = new double[n * 3];
        for (int i = 0; i < n; i++) {
            labels[i] = i < 100 ? 0 : 1;
            int r = i % 100;
            values[i * 3] = (i < 100 ? r < 60 : r < 40) ? 1 : 0;
            values[i * 3 + 1] = (i < 100 ? r < 52 : r < 48) ? 1 : 0;
            values[i * 3 + 2] = 1;
        }
        stats.accept(labels, labels, List.of(values), n, Taus.uniform(0, stats.layers()));
        EntropyFigures f = EntropyFigures.of(stats, 0.01);
        assertEquals(0, f.neurons().get(0).preferredClass());
        assertEquals(0.0046, f.neurons().get(0).classAssociationP(), 1e-4);
        assertEquals(-1, f.neurons().get(1).preferredClass());
        assertEquals(0.57, f.neurons().get(1).classAssociationP(), 0.01);
        assertEquals(-1, f.neurons().get(2).preferredClass());
        assertEquals(1.0, f.neurons().get(2).classAssociationP(), 0);
    }
}
