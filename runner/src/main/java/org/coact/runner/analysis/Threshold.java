package org.coact.runner.analysis;

import java.util.Arrays;

/**
 * When a neuron counts as active (METHOD.md section 3): neuron {@code j} is active on a sample
 * when its reduced value {@code a_ij > tau_j}. NaN is never active.
 *
 * <p>Extension point: a threshold hands {@link CoactivationStats} one {@code tau} per neuron of
 * a layer ({@link #taus(int, LayerShape)}), so per-neuron thresholds need no change in the
 * counting. The planned option {@code threshold: quantile q} becomes a second permitted
 * record, e.g. {@code Quantile(double q, List<double[]> tausPerLayer)}, built by a first pass
 * over the dataset that estimates each neuron's q-quantile; {@link #needsFirstPass()} tells the
 * pipeline whether that pass is required before counting.
 */
public sealed interface Threshold permits Threshold.Fixed {

    /** @return the default threshold, fixed {@code tau = 0.0} */
    static Threshold defaults() {
        return new Fixed(0.0);
    }

    /**
     * The thresholds for every neuron of one layer.
     *
     * @param layerIndex the layer's position among the selected layers
     * @param layer the layer
     * @return a new array of {@code layer.neurons()} thresholds
     */
    double[] taus(int layerIndex, LayerShape layer);

    /** @return whether the thresholds depend on the data and need a first pass to compute */
    boolean needsFirstPass();

    /**
     * One threshold for every neuron (option {@code threshold: <tau>}).
     *
     * @param tau the threshold, finite
     */
    record Fixed(double tau) implements Threshold {

        /** Validates. */
        public Fixed {
            if (!Double.isFinite(tau)) {
                throw new IllegalArgumentException("threshold must be finite, got " + tau);
            }
        }

        @Override
        public double[] taus(int layerIndex, LayerShape layer) {
            double[] taus = new double[layer.neurons()];
            Arrays.fill(taus, tau);
            return taus;
        }

        @Override
        public boolean needsFirstPass() {
            return false;
        }
    }
}
