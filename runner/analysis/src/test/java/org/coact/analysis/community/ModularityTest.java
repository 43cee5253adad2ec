package org.coact.analysis.community;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;
import nl.cwts.networkanalysis.Clustering;
import nl.cwts.networkanalysis.LouvainAlgorithm;
import nl.cwts.networkanalysis.Network;
import nl.cwts.util.LargeDoubleArray;
import nl.cwts.util.LargeIntArray;
import org.coact.api.community.Partition;
import org.coact.api.community.WeightedGraph;
import org.junit.jupiter.api.Test;

class ModularityTest {

    private static final double EPS = 1e-12;
    private static final Partition TRIANGLES = new Partition(new int[] {0, 0, 0, 1, 1, 1});

    /** m = 7; each triangle: L_c = 3, d_c = 7: Q = 2 (3/7 - (7/14)^2) = 6/7 - 1/2 = 5/14. */
    @Test
    void twoTrianglesSplitAtTheBridgeHaveFiveFourteenths() {
        assertEquals(5.0 / 14, Modularity.of(TestGraphs.twoTrianglesWithBridge(0), TRIANGLES, 1.0), EPS);
        assertEquals(0.35714285714285715, Modularity.of(TestGraphs.twoTrianglesWithBridge(0), TRIANGLES, 1.0), EPS);
    }

    /** gamma = 0.5: 6/7 - 0.5 * 2 * (1/2)^2 = 6/7 - 1/4 = 17/28. */
    @Test
    void resolutionScalesTheNullModelTerm() {
        assertEquals(17.0 / 28, Modularity.of(TestGraphs.twoTrianglesWithBridge(0), TRIANGLES, 0.5), EPS);
    }

    /** One community: 7/7 - (14/14)^2 = 0. Singletons: -(2^2+2^2+3^2+3^2+2^2+2^2)/14^2 = -34/196. */
    @Test
    void wholeGraphAndSingletonsHaveHandValues() {
        WeightedGraph g = TestGraphs.twoTrianglesWithBridge(0);
        assertEquals(0.0, Modularity.of(g, new Partition(new int[6]), 1.0), EPS);
        assertEquals(-34.0 / 196, Modularity.of(g, new Partition(new int[] {0, 1, 2, 3, 4, 5}), 1.0), EPS);
    }

    @Test
    void isolatedNodesAddNothingAndAnEdgelessGraphHasZero() {
        Partition withIsolated = new Partition(new int[] {0, 0, 0, 1, 1, 1, 2, 3});
        assertEquals(5.0 / 14, Modularity.of(TestGraphs.twoTrianglesWithBridge(2), withIsolated, 1.0), EPS);
        assertEquals(0.0, Modularity.of(new WeightedGraph(3, new int[0], new int[0], new double[0]),
                new Partition(new int[] {0, 1, 2}), 1.0));
    }

    /**
     * networkx 2.8.8 on {@link TestGraphs#networkxTwelve()}:
     * <pre>
     * from networkx.algorithms.community import modularity
     * parts = [{0, 1, 2, 3}, {4, 5, 6, 7}, {8, 9, 10, 11}]
     * modularity(G, parts, weight='weight', resolution=1.0)  # -0.011951440690152457
     * modularity(G, parts, weight='weight', resolution=0.5)  # 0.15625096977807035
     * </pre>
     */
    @Test
    void weightedModularityMatchesNetworkx() {
        Partition parts = new Partition(new int[] {0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2});
        assertEquals(-0.011951440690152457, Modularity.of(TestGraphs.networkxTwelve(), parts, 1.0), EPS);
        assertEquals(0.15625096977807035, Modularity.of(TestGraphs.networkxTwelve(), parts, 0.5), EPS);
    }

    @Test
    void modularityEqualsNetworkanalysisQualityOnTheSamePartition() {
        Random random = new Random(1);
        for (WeightedGraph g : new WeightedGraph[] {TestGraphs.twoTrianglesWithBridge(0), TestGraphs.networkxTwelve(),
            TestGraphs.ringOfCliques(4, 4)}) {
            for (double gamma : new double[] {1.0, 0.5, 2.0}) {
                for (int trial = 0; trial < 5; trial++) {
                    int[] membership = random.ints(g.nodeCount(), 0, 4).toArray();
                    assertEquals(networkanalysisQuality(g, membership, gamma),
                            Modularity.of(g, new Partition(membership), gamma), EPS);
                }
            }
        }
    }

    private static double networkanalysisQuality(WeightedGraph g, int[] membership, double gamma) {
        Network network = new Network(g.nodeCount(), true,
                new LargeIntArray[] {new LargeIntArray(g.sources()), new LargeIntArray(g.targets())},
                new LargeDoubleArray(g.weights()), false, true);
        double resolution = gamma / (2 * network.getTotalEdgeWeight() + network.getTotalEdgeWeightSelfLinks());
        return new LouvainAlgorithm(resolution, 1, new Random(0)).calcQuality(network, new Clustering(membership));
    }
}
