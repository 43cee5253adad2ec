package org.coact.analysis.community;

import org.coact.analysis.entropy.EntropyFigures;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import org.coact.api.community.Partition;
import org.coact.api.community.WeightedGraph;

/**
 * The measured quality of a partition of the neuron graph (METHOD.md section 6). With
 * {@code m} the total edge weight, {@code w(S)} the weight of edges inside community S,
 * {@code cut(S)} the weight of edges with exactly one end in S and {@code vol(S)} the sum of
 * the weighted degrees of S's nodes:
 * <ul>
 *   <li><b>modularity</b>: see {@link Modularity};</li>
 *   <li><b>communities</b>: the number of communities, singletons included;
 *       <b>nonSingletonCommunities</b>: those with at least two nodes;</li>
 *   <li><b>sizes</b>: the community sizes, largest first;</li>
 *   <li><b>coverage</b>: {@code sum_S w(S) / m}, the fraction of the total edge weight inside
 *       communities (0 for an edgeless graph);</li>
 *   <li><b>meanConductance</b>: the mean, over the communities with
 *       {@code min(vol(S), vol(V \ S)) > 0} (their number is <b>conductanceCommunities</b>),
 *       of {@code cut(S) / min(vol(S), vol(V \ S))}; 0 when no community qualifies;</li>
 *   <li><b>alignedNeurons</b>: the neurons with a preferred class (not dead); the class alignment
 *       below is computed over them only;</li>
 *   <li><b>purity</b>: {@code sum_S max_c |{j in S : pref_j = c}| / alignedNeurons};</li>
 *   <li><b>nmi</b>: normalised mutual information between community X and preferred class Y,
 *       {@code NMI = 2 I(X;Y) / (H(X) + H(Y))} (arithmetic normalisation, empirical
 *       distributions over the aligned neurons; the log base cancels), and 1 when
 *       {@code H(X) + H(Y) = 0}.</li>
 * </ul>
 * Purity and NMI are 0 when no neuron is aligned. Cost O(E + N log N); deterministic.
 *
 * @param modularity Q at the given resolution
 * @param communities number of communities
 * @param nonSingletonCommunities number of communities with at least two nodes
 * @param sizes community sizes, descending
 * @param coverage intra-community fraction of the edge weight
 * @param meanConductance mean conductance
 * @param conductanceCommunities communities averaged in {@code meanConductance}
 * @param alignedNeurons neurons with a preferred class
 * @param purity class purity of the communities
 * @param nmi normalised mutual information between community and preferred class
 */
public record CommunityFigures(double modularity, int communities, int nonSingletonCommunities, List<Integer> sizes,
        double coverage, double meanConductance, int conductanceCommunities, int alignedNeurons, double purity,
        double nmi) {

    /** Copies. */
    public CommunityFigures {
        sizes = List.copyOf(sizes);
    }

    /**
     * Measures a partition.
     *
     * @param graph the neuron graph
     * @param partition a partition of its nodes
     * @param resolution gamma for the modularity
     * @param preferredClass per node, its preferred class or -1 (see {@link EntropyFigures#preferredClasses()})
     * @return the figures
     */
    public static CommunityFigures of(WeightedGraph graph, Partition partition, double resolution,
            int[] preferredClass) {
        Objects.requireNonNull(preferredClass, "preferredClass");
        if (preferredClass.length != graph.nodeCount()) {
            throw new IllegalArgumentException(preferredClass.length + " preferred classes for " + graph.nodeCount()
                    + " nodes");
        }
        double q = Modularity.of(graph, partition, resolution);
        int[] sizes = partition.sizes();
        int nonSingleton = (int) Arrays.stream(sizes).filter(s -> s > 1).count();
        List<Integer> sorted = Arrays.stream(sizes).boxed().sorted((a, b) -> Integer.compare(b, a)).toList();
        CommunitySums sums = CommunitySums.of(graph, partition);
        double m = graph.totalWeight();
        double coverage = m == 0 ? 0.0 : Arrays.stream(sums.internal()).sum() / m;
        double[] conductance = conductance(sums);
        Alignment alignment = Alignment.of(partition, preferredClass);
        return new CommunityFigures(q, sizes.length, nonSingleton, sorted, coverage, conductance[0],
                (int) conductance[1], alignment.neurons(), alignment.purity(), alignment.nmi());
    }

    /** @return {mean conductance, number of communities averaged} */
    private static double[] conductance(CommunitySums sums) {
        double[] degree = sums.degree();
        int count = degree.length;
        double[] suffix = new double[count + 1];
        for (int c = count - 1; c >= 0; c--) {
            suffix[c] = suffix[c + 1] + degree[c];
        }
        double prefix = 0;
        double total = 0;
        int used = 0;
        for (int c = 0; c < count; c++) {
            double rest = prefix + suffix[c + 1];
            double denominator = Math.min(degree[c], rest);
            if (denominator > 0) {
                total += sums.cut()[c] / denominator;
                used++;
            }
            prefix += degree[c];
        }
        return new double[] {used == 0 ? 0.0 : total / used, used};
    }

    /** Purity and NMI between community and preferred class over the aligned neurons. */
    record Alignment(int neurons, double purity, double nmi) {

        static Alignment of(Partition partition, int[] preferredClass) {
            long[] keys = new long[preferredClass.length];
            int n = 0;
            for (int j = 0; j < preferredClass.length; j++) {
                if (preferredClass[j] >= 0) {
                    keys[n++] = ((long) partition.communityOf(j) << 32) | preferredClass[j];
                }
            }
            if (n == 0) {
                return new Alignment(0, 0.0, 0.0);
            }
            keys = Arrays.copyOf(keys, n);
            Arrays.sort(keys);
            int[] communitySize = new int[partition.count()];
            int maxClass = 0;
            for (long key : keys) {
                communitySize[(int) (key >>> 32)]++;
                maxClass = Math.max(maxClass, (int) key);
            }
            int[] classSize = new int[maxClass + 1];
            for (long key : keys) {
                classSize[(int) key]++;
            }
            long majority = 0;
            double mutual = 0;
            int bestInCommunity = 0;
            for (int from = 0; from < n;) {
                int to = from;
                while (to < n && keys[to] == keys[from]) {
                    to++;
                }
                int joint = to - from;
                int community = (int) (keys[from] >>> 32);
                int cls = (int) keys[from];
                mutual += ((double) joint / n) * Math.log((double) n * joint / ((double) communitySize[community] * classSize[cls]));
                bestInCommunity = Math.max(bestInCommunity, joint);
                if (to == n || (int) (keys[to] >>> 32) != community) {
                    majority += bestInCommunity;
                    bestInCommunity = 0;
                }
                from = to;
            }
            double entropy = entropy(communitySize, n) + entropy(classSize, n);
            double nmi = entropy == 0 ? 1.0 : 2 * mutual / entropy;
            return new Alignment(n, (double) majority / n, nmi);
        }

        private static double entropy(int[] counts, int n) {
            double h = 0;
            for (int count : counts) {
                if (count > 0) {
                    double p = (double) count / n;
                    h -= p * Math.log(p);
                }
            }
            return h;
        }
    }
}
