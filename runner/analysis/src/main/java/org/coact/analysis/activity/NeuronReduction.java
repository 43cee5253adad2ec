package org.coact.analysis.activity;

import java.util.Arrays;
import java.util.Objects;
import org.coact.api.FloatTensor;

/**
 * Turns one layer's activation tensor (batch axis first) into one value per sample and neuron
 * (METHOD.md section 2), as a row-major {@code double[B * F]}:
 * <ul>
 *   <li>rank 2 {@code [B, F]}: each feature is a neuron, values widened to double;</li>
 *   <li>rank 3 {@code [B, T, F]}: each feature is a neuron, reduced over {@code T};</li>
 *   <li>rank 4: each channel is a neuron, reduced over the spatial positions; the channel axis
 *       is 1 ({@code [B, C, H, W]}, NCHW) or 3 ({@code [B, H, W, C]}, NHWC).</li>
 * </ul>
 * {@link Reduction#MEAN} sums in double over the positions in index order ({@code t}, or
 * {@code h * W + w}) and divides by their count, so NCHW and NHWC give bit-identical values.
 * {@link Reduction#MAX} takes the maximum ({@link Math#max}, so NaN propagates as it does for
 * the mean). {@link Reduction#FRACTION} counts the positions whose value is above
 * {@code positionTau} and divides by their count (a NaN position counts as NaN). Cost O(size of
 * the tensor); deterministic.
 *
 * @param reduction how positions are reduced (option {@code reduce})
 * @param positionTau for {@link Reduction#FRACTION}: a position is active iff its value is
 *     above this (the {@code threshold}); unused otherwise
 */
public record NeuronReduction(Reduction reduction, double positionTau) {

    /** Validates. */
    public NeuronReduction {
        Objects.requireNonNull(reduction, "reduction");
    }

    /** @param reduction mean or max @return that reduction */
    public NeuronReduction(Reduction reduction) {
        this(reduction, 0.0);
    }

    /** @return the mean reduction */
    public static NeuronReduction defaults() {
        return new NeuronReduction(Reduction.MEAN);
    }

    /**
     * The number of neurons an output of this shape contributes.
     *
     * @param shape the output shape, batch axis first
     * @param channelAxis 1 or 3 for rank 4; ignored for ranks 2 and 3 (features are the last axis)
     * @return the neuron count
     * @throws IllegalArgumentException for ranks other than 2-4, a bad channel axis or a
     *     dimension beyond int range
     */
    public static int neuronCount(long[] shape, int channelAxis) {
        return switch (shape.length) {
            case 2, 3 -> Math.toIntExact(shape[shape.length - 1]);
            case 4 -> {
                if (channelAxis != 1 && channelAxis != 3) {
                    throw new IllegalArgumentException("rank-4 output needs channel axis 1 (NCHW) or 3 (NHWC), got "
                            + channelAxis);
                }
                yield Math.toIntExact(shape[channelAxis]);
            }
            default -> throw new IllegalArgumentException("cannot make neurons of a rank-" + shape.length
                    + " output " + Arrays.toString(shape) + "; ranks 2, 3 and 4 are supported");
        };
    }

    /**
     * Reduces one batch.
     *
     * @param activation the layer output, batch axis first
     * @param channelAxis 1 (NCHW) or 3 (NHWC) for rank 4; ignored for ranks 2 and 3
     * @return {@code [B, F]} row-major, {@code F = neuronCount(shape, channelAxis)}
     * @throws IllegalArgumentException for an unsupported rank, a bad channel axis or zero
     *     positions to reduce over
     */
    public double[] reduce(FloatTensor activation, int channelAxis) {
        long[] shape = activation.shape();
        int features = neuronCount(shape, channelAxis);
        int batch = activation.batchSize();
        float[] data = activation.data();
        if (shape.length == 2) {
            return widen(data);
        }
        int positions = Math.toIntExact(shape.length == 3 ? shape[1] : channelAxis == 3 ? shape[1] * shape[2]
                : shape[2] * shape[3]);
        boolean inner = shape.length == 4 && channelAxis != 3;
        if (reduction == Reduction.FRACTION) {
            return inner ? fractionInner(data, batch, features, positions)
                    : fractionOuter(data, batch, positions, features);
        }
        return inner ? reducePositionsInner(data, batch, features, positions)
                : reducePositionsOuter(data, batch, positions, features);
    }

