package org.coact.runner.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

class RowRangeTest {

    @Test
    void shardsAreWholeBatchesCoveringTheData() {
        // 2,000 samples in batches of 64: 32 batches (31 full, one of 16); 7 shards of 5 or 4 batches
        List<RowRange> r = RowRange.split(2000, 7, 64);
        assertEquals(List.of(new RowRange(0, 320), new RowRange(320, 640), new RowRange(640, 960),
                new RowRange(960, 1280), new RowRange(1280, 1536), new RowRange(1536, 1792),
                new RowRange(1792, 2000)), r);
        assertEquals(1, RowRange.split(2000, 1, 64).size());
        assertEquals(List.of(new RowRange(0, 64), new RowRange(64, 100)), RowRange.split(100, 5, 64),
                "no more shards than batches");
        assertEquals(List.of(new RowRange(0, 0)), RowRange.split(0, 3, 8));
        assertThrows(IllegalArgumentException.class, () -> RowRange.split(10, 0, 8));
    }

    @Test
    void shardsStartAtPiecesThatFallOnABatchBoundary() {
        // 1,000 samples in batches of 50, 4 shards of 250; pieces (files, row groups) starting at
        // 300 and 600 (multiples of 50) take the nearest boundaries, 900 is too far from 750, and
        // 475 is not on a batch boundary
        long[] pieces = {0, 300, 475, 600, 900};
        assertEquals(List.of(new RowRange(0, 300), new RowRange(300, 600), new RowRange(600, 750),
                new RowRange(750, 1000)), RowRange.split(1000, 4, 50, pieces));
        // pieces of 200 rows: every shard is whole pieces
        assertEquals(List.of(new RowRange(0, 200), new RowRange(200, 400), new RowRange(400, 800),
                new RowRange(800, 1000)), RowRange.split(1000, 4, 50, new long[] {0, 200, 400, 600, 800}));
        assertEquals(RowRange.split(1000, 4, 50), RowRange.split(1000, 4, 50, new long[] {0, 333, 666}),
                "no piece on a batch boundary: the even split");
        for (RowRange r : RowRange.split(1000, 7, 50, new long[] {0, 100, 150, 200, 900})) {
            assertEquals(0, r.start() % 50, r.toString());
        }
    }
}
