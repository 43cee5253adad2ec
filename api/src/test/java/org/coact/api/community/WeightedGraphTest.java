package org.coact.api.community;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/** What a WeightedGraph refuses, for edges in builder order and out of it. */
class WeightedGraphTest {

    @Test
    void ascendingEdgesAreAccepted() {
        WeightedGraph g = new WeightedGraph(4, new int[] {0, 0, 1, 2}, new int[] {1, 3, 2, 3}, new double[] {1, 2, 3, 4});
        assertEquals(4, g.edgeCount());
        assertEquals(10, g.totalWeight(), 0);
    }

    @Test
    void unorderedDistinctEdgesAreAccepted() {
        WeightedGraph g = new WeightedGraph(4, new int[] {2, 0, 1, 0}, new int[] {3, 1, 2, 3}, new double[] {1, 1, 1, 1});
        assertEquals(4, g.edgeCount());
    }

    @Test
    void aDuplicateIsFoundInAnyOrder() {
        IllegalArgumentException adjacent = assertThrows(IllegalArgumentException.class,
                () -> new WeightedGraph(3, new int[] {0, 0, 1}, new int[] {1, 1, 2}, new double[] {1, 1, 1}));
        assertEquals("duplicate edge (0, 1)", adjacent.getMessage());
        IllegalArgumentException apart = assertThrows(IllegalArgumentException.class,
                () -> new WeightedGraph(3, new int[] {1, 0, 1}, new int[] {2, 1, 2}, new double[] {1, 1, 1}));
        assertEquals("duplicate edge (1, 2)", apart.getMessage());
    }

    @Test
    void selfLoopsReversedEdgesAndBadWeightsAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> new WeightedGraph(2, new int[] {1}, new int[] {1}, new double[] {1}));
        assertThrows(IllegalArgumentException.class, () -> new WeightedGraph(2, new int[] {1}, new int[] {0}, new double[] {1}));
        assertThrows(IllegalArgumentException.class, () -> new WeightedGraph(2, new int[] {0}, new int[] {1}, new double[] {0}));
        assertThrows(IllegalArgumentException.class,
                () -> new WeightedGraph(2, new int[] {0}, new int[] {1}, new double[] {Double.NaN}));
    }
}
