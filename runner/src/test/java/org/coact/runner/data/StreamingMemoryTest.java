package org.coact.runner.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.RandomAccessFile;
import java.nio.file.Path;
import java.util.Map;
import org.coact.api.FloatTensor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Memory stays O(batch × sample): a dataset larger than any test heap (8 GB, 2e9 floats,
 * more than one Java array can hold) is opened and streamed. The file is sparse (header,
 * then a hole), so it costs no disk. Loading it whole would throw; this is a deterministic
 * check, unlike measuring {@code Runtime} memory, which the GC makes noisy.
 */
class StreamingMemoryTest {

    @Test
    void anEightGigabyteNpyStreamsInSmallBatches(@TempDir Path dir) throws Exception {
        long rows = 2_000_000;
        long cols = 1000;
        byte[] header = Fixtures.header("<f4", rows, cols);
        Path file = dir.resolve("huge.npy");
        try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "rw")) {
            f.write(header);
            f.setLength(header.length + rows * cols * 4);
        }
        try (Dataset d = Dataset.open(file, null, DatasetOptions.defaults());
                BatchCursor c = d.batches(32, Map.of("in", "x"), Map.of("in", new long[] {10, 100}))) {
            assertEquals(2_000_000, d.size());
            for (int i = 0; i < 3; i++) {
                FloatTensor t = c.next().get("in");
                assertArrayEquals(new long[] {32, 10, 100}, t.shape());
                assertEquals(0f, t.data()[31_999]);
            }
            assertEquals(64, c.offset());
        }
    }
}
