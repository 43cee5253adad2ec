package org.coact.runner.analysis;

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
    void girvanNewmanRefusesLargeGraphsWithAHint() {
        WeightedGraph big = TestGraphs.ringOfCliques(40, 13); // 40 * 78 + 40 = 3160 edges
        ConfigException e = assertThrows(ConfigException.class,
                () -> new GirvanNewmanCommunityAlgorithm().detect(big, DEFAULTS));
        assertTrue(e.getMessage().contains("graph.top_k"), e.getMessage());
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
        ConfigException e = assertThrows(ConfigException.class, () -> new LabelPropagationCommunityAlgorithm()
                .detect(TestGraphs.twoTrianglesWithBridge(0), new AlgorithmParameters(1.0, 1, Map.of("k", 3))));
        assertEquals("unknown option 'k' for algorithm label-propagation; known: [iterations]", e.getMessage());
    }
}
