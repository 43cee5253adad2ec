package org.coact.analysis.significance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.coact.analysis.activity.CoactivationStats;
import org.coact.analysis.activity.LayerShape;
import org.coact.analysis.activity.Scope;
import org.coact.analysis.activity.Taus;
import org.coact.analysis.community.LouvainCommunityAlgorithm;
import org.coact.analysis.community.Modularity;
import org.coact.analysis.graph.EdgeWeighting;
import org.coact.analysis.graph.GraphBuilder;
import org.coact.analysis.graph.GraphSettings;
import org.coact.analysis.graph.NeuronGraph;
import org.coact.api.community.AlgorithmParameters;
import org.coact.api.community.DetectionProgress;
import org.junit.jupiter.api.Test;

/**
 * The null model on two planted groups of neurons that fire together (two "concepts", each
 * active on half the samples) against neurons firing independently: planted structure stands far
 * above its null, independent firing does not, and the same seed gives the same draws.
 */
class NullModelTest {

    private static final GraphSettings LIFT = new GraphSettings(Scope.ALL, EdgeWeighting.LIFT, 0, 0);
    private static final AlgorithmParameters PARAMS = new AlgorithmParameters(1.0, 42, Map.of());

    /** 2 layers of 6 neurons; neurons 0-2 and 6-8 follow concept A, 3-5 and 9-11 concept B. */
    private static CoactivationStats stats(boolean planted, long seed) throws Exception {
        List<LayerShape> layers = List.of(new LayerShape("a", 6), new LayerShape("b", 6));
        CoactivationStats s = new CoactivationStats(layers, 1, Scope.ALL);
        SplittableRandom r = new SplittableRandom(seed);
        int n = 400;
        double[] a = new double[n * 6];
        double[] b = new double[n * 6];
        for (int i = 0; i < n; i++) {
            boolean conceptA = r.nextBoolean();
            boolean conceptB = r.nextBoolean();
            for (int f = 0; f < 6; f++) {
                boolean on = planted ? ((f < 3 ? conceptA : conceptB) ^ (r.nextDouble() < 0.1)) : r.nextBoolean();
                a[i * 6 + f] = on ? 1 : 0;
                on = planted ? ((f < 3 ? conceptA : conceptB) ^ (r.nextDouble() < 0.1)) : r.nextBoolean();
                b[i * 6 + f] = on ? 1 : 0;
            }
        }
        s.accept(new int[n], new int[n], List.of(a, b), n, Taus.uniform(0, layers));
        return s;
    }

    private static double q(CoactivationStats s) throws Exception {
        NeuronGraph g = new GraphBuilder(LIFT).build(s);
        return Modularity.of(g.graph(), new LouvainCommunityAlgorithm().detect(g.graph(), PARAMS), 1.0);
    }

    @Test
    void plantedConceptsStandFarAboveTheNullAndIndependentFiringDoesNot() throws Exception {
        CoactivationStats planted = stats(true, 1);
        double q = q(planted);
        NullModel nulls = NullModel.of(planted, q, LIFT, new LouvainCommunityAlgorithm(), PARAMS, 30,
                DetectionProgress.NONE);
        assertEquals(30, nulls.samples());
        assertTrue(q > 0.3, "the planted partition is strong: Q " + q);
        assertTrue(nulls.z() != null && nulls.z() > 3, "z " + nulls.z());
        assertEquals(1.0 / 31, nulls.p(), 1e-12, "no null draw reaches Q");
        assertEquals(0.0, nulls.baseline(), 0, "lift of expected counts is 0: an edgeless baseline");

        CoactivationStats independent = stats(false, 2);
        double q0 = q(independent);
        NullModel null0 = NullModel.of(independent, q0, LIFT, new LouvainCommunityAlgorithm(), PARAMS, 30,
                DetectionProgress.NONE);
        assertTrue(null0.p() > 0.01, "independent neurons are not significant: p " + null0.p() + ", Q " + q0 + " vs "
                + null0.mean() + " +- " + null0.sd());
    }

    @Test
    void theSameSeedGivesTheSameDrawsAndProgressIsReported() throws Exception {
        CoactivationStats s = stats(true, 3);
        double q = q(s);
        List<Long> steps = new ArrayList<>();
        NullModel a = NullModel.of(s, q, LIFT, new LouvainCommunityAlgorithm(), PARAMS, 5, (done, total) -> steps.add(done));
        NullModel b = NullModel.of(s, q, LIFT, new LouvainCommunityAlgorithm(), PARAMS, 5, DetectionProgress.NONE);
        assertEquals(a, b);
        assertEquals(List.of(1L, 2L, 3L, 4L, 5L, 6L), steps, "one step per draw, then the baseline");
    }
}
