package org.coact.runner.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.coact.api.DataException;
import org.coact.runner.testing.NpyFiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** An .npz may carry arrays of other lengths (class names, metadata) that no input uses. */
class ExtraArraysTest {

    @Test
    void unusedArraysOfAnotherLengthAreIgnoredButBindingOneIsAnError(@TempDir Path tmp) throws Exception {
        Map<String, byte[]> arrays = new LinkedHashMap<>();
        arrays.put("x", NpyFiles.float32(new float[] {1, 2, 3, 4, 5, 6}, 3, 2));
        arrays.put("y", NpyFiles.int64(new long[] {0, 1, 1}, 3));
        arrays.put("class_weights", NpyFiles.float32(new float[] {0.5f, 0.5f}, 2));
        Path file = NpyFiles.npz(tmp.resolve("extra.npz"), arrays);
        try (Dataset d = Dataset.open(file, null, DatasetOptions.defaults())) {
            assertEquals(3, d.size());
            try (BatchCursor c = d.batches(2, Map.of("input", "x"), Map.of())) {
                assertEquals(2, c.next().get("input").batchSize());
                assertEquals(1, c.next().get("input").batchSize());
            }
            DataException e = assertThrows(DataException.class,
                    () -> d.batches(2, Map.of("input", "class_weights"), Map.of()));
            assertEquals("array 'class_weights' in " + file + " has 2 samples but the dataset has 3; every input array "
                    + "needs one row per label", e.getMessage());
        }
    }
}
