package org.coact.analysis.entropy;

import org.apache.commons.math3.special.Gamma;
import org.coact.analysis.activity.CoactivationStats;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Every entropy figure of METHOD.md section 7, computed from {@link CoactivationStats}.
 *
 * <p>Definitions (bits): binary entropy {@code H(p) = -p log2 p - (1-p) log2 (1-p)} with
 * {@code H(0) = H(1) = 0}, {@code log2 x = ln x / ln 2}, {@code p = (double) c / n}; neuron
 * entropy {@code H_j = H(c_j / n)}; class-conditional {@code H_j|c = H(c_jc / n_c)};
 * conditional entropy {@code H(A_j|Y) = sum_c (n_c / n) H_j|c} over classes with
 * {@code n_c > 0}; mutual information {@code I(A_j; Y) = H_j - H(A_j|Y)}.
 *
 * <p>Preferred class: {@code argmax_c c_jc / n_c} over classes with {@code n_c > 0} (the first on
 * ties), but only for a neuron whose activity depends on the class: the G-test of independence
 * of its 2 x K table, {@code G = 2 n ln 2 I(A_j; Y)} against the chi-squared distribution with
 * (classes with samples - 1) degrees of freedom, must give {@code p < alpha}. A dead or always-on
 * neuron (I = 0, p = 1), or one whose class rates differ no more than chance, has none (-1):
 * a preferred class picked from equal or noisy rates would inflate purity. Layer and model
 * figures are means over their neurons plus dead and always-on counts.
 * Cost O(neurons * K); deterministic.
 *
 * @param neurons per neuron, in global neuron order
 * @param layers per selected layer, in layer order
 * @param model over all selected neurons
 */
public record EntropyFigures(List<NeuronEntropy> neurons, List<EntropySummary> layers, EntropySummary model) {

    /** The name of the model-level summary. */
    public static final String MODEL = "model";

    private static final double LN2 = Math.log(2);

    /** Validates and copies. */
    public EntropyFigures {
        neurons = List.copyOf(neurons);
        layers = List.copyOf(layers);
        Objects.requireNonNull(model, "model");
    }

    /**
     * Binary entropy in bits.
     *
     * @param p a probability in [0, 1]
     * @return H(p), 0 at p = 0 and p = 1
     */
    public static double binaryEntropy(double p) {
        if (!(p >= 0 && p <= 1)) {
            throw new IllegalArgumentException("probability must be in [0, 1], got " + p);
        }
        if (p == 0 || p == 1) {
            return 0.0;
        }
        double q = 1 - p;
        return -p * (Math.log(p) / LN2) - q * (Math.log(q) / LN2);
    }

    /**
     * Computes all figures.
     *
     * @param stats statistics over at least one sample
     * @return the figures
     * @throws IllegalArgumentException if no sample was counted
     */
    public static EntropyFigures of(CoactivationStats stats) {
        return of(stats, 0.01);
    }

    /**
     * @param stats statistics over at least one sample
     * @param alpha the G-test level below which a neuron's class association counts
     * @return every entropy figure
     */
    public static EntropyFigures of(CoactivationStats stats, double alpha) {
        if (stats.samples() == 0) {
            throw new IllegalArgumentException("entropy needs at least one sample; the statistics are empty");
        }
        List<NeuronEntropy> neurons = new ArrayList<>(stats.neuronCount());
        for (int j = 0; j < stats.neuronCount(); j++) {
            neurons.add(neuron(stats, j, alpha));
        }
        List<EntropySummary> layers = new ArrayList<>();
        for (int t = 0; t < stats.layers().size(); t++) {
            int from = stats.layerOffset(t);
            layers.add(summary(stats.layers().get(t).name(), neurons.subList(from, from + stats.layers().get(t).neurons()),
                    stats.samples(), stats.classes()));
        }
        return new EntropyFigures(neurons, layers, summary(MODEL, neurons, stats.samples(), stats.classes()));
    }

    /** @return each neuron's preferred class (-1 for dead neurons), in global neuron order */
    public int[] preferredClasses() {
        return neurons.stream().mapToInt(NeuronEntropy::preferredClass).toArray();
    }

    private static NeuronEntropy neuron(CoactivationStats stats, int j, double alpha) {
        long n = stats.samples();
        long cj = stats.active(j);
        double h = binaryEntropy((double) cj / n);
        double conditional = 0.0;
        int preferred = -1;
        double best = Double.NEGATIVE_INFINITY;
        for (int c = 0; c < stats.classes(); c++) {
            long nc = stats.samples(c);
            if (nc == 0) {
                continue;
            }
            long cjc = stats.active(j, c);
            conditional += ((double) nc / n) * binaryEntropy((double) cjc / nc);
            double rate = (double) cjc / nc;
            if (cj > 0 && rate > best) {
                best = rate;
                preferred = c;
            }
        }
        double[] perClass = new double[stats.classes()];
        int populated = 0;
        for (int c = 0; c < perClass.length; c++) {
            long nc = stats.samples(c);
            perClass[c] = nc == 0 ? 0.0 : binaryEntropy((double) stats.active(j, c) / nc);
            populated += nc > 0 ? 1 : 0;
        }
        double mi = h - conditional;
        double p = associationP(mi, n, populated);
        return new NeuronEntropy(stats.neuronId(j), cj, h, conditional, mi, p < alpha ? preferred : -1, perClass, p);
    }

    /**
     * @param bits the mutual information I(A_j; Y), bits
     * @param n the samples
     * @param classes the classes with samples
     * @return the G-test p-value of independence ({@code G = 2 n ln 2 I}, df = classes - 1); 1
     *     when there is no association to test
     */
    static double associationP(double bits, long n, int classes) {
        if (classes < 2 || !(bits > 0)) {
            return 1.0;
        }
        double g = 2.0 * n * LN2 * bits;
        return Gamma.regularizedGammaQ((classes - 1) / 2.0, g / 2.0);
    }

    private static EntropySummary summary(String name, List<NeuronEntropy> neurons, long n, int classes) {
        double h = 0;
        double conditional = 0;
        double mi = 0;
        double activeSum = 0;
        double[] classMean = new double[classes];
        int dead = 0;
        int alwaysOn = 0;
        for (NeuronEntropy e : neurons) {
            h += e.entropy();
            conditional += e.conditionalEntropy();
            mi += e.mutualInformation();
            activeSum += (double) e.active() / n;
            double[] perClass = e.classEntropy();
            for (int c = 0; c < classes; c++) {
                classMean[c] += perClass[c];
            }
            dead += e.active() == 0 ? 1 : 0;
            alwaysOn += e.active() == n ? 1 : 0;
        }
        int count = neurons.size();
        for (int c = 0; c < classes; c++) {
            classMean[c] /= count;
        }
        return new EntropySummary(name, count, h / count, conditional / count, mi / count, dead, alwaysOn,
                activeSum / count, classMean);
    }
}
