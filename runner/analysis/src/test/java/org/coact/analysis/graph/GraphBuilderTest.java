package org.coact.analysis.graph;

import org.coact.analysis.activity.Scope;

import org.coact.analysis.activity.CoactivationStats;

import org.coact.analysis.activity.LayerShape;
import org.coact.analysis.activity.Taus;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.coact.api.DataException;
import org.coact.api.community.WeightedGraph;
import org.junit.jupiter.api.Test;

class GraphBuilderTest {

    /**
     * The toy of CoactivationStatsTest: nodes a:0=0, a:1=1, b:0=2, b:1=3, b:2=4, n=4,
     * C = {0-2: 1, 0-3: 1, 0-4: 2, 1-3: 1, 1-4: 1} -> frequencies 0.25, 0.25, 0.5, 0.25, 0.25.
     */
    private static CoactivationStats toy() throws DataException {
        CoactivationStats stats = new CoactivationStats(List.of(new LayerShape("a", 2), new LayerShape("b", 3)), 2);
        double[] a = {0.5, 0, 1, 2, 0, -1, 3, 0.1};
        double[] b = {1, 0, 1, 0, 0, 2, 1, 1, 1, 0, 0.5, 0};
        stats.accept(new int[] {0, 1, 0, 1}, new int[] {0, 1, 1, 1}, List.of(a, b), 4, Taus.uniform(0, stats.layers()));
        return stats;
    }

    /**
     * Per-class graphs (graph.per_class) on five samples (label; a:0 a:1 b:0 b:1):
     * (0; 1 0 1 0), (0; 1 1 1 1), (0; 0 1 0 1), (1; 1 0 0 1), (1; 1 1 1 0).
     * Class 0, n_0 = 3: every c_j = 2; C = {a0-b0: 2, a0-b1: 1, a1-b0: 1, a1-b1: 2}: frequency
     * 2/3, 1/3, 1/3, 2/3; Jaccard 2/(2+2-2) = 1, 1/3, 1/3, 1. Class 1, n_1 = 2: c = (2, 1, 1, 1),
     * C = {a0-b0: 1, a0-b1: 1, a1-b0: 1}: frequency 1/2 each, a1-b1 has no edge.
     */
    @Test
    void perClassGraphsUseTheClassCountsAndTheClassSize() throws DataException {
        List<LayerShape> layers = List.of(new LayerShape("a", 2), new LayerShape("b", 2));
        CoactivationStats stats = new CoactivationStats(layers, 2, Scope.ADJACENT, true);
        double[] a = {1, 0, 1, 1, 0, 1, 1, 0, 1, 1};
        double[] b = {1, 0, 1, 1, 0, 1, 0, 1, 1, 0};
        stats.accept(new int[] {0, 0, 0, 1, 1}, new int[5], List.of(a, b), 5, Taus.uniform(0, stats.layers()));
        GraphBuilder frequency = new GraphBuilder(new GraphSettings(Scope.ADJACENT, EdgeWeighting.FREQUENCY, 0, 0));
        GraphBuilder jaccard = new GraphBuilder(new GraphSettings(Scope.ADJACENT, EdgeWeighting.JACCARD, 0, 0));
        assertGraph(4, frequency.build(stats.forClass(0)).graph(), new int[] {0, 0, 1, 1}, new int[] {2, 3, 2, 3},
                new double[] {2.0 / 3, 1.0 / 3, 1.0 / 3, 2.0 / 3});
        assertGraph(4, jaccard.build(stats.forClass(0)).graph(), new int[] {0, 0, 1, 1}, new int[] {2, 3, 2, 3},
                new double[] {1, 1.0 / 3, 1.0 / 3, 1});
        assertGraph(4, frequency.build(stats.forClass(1)).graph(), new int[] {0, 0, 1}, new int[] {2, 3, 2},
                new double[] {0.5, 0.5, 0.5});
        assertEquals(3, stats.forClass(0).samples());
        assertEquals(2, stats.forClass(1).samples());
    }

    @Test
    void frequencyWeightsAreCoactivationsOverSamples() throws DataException {
        NeuronGraph g = new GraphBuilder(new GraphSettings(Scope.ADJACENT, EdgeWeighting.FREQUENCY, 0, 0)).build(toy());
        assertEquals(List.of("a:0", "a:1", "b:0", "b:1", "b:2"), g.nodeIds());
        assertGraph(g.graph(), new int[] {0, 0, 0, 1, 1}, new int[] {2, 3, 4, 3, 4},
                new double[] {0.25, 0.25, 0.5, 0.25, 0.25});
    }

    @Test
    void minWeightDropsLighterEdgesAndKeepsEqualOnes() throws DataException {
        NeuronGraph g = new GraphBuilder(new GraphSettings(Scope.ADJACENT, EdgeWeighting.FREQUENCY, 0.3, 0)).build(toy());
        assertGraph(g.graph(), new int[] {0}, new int[] {4}, new double[] {0.5});
        NeuronGraph all = new GraphBuilder(new GraphSettings(Scope.ADJACENT, EdgeWeighting.FREQUENCY, 0.25, 0)).build(toy());
        assertEquals(5, all.graph().edgeCount());
    }

    /**
     * topK = 1: node 0 keeps 0-4 (0.5); node 1 ties 1-3/1-4 at 0.25 -> lower other index, 1-3;
     * node 2 keeps 0-2; node 3 ties 0-3/1-3 -> 0-3; node 4 keeps 0-4. Only 1-4 is in no top 1.
     */
    @Test
    void topKKeepsEdgesAmongTheHeaviestOfEitherEndpoint() throws DataException {
        NeuronGraph g = new GraphBuilder(new GraphSettings(Scope.ADJACENT, EdgeWeighting.FREQUENCY, 0, 1)).build(toy());
        assertGraph(g.graph(), new int[] {0, 0, 0, 1}, new int[] {2, 3, 4, 3}, new double[] {0.25, 0.25, 0.5, 0.25});
        NeuronGraph two = new GraphBuilder(new GraphSettings(Scope.ADJACENT, EdgeWeighting.FREQUENCY, 0, 2)).build(toy());
        assertEquals(5, two.graph().edgeCount());
    }

    @Test
    void badOptionsAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> new GraphSettings(Scope.ADJACENT, EdgeWeighting.FREQUENCY, -1, 0));
        assertThrows(IllegalArgumentException.class, () -> new GraphSettings(Scope.ADJACENT, EdgeWeighting.FREQUENCY, 0, -1));
    }

    private static void assertGraph(WeightedGraph g, int[] sources, int[] targets, double[] weights) {
        assertGraph(5, g, sources, targets, weights);
    }

    private static void assertGraph(int nodes, WeightedGraph g, int[] sources, int[] targets, double[] weights) {
        assertEquals(nodes, g.nodeCount());
        assertArrayEquals(sources, g.sources());
        assertArrayEquals(targets, g.targets());
        assertArrayEquals(weights, g.weights(), 1e-15);
    }
}