    /*
     * The fraction counts active positions in an int and notes a NaN: the same value the sum of
     * 0s and 1s in double gives (integers are exact), without a dependent double add per
     * position (the bundled CNN's extraction spent most of its reduction there).
     */

    /** {@link Reduction#FRACTION} over layout {@code [B, F, P]} (NCHW). */
    private double[] fractionInner(float[] data, int batch, int features, int positions) {
        requirePositions(positions);
        double tau = positionTau;
        double[] out = new double[batch * features];
        for (int row = 0; row < batch * features; row++) {
            int base = row * positions;
            int active = 0;
            boolean nan = false;
            for (int p = 0; p < positions; p++) {
                float v = data[base + p];
                active += v > tau ? 1 : 0;
                nan |= v != v;
            }
            out[row] = nan ? Double.NaN : (double) active / positions;
        }
        return out;
    }

    /** {@link Reduction#FRACTION} over layout {@code [B, P, F]} ([B,T,F] and NHWC). */
    private double[] fractionOuter(float[] data, int batch, int positions, int features) {
        requirePositions(positions);
        double tau = positionTau;
        double[] out = new double[batch * features];
        int[] active = new int[features];
        boolean[] nan = new boolean[features];
        for (int b = 0; b < batch; b++) {
            java.util.Arrays.fill(active, 0);
            java.util.Arrays.fill(nan, false);
            for (int p = 0; p < positions; p++) {
                int base = (b * positions + p) * features;
                for (int f = 0; f < features; f++) {
                    float v = data[base + f];
                    active[f] += v > tau ? 1 : 0;
                    nan[f] |= v != v;
                }
            }
            for (int f = 0; f < features; f++) {
                out[b * features + f] = nan[f] ? Double.NaN : (double) active[f] / positions;
            }
        }
        return out;
    }

    private static double[] widen(float[] data) {
        double[] out = new double[data.length];
        for (int i = 0; i < data.length; i++) {
            out[i] = data[i];
        }
        return out;
    }

    /** Mean or max over layout {@code [B, P, F]}: positions outside, features inside ([B,T,F] and NHWC). */
    private double[] reducePositionsOuter(float[] data, int batch, int positions, int features) {
        requirePositions(positions);
        double[] out = new double[batch * features];
        boolean max = reduction == Reduction.MAX;
        for (int b = 0; b < batch; b++) {
            int row = b * features;
            if (max) {
                Arrays.fill(out, row, row + features, Double.NEGATIVE_INFINITY);
            }
            for (int p = 0; p < positions; p++) {
                int base = (b * positions + p) * features;
                for (int f = 0; f < features; f++) {
                    double v = data[base + f];
                    out[row + f] = max ? Math.max(out[row + f], v) : out[row + f] + v;
                }
            }
            if (!max) {
                for (int f = 0; f < features; f++) {
                    out[row + f] /= positions;
                }
            }
        }
        return out;
    }

    /** Mean or max over layout {@code [B, F, P]}: positions contiguous per feature (NCHW). */
    private double[] reducePositionsInner(float[] data, int batch, int features, int positions) {
        requirePositions(positions);
        double[] out = new double[batch * features];
        boolean max = reduction == Reduction.MAX;
        for (int b = 0; b < batch; b++) {
            for (int f = 0; f < features; f++) {
                int base = (b * features + f) * positions;
                double acc = max ? Double.NEGATIVE_INFINITY : 0.0;
                for (int p = 0; p < positions; p++) {
                    double v = data[base + p];
                    acc = max ? Math.max(acc, v) : acc + v;
                }
                out[b * features + f] = max ? acc : acc / positions;
            }
        }
        return out;
    }

    private static void requirePositions(int positions) {
        if (positions < 1) {
            throw new IllegalArgumentException("cannot reduce over zero positions");
        }
    }
}
