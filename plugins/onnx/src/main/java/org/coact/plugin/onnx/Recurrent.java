package org.coact.plugin.onnx;

import org.coact.api.FloatTensor;

/**
 * Puts the batch axis first on the output Y of ONNX's recurrent ops (METHOD.md 2: a sequence
 * layer is {@code [N, T, F]}). With {@code layout = 0} (the default, and what PyTorch exports
 * even for {@code batch_first=True}, adding a Transpose after) Y is {@code [T, D, N, H]}; with
 * {@code layout = 1} it is {@code [N, T, D, H]}. Both become {@code [N, T, D * H]}: each of the
 * D * H hidden units (both directions of a bidirectional layer side by side) is a neuron whose
 * value is reduced over the T steps.
 */
final class Recurrent {

    private Recurrent() {
    }

    /**
     * @param shape Y's shape as inferred, {@code -1} where unknown
     * @param layout the op's layout
     * @return the batch-first shape {@code [N, T, D * H]}, or the shape unchanged if it is not rank 4
     */
    static long[] shape(long[] shape, int layout) {
        if (shape.length != 4) {
            return shape;
        }
        long t = layout == 0 ? shape[0] : shape[1];
        long n = layout == 0 ? shape[2] : shape[0];
        long d = shape[layout == 0 ? 1 : 2];
        long h = shape[3];
        return new long[] {n, t, d < 0 || h < 0 ? -1 : d * h};
    }

    /**
     * @param y the op's output Y
     * @param layout the op's layout
     * @return Y as {@code [N, T, D * H]}
     */
    static FloatTensor batchFirst(FloatTensor y, int layout) {
        if (y.rank() != 4) {
            return y;
        }
        long[] s = y.shape();
        if (layout != 0) {
            return new FloatTensor(new long[] {s[0], s[1], s[2] * s[3]}, y.data());
        }
        int t = (int) s[0];
        int d = (int) s[1];
        int n = (int) s[2];
        int h = (int) s[3];
        float[] in = y.data();
        float[] out = new float[in.length];
        int f = d * h;
        for (int ti = 0; ti < t; ti++) {
            for (int di = 0; di < d; di++) {
                for (int ni = 0; ni < n; ni++) {
                    System.arraycopy(in, ((ti * d + di) * n + ni) * h, out, (ni * t + ti) * f + di * h, h);
                }
            }
        }
        return new FloatTensor(new long[] {n, t, f}, out);
    }
}
