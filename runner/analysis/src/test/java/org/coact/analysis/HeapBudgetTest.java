package org.coact.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.coact.analysis.activity.CoactivationStats;
import org.coact.analysis.activity.LayerShape;
import org.coact.analysis.activity.Scope;
import org.coact.api.ConfigException;
import org.junit.jupiter.api.Test;

/** The sizes the heap checks compute, by hand, and what they refuse. */
class HeapBudgetTest {

    private static final List<LayerShape> WIDE = List.of(new LayerShape("a", 4096), new LayerShape("b", 4096),
            new LayerShape("out", 10));

    @Test
    void adjacentPairsOfTheWideMlpByHand() {
        CoactivationStats.Footprint f = CoactivationStats.footprint(WIDE, 10, Scope.ADJACENT, false);
        assertEquals(4096L * 4096 + 4096L * 10, f.pairs());
        assertEquals(4096L * 4096, f.largestBlock());
        assertEquals("'a' and 'b'", f.largestBlockLayers());
        // 8 bytes per pair count, plus active and per-class active counts per neuron (1 + K each)
        assertEquals(8 * (4096L * 4096 + 40960) + 8 * 8202L * 11, f.bytes());
        CoactivationStats.Footprint perClass = CoactivationStats.footprint(WIDE, 10, Scope.ADJACENT, true);
        assertEquals(8 * (4096L * 4096 + 40960) * 11 + 8 * 8202L * 11, perClass.bytes());
    }

    @Test
    void allPairsCountWithinLayerTrianglesButStoreSquares() {
        List<LayerShape> two = List.of(new LayerShape("x", 3), new LayerShape("y", 2));
        CoactivationStats.Footprint f = CoactivationStats.footprint(two, 2, Scope.ALL, false);
        assertEquals(3 + 6 + 1, f.pairs(), "x-x 3, x-y 6, y-y 1");
        assertEquals(8 * (9 + 6 + 4) + 8 * 5 * 3, f.bytes());
        assertEquals(9, f.largestBlock());
        assertEquals("'x' with itself", f.largestBlockLayers());
    }

    @Test
    void countsLargerThanTheHeapAreRefusedNamingTheKeys() throws Exception {
        CoactivationStats.Footprint perClass = CoactivationStats.footprint(WIDE, 10, Scope.ADJACENT, true);
        HeapBudget.requireCounts(perClass, true, NO_BATCHES, HeapBudget.Heap.of(4L << 30, perClass.bytes()));
        ConfigException e = assertThrows(ConfigException.class,
                () -> HeapBudget.requireCounts(perClass, true, NO_BATCHES, HeapBudget.Heap.of(2L << 30, 1L << 30)));
        assertEquals("counting 16,818,176 neuron pairs per class (graph.per_class: true) needs 1.4 GiB of heap, more "
                + "than the 1.0 GiB free of the 2.0 GiB this JVM may use; select fewer layers (--layers), set "
                + "graph.per_class to false, or give Java more heap (JAVA_OPTS=-Xmx...)", e.getMessage());
    }

    @Test
    void autoTakesTheLimitOrTheLargestBatchThatFitsBesideTheCounts() throws Exception {
        CoactivationStats.Footprint f = CoactivationStats.footprint(WIDE, 10, Scope.ADJACENT, false);
        long mib = 1L << 20;
        // 1 MiB per sample, 3 in flight: 256 needs 768 MiB beside the counts
        assertEquals(256, HeapBudget.largestBatch(f, false, mib, 3, 256, HeapBudget.Heap.of(4L << 30, f.bytes() + 768 * mib)));
        // 767 MiB: floor(767 / 3) = 255; 100 MiB: floor(100 / 3) = 33 (the figure the refusal of 64 names below)
        assertEquals(255, HeapBudget.largestBatch(f, false, mib, 3, 256, HeapBudget.Heap.of(4L << 30, f.bytes() + 767 * mib)));
        assertEquals(33, HeapBudget.largestBatch(f, false, mib, 3, 256, HeapBudget.Heap.of(1L << 30, f.bytes() + 100 * mib)));
        // a lower limit (one Java array of the inputs) wins; 3 MiB is one sample exactly
        assertEquals(7, HeapBudget.largestBatch(f, false, mib, 3, 7, HeapBudget.Heap.of(4L << 30, f.bytes() + 768 * mib)));
        assertEquals(1, HeapBudget.largestBatch(f, false, mib, 3, 256, HeapBudget.Heap.of(1L << 30, f.bytes() + 3 * mib)));
        // not even one sample: the refusal a fixed batch of 1 gets
        ConfigException e = assertThrows(ConfigException.class, () -> HeapBudget.largestBatch(f, false, mib, 3, 256,
                HeapBudget.Heap.of(1L << 30, f.bytes() + 2 * mib)));
        assertEquals(true, e.getMessage().contains("even one sample does not fit; select fewer layers (--layers)"),
                e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> HeapBudget.largestBatch(f, false, mib, 3, 0,
                HeapBudget.Heap.of(1L << 30, 1L << 30)));
    }

