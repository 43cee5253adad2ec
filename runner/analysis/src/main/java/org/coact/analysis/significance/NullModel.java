package org.coact.analysis.significance;

import java.util.Arrays;
import java.util.Objects;
import java.util.SplittableRandom;
import org.coact.analysis.activity.Counts;
import org.coact.analysis.community.Modularity;
import org.coact.analysis.graph.GraphBuilder;
import org.coact.analysis.graph.GraphSettings;
import org.coact.analysis.graph.NeuronGraph;
import org.coact.api.CoactException;
import org.coact.api.community.AlgorithmParameters;
import org.coact.api.community.CommunityAlgorithm;
import org.coact.api.community.DetectionProgress;
import org.coact.api.community.Partition;

/**
 * How much of a partition's modularity the neurons' firing rates alone would give (METHOD.md 6,
 * null models). Modularity is high on graphs with no structure at all when they are sparse or
 * small (Reichardt and Bornholdt, Phys. Rev. E 74, 016110, 2006; Guimera, Sales-Pardo and
 * Amaral, Phys. Rev. E 70, 025101, 2004), and co-activation weights carry the firing rates, so
 * Q alone says little. From the counts alone (no activation is kept), each of {@code R} null
 * draws resamples every pair's C_jk from the hypergeometric distribution given n, c_j and c_k
 * ({@link NullCounts}: neurons firing independently at their observed rates), builds the graph
 * with the same weighting and sparsification, runs the same algorithm with a seed derived from
 * the analysis seed, and measures Q. The report gives the null mean and sample standard
 * deviation, {@code z = (Q - mean) / sd}, the empirical {@code p = (1 + #{Q_null >= Q}) / (R + 1)},
 * and the layer-structure baseline: Q of the graph built from the expected counts
 * {@code c_j c_k / n} ({@link ExpectedCounts}, firing rates and scope only), with the same
 * algorithm and seed.
 *
 * @param samples R, the null draws
 * @param modularity each draw's Q, in draw order
 * @param mean their mean
 * @param sd their sample standard deviation (0 for fewer than two draws)
 * @param z {@code (Q - mean) / sd}, or null when sd is 0 or within rounding (below 1e-9 of
 *     {@code max(|mean|, |Q|)}): the draws then all give the same Q and only p says anything
 * @param p the empirical p-value, in {@code [1/(R+1), 1]}
 * @param baseline Q on the expected-count graph (firing rates and layers only)
 */
public record NullModel(int samples, double[] modularity, double mean, double sd, Double z, double p,
        double baseline) {

    /** Copies. */
    public NullModel {
        modularity = modularity.clone();
    }

    /** @return a copy of every draw's Q */
    @Override
    public double[] modularity() {
        return modularity.clone();
    }

    /**
     * @param observed the counts the analysed graph was built from
     * @param observedQ the analysed partition's Q
     * @param graph the graph settings (weighting, sparsification) to rebuild with
     * @param algorithm the algorithm that found the partition
     * @param parameters what it ran with; draw r runs with a seed derived from this seed
     * @param samples R, at least 1
     * @param progress receives the draws done
     * @return the null model
     * @throws CoactException if the algorithm fails
     */
    public static NullModel of(Counts observed, double observedQ, GraphSettings graph, CommunityAlgorithm algorithm,
            AlgorithmParameters parameters, int samples, DetectionProgress progress) throws CoactException {
        Objects.requireNonNull(observed, "observed");
        if (samples < 1) {
            throw new IllegalArgumentException("null samples must be >= 1, got " + samples);
        }
        GraphBuilder builder = new GraphBuilder(graph);
        Hypergeometric sampler = new Hypergeometric(observed.samples());
        SplittableRandom root = new SplittableRandom(parameters.seed() ^ 0x9E3779B97F4A7C15L);
        double[] q = new double[samples];
        for (int r = 0; r < samples; r++) {
            SplittableRandom draws = root.split();
            long seed = root.nextLong();
            NeuronGraph g = builder.build(new NullCounts(observed, sampler, draws));
            q[r] = quality(g, algorithm, new AlgorithmParameters(parameters.resolution(), seed, parameters.options()));
            progress.update(r + 1, samples + 1);
        }
        double mean = Arrays.stream(q).sum() / samples;
        double ss = 0;
        for (double v : q) {
            ss += (v - mean) * (v - mean);
        }
        double sd = samples > 1 ? Math.sqrt(ss / (samples - 1)) : 0.0;
        long atLeast = Arrays.stream(q).filter(v -> v >= observedQ).count();
        double baseline = quality(builder.build(new ExpectedCounts(observed)), algorithm, parameters);
        progress.update(samples + 1, samples + 1);
        // a spread within rounding of the draws' Q is no spread: z is then undefined, p still holds
        boolean spread = sd > 1e-9 * Math.max(Math.abs(mean), Math.abs(observedQ));
        return new NullModel(samples, q, mean, sd, spread ? (observedQ - mean) / sd : null,
                (1.0 + atLeast) / (samples + 1.0), baseline);
    }

    private static double quality(NeuronGraph g, CommunityAlgorithm algorithm, AlgorithmParameters parameters)
            throws CoactException {
        Partition p = algorithm.detect(g.graph(), parameters);
        return Modularity.of(g.graph(), p, parameters.resolution());
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof NullModel n && samples == n.samples && Arrays.equals(modularity, n.modularity)
                && Double.compare(baseline, n.baseline) == 0;
    }

    @Override
    public int hashCode() {
        return Objects.hash(samples, Arrays.hashCode(modularity), baseline);
    }

    @Override
    public String toString() {
        return "NullModel[R=" + samples + ", mean=" + mean + ", sd=" + sd + ", z=" + z + ", p=" + p + ", baseline="
                + baseline + "]";
    }
}
