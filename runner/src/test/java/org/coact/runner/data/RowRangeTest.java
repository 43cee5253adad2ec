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
}
