package org.coact.analysis.entropy;

import java.util.Objects;

/**
 * The entropy figures of one neuron (METHOD.md section 7).
 *
 * @param id the neuron id {@code <layer>:<index>}
 * @param active c_j, the number of samples on which it is active
 * @param entropy H_j = H(c_j / n), bits
 * @param conditionalEntropy H(A_j | Y) = sum over classes with n_c > 0 of (n_c / n) H(c_jc / n_c), bits
 * @param mutualInformation I(A_j; Y) = H_j - H(A_j | Y), bits
 * @param preferredClass argmax_c c_jc / n_c over classes with n_c > 0 (first on ties), or -1
 *     when its activity does not depend on the class (dead, always on, or the G-test's p is
 *     not below the level; see {@link EntropyFigures})
 * @param classEntropy per class c, H_j|c = H(c_jc / n_c), bits (0 for a class without samples)
 * @param classAssociationP the G-test p-value of independence of the neuron's activity and the
 *     class (1 for a dead or always-on neuron)
 */
public record NeuronEntropy(String id, long active, double entropy, double conditionalEntropy,
        double mutualInformation, int preferredClass, double[] classEntropy, double classAssociationP) {

    /** Validates and copies. */
    public NeuronEntropy {
        Objects.requireNonNull(id, "id");
        if (active < 0 || preferredClass < -1) {
            throw new IllegalArgumentException("neuron " + id + ": bad active count or preferred class");
        }
        classEntropy = classEntropy.clone();
    }

    /** @return a copy of the per-class entropies */
    @Override
    public double[] classEntropy() {
        return classEntropy.clone();
    }

    /** @return whether the neuron has a preferred class (it is not dead) */
    public boolean hasPreferredClass() {
        return preferredClass >= 0;
    }
}
