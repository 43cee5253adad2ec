package org.coact.analysis.community;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.coact.api.ConfigException;
import org.coact.api.community.AlgorithmParameters;
import org.coact.api.community.Partition;
import org.coact.api.community.WeightedGraph;
import org.junit.jupiter.api.Test;

/** The JGraphT-backed built-ins on hand-checked graphs. */
class JGraphTAlgorithmsTest {

    private static final AlgorithmParameters DEFAULTS = new AlgorithmParameters(1.0, 42, Map.of());

    @Test
    void girvanNewmanCutsTheBridgeFirst() throws Exception {
        // nodes 0-1-2 and 3-4-5 are triangles, 2-3 the bridge (highest betweenness: 9 shortest paths)
        Partition p = new GirvanNewmanCommunityAlgorithm().detect(TestGraphs.twoTrianglesWithBridge(0), DEFAULTS);
        assertEquals(new Partition(new int[] {0, 0, 0, 1, 1, 1}), p);
    }

    @Test
    void girvanNewmanFindsTheCliquesOfARingWhenAskedForThem() throws Exception {
        Partition p = new GirvanNewmanCommunityAlgorithm().detect(TestGraphs.ringOfCliques(4, 4),
                new AlgorithmParameters(1.0, 0, Map.of("communities", 4)));
        int[] expected = new int[16];
        for (int i = 0; i < 16; i++) {
            expected[i] = i / 4;
        }
        assertEquals(new Partition(expected), p);
    }

    @Test
    void girvanNewmanMeasuresPathsInTheDistanceOneOverWeight() throws Exception {
        // the cycle 0-1-2-3-0 with heavy 0-1, 1-2, 2-3 (10, distance 0.1) and light 0-3 (0.1, distance 10):
        // no shortest path takes 0-3, so 1-2 carries the most (pairs 0-2, 0-3, 1-2, 1-3) and goes first;
        // then 0-3 carries the pairs between {0,1} and {2,3}. Unweighted, the four edges would tie and
        // the first, 0-1, would go: {1,2} | {0,3}.
        WeightedGraph cycle = new WeightedGraph(4, new int[] {0, 0, 1, 2}, new int[] {1, 3, 2, 3},
                new double[] {10, 0.1, 10, 10});
        assertEquals(new Partition(new int[] {0, 0, 1, 1}), new GirvanNewmanCommunityAlgorithm().detect(cycle, DEFAULTS));
    }

    @Test
    void girvanNewmanReturnsTheComponentsWhenThereAreAlreadyEnough() throws Exception {
        // two components with edges (0-1, 2-3) and an isolated node 4; communities = 2 counts the
        // first two only: nothing to cut (JGraphT's own loop never returned here)
        WeightedGraph g = new WeightedGraph(5, new int[] {0, 2}, new int[] {1, 3}, new double[] {1, 1});
        assertEquals(new Partition(new int[] {0, 0, 1, 1, 2}), new GirvanNewmanCommunityAlgorithm().detect(g, DEFAULTS));
    }

    @Test
    void girvanNewmanLeavesIsolatedNodesOutOfTheCommunityCount() throws Exception {
        // two triangles with a bridge plus three isolated nodes: communities = 2 still cuts the bridge
        WeightedGraph bridged = TestGraphs.twoTrianglesWithBridge(0);
        int[] s = new int[bridged.edgeCount()];
        int[] t = new int[bridged.edgeCount()];
        double[] w = new double[bridged.edgeCount()];
        for (int e = 0; e < s.length; e++) {
            s[e] = bridged.source(e);
            t[e] = bridged.target(e);
            w[e] = bridged.weight(e);
        }
        WeightedGraph g = new WeightedGraph(9, s, t, w);
        assertEquals(new Partition(new int[] {0, 0, 0, 1, 1, 1, 2, 3, 4}),
                new GirvanNewmanCommunityAlgorithm().detect(g, DEFAULTS));
    }

    @Test
    void girvanNewmanRefusesLargeGraphsWithAHint() {
        WeightedGraph big = TestGraphs.ringOfCliques(40, 13); // 40 * 78 + 40 = 3160 edges
        ConfigException e = assertThrows(ConfigException.class,
                () -> new GirvanNewmanCommunityAlgorithm().detect(big, DEFAULTS));
        assertTrue(e.getMessage().contains("graph.top_k"), e.getMessage());
        assertTrue(e.getMessage().contains("louvain or leiden"), e.getMessage());
        assertTrue(e.getMessage().contains("3160 edges (limit 3000)"), e.getMessage());
    }

    /** Each removal is reported: the ring of four 4-cliques (28 edges) splits after its 4 ring edges go. */
    @Test
    void girvanNewmanReportsEveryEdgeRemoval() throws Exception {
        java.util.List<long[]> updates = new java.util.ArrayList<>();
        new GirvanNewmanCommunityAlgorithm().detect(TestGraphs.ringOfCliques(4, 4),
                new AlgorithmParameters(1.0, 0, Map.of("communities", 4)), (done, total) -> updates.add(new long[] {done, total}));
        assertEquals(java.util.List.of("1/28", "2/28", "3/28", "4/28"),
                updates.stream().map(u -> u[0] + "/" + u[1]).toList());
    }

    @Test
    void labelPropagationFindsTheCliquesAndIsDeterministicForASeed() throws Exception {
        LabelPropagationCommunityAlgorithm lp = new LabelPropagationCommunityAlgorithm();
        WeightedGraph ring = TestGraphs.ringOfCliques(6, 5);
        Partition first = lp.detect(ring, DEFAULTS);
        assertEquals(first, lp.detect(ring, DEFAULTS));
        int[] expected = new int[30];
        for (int i = 0; i < 30; i++) {
            expected[i] = i / 5;
        }
        assertEquals(new Partition(expected), first);
    }

    @Test
    void unknownOptionsAreNamed() {
        // the analyzer checks options against the keys an algorithm declares, before it runs
        ConfigException e = assertThrows(ConfigException.class, () -> org.coact.analysis.Analyzer.checkOptions(
                new LabelPropagationCommunityAlgorithm(), new AlgorithmParameters(1.0, 1, Map.of("iteration", 3))));
        assertEquals("unknown option 'iteration' for algorithm label-propagation (did you mean 'iterations'?); known: "
                + "[iterations]", e.getMessage());
    }
}
