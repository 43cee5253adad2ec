package org.coact.runner.analysis;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * When a neuron counts as active (METHOD.md section 3): neuron {@code j} is active on a sample
 * when its reduced value {@code a_ij > tau_j}. NaN is never active.
 *
 * <p>A threshold hands {@link CoactivationStats} one {@code tau} per neuron of a layer
 * ({@link #taus(int, LayerShape)}), so per-neuron thresholds need no change in the counting.
 * Two kinds: {@link Fixed} (option {@code threshold: <tau>}) and {@link Quantile} (option
 * {@code threshold: quantile q}), whose per-neuron taus are computed exactly by
 * {@link QuantileSelector} in passes over the dataset before the counting pass;
 * {@link #needsFirstPass()} tells the pipeline whether those passes are required.
 */
public sealed interface Threshold permits Threshold.Fixed, Threshold.Quantile {

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

    /**
     * Each neuron's own threshold: its q-quantile over the dataset (option
     * {@code threshold: quantile q}), as {@link QuantileSelector} defines and computes it.
     *
     * @param q the quantile, {@code 0 <= q <= 1}
     * @param tausPerLayer per selected layer in forward order, one tau per neuron (copied)
     */
    record Quantile(double q, List<double[]> tausPerLayer) implements Threshold {

        /** Validates and copies. */
        public Quantile {
            if (!(q >= 0.0 && q <= 1.0)) {
                throw new IllegalArgumentException("quantile must be in [0, 1], got " + q);
            }
            List<double[]> copy = new ArrayList<>(tausPerLayer.size());
            for (double[] taus : tausPerLayer) {
                copy.add(taus.clone());
            }
            tausPerLayer = List.copyOf(copy);
        }

        /**
         * @throws IllegalArgumentException if the layer's neuron count differs from the taus'
         */
        @Override
        public double[] taus(int layerIndex, LayerShape layer) {
            double[] taus = tausPerLayer.get(layerIndex);
            if (taus.length != layer.neurons()) {
                throw new IllegalArgumentException("layer " + layer.name() + " has " + layer.neurons()
                        + " neurons but " + taus.length + " quantile thresholds");
            }
            return taus.clone();
        }

        /** @return the per-layer taus (copies) */
        @Override
        public List<double[]> tausPerLayer() {
            return tausPerLayer.stream().map(double[]::clone).toList();
        }

        @Override
        public boolean needsFirstPass() {
            return true;
        }

        /** Value equality over q and every tau. */
        @Override
        public boolean equals(Object o) {
            if (!(o instanceof Quantile other) || Double.compare(q, other.q) != 0
                    || tausPerLayer.size() != other.tausPerLayer.size()) {
                return false;
            }
            for (int t = 0; t < tausPerLayer.size(); t++) {
                if (!Arrays.equals(tausPerLayer.get(t), other.tausPerLayer.get(t))) {
                    return false;
                }
            }
            return true;
        }

        @Override
        public int hashCode() {
            int h = Double.hashCode(q);
            for (double[] taus : tausPerLayer) {
                h = 31 * h + Arrays.hashCode(taus);
            }
            return h;
        }

        @Override
        public String toString() {
            return "Quantile[q=" + q + ", layers=" + tausPerLayer.size() + "]";
        }
    }
}
