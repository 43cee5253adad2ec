package org.coact.analysis.community;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.coact.api.community.AlgorithmParameters;
import org.coact.api.community.CommunityAlgorithm;
import org.coact.api.community.Partition;
import org.coact.api.community.WeightedGraph;
import org.junit.jupiter.api.Test;

/** The whole-number weights networkanalysis runs on, and the graph that made it cycle without them. */
class NetworkAnalysisAlgorithmTest {

    @Test
    void wholeNumberWeightsKeepRatiosToOnePartIn2To30() {
        double[] w = {0.3, 1.0 / 3, 1e-3, 0.75, 2.5e-12};
        double scale = NetworkAnalysisAlgorithm.wholeNumberScale(star(w));
        double[] scaled = new double[w.length];
        for (int e = 0; e < w.length; e++) {
            scaled[e] = NetworkAnalysisAlgorithm.wholeNumber(w[e], scale);
        }
        assertEquals(Math.scalb(1.0, 30), scale, 0, "0.75 has exponent -1: scale 2^(30 - (-1) - 1)");
        for (int e = 0; e < w.length; e++) {
            assertEquals(Math.rint(scaled[e]), scaled[e], 0, "a whole number");
            assertTrue(scaled[e] >= 1);
        }
        assertEquals(805306368, scaled[3], 0, "0.75 * 2^30, exact");
        for (int e = 0; e < 4; e++) {
            assertEquals(w[e], scaled[e] / scale, 0.5 / scale, "rounded by at most half a unit");
        }
        assertEquals(1, scaled[4], 0, "a weight below one unit becomes one unit");
    }

    @Test
    void manyEdgesScaleLessSoTheSumStaysExact() {
        int edges = 1 << 24;
        double scale = NetworkAnalysisAlgorithm.wholeNumberScale(1.0, edges);
        double sum = scale * edges;
        assertTrue(sum < Math.scalb(1.0, 53), "sum " + sum + " below 2^53");
        assertEquals(Math.scalb(1.0, 52 - 25 - 1), scale, 0);
    }

    /**
     * The network built straight in compressed-row form is the one networkanalysis builds from
     * the edge list (doubling, merge sort, integrity check), for edges in the graph builder's
     * (source, target) order and shuffled: same rows, neighbours, weights and node weights.
     */
    @Test
    void compressedRowNetworkIsTheEdgeListNetwork() {
        java.util.Random r = new java.util.Random(11);
        int nodes = 40;
        List<int[]> pairs = new ArrayList<>();
        for (int s = 0; s < nodes; s++) {
            for (int t = s + 1; t < nodes; t++) {
                if (r.nextDouble() < 0.3) {
                    pairs.add(new int[] {s, t});
                }
            }
        }
        for (boolean shuffled : new boolean[] {false, true}) {
            if (shuffled) {
                java.util.Collections.shuffle(pairs, r);
            }
            int[] src = new int[pairs.size()];
            int[] dst = new int[pairs.size()];
            double[] w = new double[pairs.size()];
            for (int e = 0; e < src.length; e++) {
                src[e] = pairs.get(e)[0];
                dst[e] = pairs.get(e)[1];
                w[e] = 0.01 + r.nextDouble();
            }
            WeightedGraph g = new WeightedGraph(nodes, src, dst, w);
            double scale = NetworkAnalysisAlgorithm.wholeNumberScale(g);
            double[] whole = new double[w.length];
            for (int e = 0; e < w.length; e++) {
                whole[e] = NetworkAnalysisAlgorithm.wholeNumber(w[e], scale);
            }
            nl.cwts.networkanalysis.Network reference = new nl.cwts.networkanalysis.Network(nodes, true,
                    new nl.cwts.util.LargeIntArray[] {new nl.cwts.util.LargeIntArray(src),
                        new nl.cwts.util.LargeIntArray(dst)},
                    new nl.cwts.util.LargeDoubleArray(whole), false, true);
            nl.cwts.networkanalysis.Network built = NetworkAnalysisAlgorithm.network(g, scale);
            built.checkIntegrity();
            assertEquals(src.length, built.getNEdges(), "each undirected edge counted once");
            assertEquals(reference.getNEdges(), built.getNEdges());
            assertTrue(java.util.Arrays.equals(reference.getNodeWeights(), built.getNodeWeights()), "shuffled " + shuffled);
            for (int i = 0; i < nodes; i++) {
                assertTrue(java.util.Arrays.equals(reference.getNeighbors(i), built.getNeighbors(i)), "node " + i);
                assertTrue(java.util.Arrays.equals(reference.getEdgeWeights(i), built.getEdgeWeights(i)), "node " + i);
            }
        }
    }

