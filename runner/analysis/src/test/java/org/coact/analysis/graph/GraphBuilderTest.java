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
        assertEquals(5, g.nodeCount());
        assertArrayEquals(sources, g.sources());
        assertArrayEquals(targets, g.targets());
        assertArrayEquals(weights, g.weights(), 1e-15);
    }
}
