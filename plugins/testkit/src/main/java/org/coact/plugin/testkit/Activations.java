package org.coact.plugin.testkit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.List;
import org.coact.api.FloatTensor;

/** Comparing, slicing and re-laying out activations and logits in tests. */
public final class Activations {

    private Activations() {
    }

    /** @return max |a - b| over all elements, after checking that the shapes agree */
    public static double maxAbsDiff(FloatTensor a, FloatTensor b) {
        assertArrayEquals(a.shape(), b.shape(), "shapes differ");
        double max = 0;
        float[] x = a.data();
        float[] y = b.data();
        for (int i = 0; i < x.length; i++) {
            max = Math.max(max, Math.abs((double) x[i] - y[i]));
        }
        return max;
    }

    /** @return max |v| over the tensor's elements (0 for an empty tensor) */
    public static double maxAbs(FloatTensor t) {
        double max = 0;
        for (float v : t.data()) {
            max = Math.max(max, Math.abs((double) v));
        }
        return max;
    }

    /**
     * @param t a tensor, batch axis first
     * @param channelAxis for rank 4: 1 (NCHW, returned as is) or 3 (NHWC, transposed)
     * @return {@code t} with its channels on axis 1, as torch has them; ranks other than 4 as they are
     */
    public static FloatTensor toNchw(FloatTensor t, int channelAxis) {
        if (t.rank() != 4 || channelAxis == 1) {
            return t;
        }
        assertEquals(3, channelAxis, "channel axis of a rank-4 tensor");
        int n = (int) t.dim(0);
        int hh = (int) t.dim(1);
        int ww = (int) t.dim(2);
        int cc = (int) t.dim(3);
        float[] in = t.data();
        float[] out = new float[in.length];
        for (int i = 0; i < n; i++) {
            for (int y = 0; y < hh; y++) {
                for (int x = 0; x < ww; x++) {
                    for (int ch = 0; ch < cc; ch++) {
                        out[((i * cc + ch) * hh + y) * ww + x] = in[((i * hh + y) * ww + x) * cc + ch];
                    }
                }
            }
        }
        return new FloatTensor(new long[] {n, cc, hh, ww}, out);
    }

    /**
     * Neuron values as the numpy fixtures hold them: rank 2 as is, rank 4 the float64 mean over
     * the spatial axes of each channel.
     *
     * @param channelAxis for rank 4: 1 (NCHW) or 3 (NHWC)
     * @return [batch x neurons] values, row-major
     */
    public static double[] neuronValues(FloatTensor t, int channelAxis) {
        FloatTensor a = toNchw(t, channelAxis);
        float[] d = a.data();
        if (a.rank() != 4) {
            double[] out = new double[d.length];
            for (int i = 0; i < d.length; i++) {
                out[i] = d[i];
            }
            return out;
        }
        int nc = (int) (a.dim(0) * a.dim(1));
        int hw = (int) (a.dim(2) * a.dim(3));
        double[] out = new double[nc];
        for (int i = 0; i < nc; i++) {
            double s = 0;
            for (int j = 0; j < hw; j++) {
                s += d[i * hw + j];
            }
            out[i] = s / hw;
        }
        return out;
    }

    /** @return max |a[i] - b[i]|, after checking that the lengths agree */
    public static double maxAbsDiff(double[] a, double[] b) {
        assertEquals(a.length, b.length, "lengths differ");
        double max = 0;
        for (int i = 0; i < a.length; i++) {
            max = Math.max(max, Math.abs(a[i] - b[i]));
        }
        return max;
    }

    /** @return how many argmax predictions of {@code logits} [batch, classes] equal {@code y[offset + i]} */
    public static int correct(FloatTensor logits, long[] y, int offset) {
        int k = (int) logits.dim(1);
        float[] d = logits.data();
        int correct = 0;
        for (int i = 0; i < logits.batchSize(); i++) {
            int best = 0;
            for (int c = 1; c < k; c++) {
                best = d[i * k + c] > d[i * k + best] ? c : best;
            }
            correct += best == y[offset + i] ? 1 : 0;
        }
        return correct;
    }

    /** @return the arrays one after another */
    public static double[] concat(List<double[]> parts) {
        return parts.stream().flatMapToDouble(Arrays::stream).toArray();
    }

    /** @return the tensors stacked along the batch axis; all have one per-sample shape */
    public static FloatTensor concatBatches(List<FloatTensor> parts) {
        long[] shape = parts.get(0).shape();
        int total = parts.stream().mapToInt(FloatTensor::batchSize).sum();
        float[] data = new float[Math.toIntExact((long) total * perSample(shape))];
        int at = 0;
        for (FloatTensor p : parts) {
            System.arraycopy(p.data(), 0, data, at, p.data().length);
            at += p.data().length;
        }
        shape[0] = total;
        return new FloatTensor(shape, data);
    }

    /** @return samples {@code from} (inclusive) to {@code to} (exclusive) of {@code t} */
    public static FloatTensor slice(FloatTensor t, int from, int to) {
        long[] shape = t.shape();
        int per = Math.toIntExact(perSample(shape));
        shape[0] = to - from;
        return new FloatTensor(shape, Arrays.copyOfRange(t.data(), from * per, to * per));
    }

    /** @return the product of all dimensions but the first */
    public static long perSample(long[] shape) {
        long n = 1;
        for (int i = 1; i < shape.length; i++) {
            n *= shape[i];
        }
        return n;
    }
}