    private static WeightedGraph star(double[] w) {
        int[] src = new int[w.length];
        int[] dst = new int[w.length];
        for (int e = 0; e < w.length; e++) {
            dst[e] = e + 1;
        }
        return new WeightedGraph(w.length + 1, src, dst, w);
    }

    /**
     * The baseline graph that networkanalysis 1.3.0's Louvain did not finish on with its raw
     * fractional weights (measured: no return within 5 s; the local moving phase kept moving a
     * node between two clusters). On whole-number weights both algorithms finish, in well under
     * a second here; the bound of 60 s only catches a return of the cycle.
     */
    @Test
    void theGraphThatCycledOnFractionalWeightsFinishes() throws Exception {
        WeightedGraph g = cyclingGraph();
        assertEquals(88, g.nodeCount());
        assertEquals(686, g.edgeCount());
        for (CommunityAlgorithm algorithm : List.of(new LouvainCommunityAlgorithm(), new LeidenCommunityAlgorithm())) {
            Partition p = assertTimeoutPreemptively(Duration.ofSeconds(60),
                    () -> algorithm.detect(g, new AlgorithmParameters(1.0, 42, Map.of())), algorithm.id());
            double q = Modularity.of(g, p, 1.0);
            assertTrue(q > 0 && q < 1, algorithm.id() + " Q " + q);
            assertTrue(p.count() > 1, algorithm.id());
        }
    }

    /**
     * Leiden's randomness is in units of the true weights: doubling every weight and the
     * randomness together is the same problem, and gives the same partition, although the
     * network networkanalysis sees is the same for both and only the randomness differs; and on
     * this sparse random graph the randomness matters.
     */
    @Test
    void leidenRandomnessIsInUnitsOfTheTrueWeights() throws Exception {
        java.util.Random r = new java.util.Random(3);
        int nodes = 60;
        List<int[]> edges = new ArrayList<>();
        for (int i = 0; i < nodes; i++) {
            for (int j = i + 1; j < nodes; j++) {
                if (r.nextDouble() < 0.1) {
                    edges.add(new int[] {i, j});
                }
            }
        }
        int[] s = edges.stream().mapToInt(e -> e[0]).toArray();
        int[] t = edges.stream().mapToInt(e -> e[1]).toArray();
        double[] w = new double[s.length];
        for (int e = 0; e < w.length; e++) {
            w[e] = 0.01 + r.nextDouble();
        }
        double[] doubled = java.util.Arrays.stream(w).map(v -> 2 * v).toArray();
        WeightedGraph g = new WeightedGraph(nodes, s, t, w);
        WeightedGraph g2 = new WeightedGraph(nodes, s, t, doubled);
        LeidenCommunityAlgorithm leiden = new LeidenCommunityAlgorithm();
        int differ = 0;
        for (long seed = 1; seed <= 5; seed++) {
            Partition low = leiden.detect(g, new AlgorithmParameters(1.0, seed, Map.of("randomness", 1e-3)));
            Partition high = leiden.detect(g, new AlgorithmParameters(1.0, seed, Map.of("randomness", 0.5)));
            differ += low.equals(high) ? 0 : 1;
            assertEquals(high, leiden.detect(g2, new AlgorithmParameters(1.0, seed, Map.of("randomness", 1.0))),
                    "weights and randomness doubled, seed " + seed);
        }
        assertNotEquals(0, differ, "randomness 1e-3 and 0.5 gave the same partitions for seeds 1..5");
    }

    static WeightedGraph cyclingGraph() throws Exception {
        List<int[]> edges = new ArrayList<>();
        List<Double> weights = new ArrayList<>();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(
                NetworkAnalysisAlgorithmTest.class.getResourceAsStream("cwts-cycling-graph.txt"), StandardCharsets.UTF_8))) {
            for (String line = r.readLine(); line != null; line = r.readLine()) {
                if (line.startsWith("#")) {
                    continue;
                }
                String[] f = line.split(" ");
                edges.add(new int[] {Integer.parseInt(f[0]), Integer.parseInt(f[1])});
                weights.add(Double.parseDouble(f[2]));
            }
        }
        return new WeightedGraph(88, edges.stream().mapToInt(e -> e[0]).toArray(),
                edges.stream().mapToInt(e -> e[1]).toArray(), weights.stream().mapToDouble(Double::doubleValue).toArray());
    }
}
