package org.coact.analysis.entropy;

import java.util.Objects;

/**
 * Entropy figures averaged over a set of neurons: one layer, or the whole model
 * (METHOD.md section 7). Means are plain double sums in neuron order divided by the count.
 *
 * @param name the layer name, or {@code "model"} for all selected neurons
 * @param neurons the number of neurons averaged over
 * @param meanEntropy mean of H_j, bits
 * @param meanConditionalEntropy mean of H(A_j | Y), bits
 * @param meanMutualInformation mean of I(A_j; Y), bits
 * @param dead neurons never active (c_j = 0)
 * @param alwaysOn neurons active on every sample (c_j = n)
 * @param meanActiveFraction mean of c_j / n
 * @param classMeanEntropy per class c, the mean of H_j|c, bits
 */
public record EntropySummary(String name, int neurons, double meanEntropy, double meanConditionalEntropy,
        double meanMutualInformation, int dead, int alwaysOn, double meanActiveFraction, double[] classMeanEntropy) {

    /** Validates and copies. */
    public EntropySummary {
        Objects.requireNonNull(name, "name");
        if (neurons < 1 || dead < 0 || alwaysOn < 0 || dead > neurons || alwaysOn > neurons) {
            throw new IllegalArgumentException(name + ": inconsistent neuron counts");
        }
        classMeanEntropy = classMeanEntropy.clone();
    }

    /** @return a copy of the per-class means */
    @Override
    public double[] classMeanEntropy() {
        return classMeanEntropy.clone();
    }
}
