package org.coact.analysis.activity;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.SplittableRandom;
import org.coact.api.FloatTensor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class NeuronReductionTest {

    private static final NeuronReduction MEAN = new NeuronReduction(Reduction.MEAN);
    private static final NeuronReduction MAX = new NeuronReduction(Reduction.MAX);

    @Test
    void rankTwoFeaturesAreWidenedAsTheyAre() {
        FloatTensor t = new FloatTensor(new long[] {2, 2}, new float[] {0.1f, -2, 3, 4});
        assertArrayEquals(new double[] {0.1f, -2, 3, 4}, MEAN.reduce(t, -1));
        assertEquals(2, NeuronReduction.neuronCount(t.shape(), -1));
    }

    @Test
    void rankThreeIsReducedOverTheSequenceAxis() {
        // [1, T=2, F=2] = [[1, 2], [3, 5]]: mean f0 = (1+3)/2 = 2, f1 = (2+5)/2 = 3.5; max 3, 5
        FloatTensor t = new FloatTensor(new long[] {1, 2, 2}, new float[] {1, 2, 3, 5});
        assertArrayEquals(new double[] {2, 3.5}, MEAN.reduce(t, 2));
        assertArrayEquals(new double[] {3, 5}, MAX.reduce(t, 2));
    }

    @Test
    void rankFourNchwIsReducedPerChannel() {
        // [1, C=2, H=1, W=2]: channel 0 = {1, 2} -> 1.5, channel 1 = {3, 7} -> 5
        FloatTensor t = new FloatTensor(new long[] {1, 2, 1, 2}, new float[] {1, 2, 3, 7});
        assertArrayEquals(new double[] {1.5, 5}, MEAN.reduce(t, 1));
        assertArrayEquals(new double[] {2, 7}, MAX.reduce(t, 1));
        assertEquals(2, NeuronReduction.neuronCount(t.shape(), 1));
    }

    @Test
    void fractionCountsThePositionsAboveThePositionTau() {
        // [1, C=2, H=2, W=2]: channel 0 = {0.5, -1, 0, 2} -> 2 of 4 above 0; channel 1 = {3, 1, 1, 0.5}
        FloatTensor t = new FloatTensor(new long[] {1, 2, 2, 2}, new float[] {0.5f, -1, 0, 2, 3, 1, 1, 0.5f});
        assertArrayEquals(new double[] {0.5, 1.0}, new NeuronReduction(Reduction.FRACTION, 0.0).reduce(t, 1));
        // above 1 (strictly): channel 0 has {2}, channel 1 has {3}
        assertArrayEquals(new double[] {0.25, 0.25}, new NeuronReduction(Reduction.FRACTION, 1.0).reduce(t, 1));
        // [1, T=3, F=1] sequence {1, NaN, 2}: a NaN position makes the neuron's value NaN (a data error later)
        FloatTensor seq = new FloatTensor(new long[] {1, 3, 1}, new float[] {1, Float.NaN, 2});
        assertEquals(Double.NaN, new NeuronReduction(Reduction.FRACTION, 0.0).reduce(seq, 2)[0]);
    }

    /** The fraction as METHOD.md 2 words it, one position at a time: active positions over all, NaN if any is NaN. */
    @Test
    void fractionAgreesWithTheDefinitionOnRandomTensorsWithTiesAndNaNs() {
        SplittableRandom random = new SplittableRandom(11);
        for (int trial = 0; trial < 200; trial++) {
            int b = 1 + random.nextInt(4);
            int c = 1 + random.nextInt(6);
            int h = 1 + random.nextInt(5);
            int w = 1 + random.nextInt(5);
            double tau = random.nextInt(3) * 0.5 - 0.5; // -0.5, 0 or 0.5: values equal to it are not above it
            float[] nchw = new float[b * c * h * w];
            for (int i = 0; i < nchw.length; i++) {
                int kind = random.nextInt(10);
                nchw[i] = kind == 0 ? Float.NaN : kind < 3 ? (float) tau : (float) random.nextDouble(-1, 1);
            }
            double[] expected = new double[b * c];
            for (int n = 0; n < b; n++) {
                for (int ch = 0; ch < c; ch++) {
                    int above = 0;
                    boolean nan = false;
                    for (int p = 0; p < h * w; p++) {
                        float v = nchw[(n * c + ch) * h * w + p];
                        nan |= Float.isNaN(v);
                        above += v > tau ? 1 : 0;
                    }
                    expected[n * c + ch] = nan ? Double.NaN : above / (double) (h * w);
                }
            }
            float[] nhwc = new float[nchw.length];
            for (int n = 0; n < b; n++) {
                for (int ch = 0; ch < c; ch++) {
                    for (int p = 0; p < h * w; p++) {
                        nhwc[(n * h * w + p) * c + ch] = nchw[(n * c + ch) * h * w + p];
                    }
                }
            }
            NeuronReduction r = new NeuronReduction(Reduction.FRACTION, tau);
            assertArrayEquals(expected, r.reduce(new FloatTensor(new long[] {b, c, h, w}, nchw), 1), "trial " + trial);
            assertArrayEquals(expected, r.reduce(new FloatTensor(new long[] {b, h, w, c}, nhwc), 3), "trial " + trial);
            assertArrayEquals(expected, r.reduce(new FloatTensor(new long[] {b, h * w, c}, nhwc), 2), "trial " + trial);
        }
    }

    @ParameterizedTest
    @EnumSource(Reduction.class)
    void nchwAndNhwcOfTheSameActivationGiveTheSameNeurons(Reduction reduction) {
        int b = 3;
        int c = 4;
        int h = 3;
        int w = 5;
        SplittableRandom random = new SplittableRandom(3);
        float[] nchw = new float[b * c * h * w];
        for (int i = 0; i < nchw.length; i++) {
            nchw[i] = (float) random.nextDouble(-1, 1);
        }
        float[] nhwc = new float[nchw.length];
        for (int n = 0; n < b; n++) {
            for (int ch = 0; ch < c; ch++) {
                for (int y = 0; y < h; y++) {
                    for (int x = 0; x < w; x++) {
                        nhwc[((n * h + y) * w + x) * c + ch] = nchw[((n * c + ch) * h + y) * w + x];
                    }
                }
            }
        }
        NeuronReduction r = new NeuronReduction(reduction);
        double[] first = r.reduce(new FloatTensor(new long[] {b, c, h, w}, nchw), 1);
        double[] second = r.reduce(new FloatTensor(new long[] {b, h, w, c}, nhwc), 3);
        assertEquals(b * c, first.length);
        assertArrayEquals(first, second); // bit-identical: same summation order
    }

    @Test
    void unsupportedRanksAxesAndEmptyPositionsAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> MEAN.reduce(new FloatTensor(new long[] {2}, new float[2]), -1));
        assertThrows(IllegalArgumentException.class,
                () -> MEAN.reduce(new FloatTensor(new long[] {1, 1, 1, 1}, new float[1]), 2));
        assertThrows(IllegalArgumentException.class, () -> MEAN.reduce(new FloatTensor(new long[] {1, 0, 2}, new float[0]), 2));
    }

    @Test
    void neuronIdsAreLayerColonIndex() {
        assertEquals("/act1/Relu_output_0:7", new LayerShape("/act1/Relu_output_0", 8).neuronId(7));
    }
}