    @Test
    void batchesThatDoNotFitBesideTheCountsAreRefusedWithTheLargestBatchThatFits() throws Exception {
        CoactivationStats.Footprint f = CoactivationStats.footprint(WIDE, 10, Scope.ADJACENT, false);
        // 1 MiB per sample, 3 in flight: batch 64 needs 192 MiB; 100 MiB free beside the counts fit 33
        long free = f.bytes() + (100L << 20);
        HeapBudget.Batches fitting = new HeapBudget.Batches(33, 1L << 20, 3);
        HeapBudget.requireCounts(f, false, fitting, HeapBudget.Heap.of(1L << 30, free));
        ConfigException e = assertThrows(ConfigException.class, () -> HeapBudget.requireCounts(f, false,
                new HeapBudget.Batches(64, 1L << 20, 3), HeapBudget.Heap.of(1L << 30, free)));
        assertEquals("batch_size 64 needs 192.0 MiB of heap for the 3 batches in flight (1.0 MiB per sample) beside "
                + "129.0 MiB of counts, more than the 229.0 MiB free of the 1.0 GiB this JVM may use; set batch_size "
                + "to 33 or less (--batch-size), or give Java more heap (JAVA_OPTS=-Xmx...)", e.getMessage());
    }

    private static final HeapBudget.Batches NO_BATCHES = new HeapBudget.Batches(0, 0, 3);

    @Test
    void aBlockLongerThanAnArrayIsRefusedBeforeItOverflows() {
        List<LayerShape> huge = List.of(new LayerShape("emb", 50_000), new LayerShape("h", 50_000));
        CoactivationStats.Footprint f = CoactivationStats.footprint(huge, 2, Scope.ADJACENT, false);
        assertEquals(2_500_000_000L, f.largestBlock());
        ConfigException e = assertThrows(ConfigException.class, () -> HeapBudget.requireCounts(f, false, NO_BATCHES, HeapBudget.Heap.of(Long.MAX_VALUE, Long.MAX_VALUE)));
        assertEquals("the pairs of layers 'emb' and 'h' are 2,500,000,000 counts, more than the 2,147,483,639 one "
                + "array can hold; select smaller layers (--layers) or, with graph.scope 'all', use 'adjacent'",
                e.getMessage());
    }

    @Test
    void aGraphIsCheckedAgainstTheFreeHeap() throws Exception {
        long edges = 16_777_216;
        long needed = edges * HeapBudget.BYTES_PER_EDGE;
        HeapBudget.requireGraph(edges, HeapBudget.Heap.of(2L << 30, needed));
        ConfigException e = assertThrows(ConfigException.class,
                () -> HeapBudget.requireGraph(edges, HeapBudget.Heap.of(2L << 30, needed - 1)));
        assertEquals("the graph would have 16,777,216 edges, which need about 1.3 GiB of heap, more than the 1.2 GiB "
                + "free of the 2.0 GiB this JVM may use; keep fewer edges with graph.min_weight (edges lighter than it "
                + "are never stored), select fewer layers (--layers), or give Java more heap (JAVA_OPTS=-Xmx...)",
                e.getMessage());
    }
}
