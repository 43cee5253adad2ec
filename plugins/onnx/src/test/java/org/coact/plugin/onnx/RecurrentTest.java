package org.coact.plugin.onnx;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import org.coact.api.FloatTensor;
import org.junit.jupiter.api.Test;

/** Batch-first recurrent outputs on a hand-made Y whose values encode their own indices. */
class RecurrentTest {

    /** Y[t][d][n][h] = 1000 t + 100 d + 10 n + h. */
    private static FloatTensor layout0(int t, int d, int n, int h) {
        float[] v = new float[t * d * n * h];
        int i = 0;
        for (int a = 0; a < t; a++) {
            for (int b = 0; b < d; b++) {
                for (int c = 0; c < n; c++) {
                    for (int e = 0; e < h; e++) {
                        v[i++] = 1000 * a + 100 * b + 10 * c + e;
                    }
                }
            }
        }
        return new FloatTensor(new long[] {t, d, n, h}, v);
    }

    @Test
    void layoutZeroBecomesSampleStepThenBothDirectionsSideBySide() {
        FloatTensor y = Recurrent.batchFirst(layout0(2, 2, 3, 2), 0);
        assertArrayEquals(new long[] {3, 2, 4}, y.shape());
        // sample 1, step 0: direction 0 units 0..1, then direction 1 units 0..1
        assertArrayEquals(new float[] {10, 11, 110, 111}, java.util.Arrays.copyOfRange(y.data(), 8, 12));
        // sample 2, step 1
        assertArrayEquals(new float[] {1020, 1021, 1120, 1121}, java.util.Arrays.copyOfRange(y.data(), 20, 24));
        assertArrayEquals(new long[] {-1, 2, 4}, Recurrent.shape(new long[] {2, 2, -1, 2}, 0));
    }

    @Test
    void layoutOneIsAlreadyBatchFirstAndOnlyMergesTheLastAxes() {
        FloatTensor y = new FloatTensor(new long[] {3, 2, 2, 2}, new float[24]);
        assertArrayEquals(new long[] {3, 2, 4}, Recurrent.batchFirst(y, 1).shape());
        assertArrayEquals(new long[] {-1, 5, 12}, Recurrent.shape(new long[] {-1, 5, 2, 6}, 1));
        assertArrayEquals(new long[] {-1, 5, -1}, Recurrent.shape(new long[] {-1, 5, 2, -1}, 1));
    }
}
