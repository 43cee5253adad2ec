package org.coact.analysis.graph;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.coact.analysis.activity.CoactivationStats;
import org.coact.analysis.activity.LayerShape;
import org.coact.analysis.activity.Scope;
import org.coact.analysis.activity.Taus;
import org.coact.api.DataException;
import org.coact.api.community.WeightedGraph;
import org.junit.jupiter.api.Test;

/** Every weighting of METHOD.md 5 on counts worked out by hand. */
class EdgeWeightingTest {

    @Test
    void eachWeightingOnHandCounts() {
        // n = 8; c_j = 4, c_k = 4
        // C = 3: frequency 3/8, count 3, jaccard 3/(4+4-3) = 3/5, phi (8*3 - 16)/sqrt(4*4*4*4) = 8/16,
        //        lift 3*8/16 - 1 = 1/2
        assertEquals(0.375, EdgeWeighting.FREQUENCY.weight(3, 4, 4, 8), 0);
        assertEquals(3.0, EdgeWeighting.COUNT.weight(3, 4, 4, 8), 0);
        assertEquals(0.6, EdgeWeighting.JACCARD.weight(3, 4, 4, 8), 1e-15);
        assertEquals(0.5, EdgeWeighting.PHI.weight(3, 4, 4, 8), 0);
        assertEquals(0.5, EdgeWeighting.LIFT.weight(3, 4, 4, 8), 0);
        // C = 2 = c_j c_k / n: independent, so phi and lift are 0 (no edge)
        assertEquals(0.0, EdgeWeighting.PHI.weight(2, 4, 4, 8), 0);
        assertEquals(0.0, EdgeWeighting.LIFT.weight(2, 4, 4, 8), 0);
        // C = 1 below independence: negative, so no edge
        assertEquals(-0.5, EdgeWeighting.PHI.weight(1, 4, 4, 8), 0);
        assertEquals(-0.5, EdgeWeighting.LIFT.weight(1, 4, 4, 8), 0);
        // an always-on neuron (c = n) has no phi (undefined), and an expected count gives no residue
        assertEquals(0.0, EdgeWeighting.PHI.weight(4, 8, 4, 8), 0);
        assertEquals(0.0, EdgeWeighting.PHI.weight(7.0 * 3 / 10, 7, 3, 10), 0);
        assertEquals(0.0, EdgeWeighting.LIFT.weight(7.0 * 3 / 10, 7, 3, 10), 0);
    }

    @Test
    void theGraphKeepsOnlyPositiveWeightsOfEachWeighting() throws DataException {
        // a: 1 neuron, b: 2 neurons, n = 4
        // a0 on s0 s1; b0 on s0 s1 (with a0 twice), b1 on s1 s2 s3 (with a0 once)
        CoactivationStats stats = new CoactivationStats(List.of(new LayerShape("a", 1), new LayerShape("b", 2)), 1,
                Scope.ALL);
        double[] a = {1, 1, 0, 0};
        double[] b = {1, 0, 1, 1, 0, 1, 0, 1};
        stats.accept(new int[4], new int[4], List.of(a, b), 4, Taus.uniform(0, stats.layers()));
        // pairs: a0-b0 C=2, a0-b1 C=1, b0-b1 C=1 (s1); c = 2, 2, 3
        WeightedGraph f = new GraphBuilder(new GraphSettings(Scope.ALL, EdgeWeighting.FREQUENCY, 0, 0)).build(stats).graph();
        assertEquals(3, f.edgeCount());
        assertEquals(0.5, f.weight(0), 0);
        // phi: a0-b0 (4*2 - 4)/sqrt(2*2*2*2) = 1; a0-b1 (4 - 6)/... < 0; b0-b1 (4 - 6)/... < 0
        WeightedGraph phi = new GraphBuilder(new GraphSettings(Scope.ALL, EdgeWeighting.PHI, 0, 0)).build(stats).graph();
        assertEquals(1, phi.edgeCount());
        assertEquals(1.0, phi.weight(0), 0);
        // lift: a0-b0 2*4/4 - 1 = 1; a0-b1 1*4/6 - 1 < 0
        WeightedGraph lift = new GraphBuilder(new GraphSettings(Scope.ALL, EdgeWeighting.LIFT, 0, 0)).build(stats).graph();
        assertEquals(1, lift.edgeCount());
        // jaccard: a0-b0 2/2 = 1, a0-b1 1/4, b0-b1 1/4; adjacent scope leaves b0-b1 out
        WeightedGraph j = new GraphBuilder(new GraphSettings(Scope.ALL, EdgeWeighting.JACCARD, 0, 0)).build(stats).graph();
        assertEquals(3, j.edgeCount());
        assertEquals(1.0, j.weight(0), 0);
        assertEquals(0.25, j.weight(2), 0);
    }
}
