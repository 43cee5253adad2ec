package org.coact.analysis.community;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import nl.cwts.networkanalysis.Clustering;
import org.coact.api.community.Partition;
import org.coact.api.community.WeightedGraph;
import org.junit.jupiter.api.Test;

class CommunityFiguresTest {

    private static final double EPS = 1e-12;

    /**
     * Two triangles {0,1,2}, {3,4,5} joined by the bridge 2-3 plus isolated node 6, partition
     * {0,1,2} {3,4,5} {6}; preferred classes [0, 0, 1, 1, 1, dead, 0].
     * <ul>
     *   <li>3 communities, 2 non-singleton, sizes [3, 3, 1]; Q = 5/14;</li>
     *   <li>coverage = (3 + 3) / 7;</li>
     *   <li>conductance: each triangle cut 1, vol 7, rest 7 -> 1/7; {6} has vol 0, skipped;
     *       mean 1/7 over 2 communities;</li>
     *   <li>aligned neurons: 0,1,2,3,4,6 (6). Purity: {0,1,2} max 2 (class 0), {3,4} 2, {6} 1
     *       -> 5/6;</li>
     *   <li>NMI: joint counts (S0,0)=2, (S0,1)=1, (S1,1)=2, (S2,0)=1 of 6; community sizes 3,2,1;
     *       class sizes 3,3. I = 1/3 ln(4/3) + 1/6 ln(2/3) + 1/3 ln 2 + 1/6 ln 2
     *       = 4/3 ln 2 - 1/2 ln 3; H_X = 2/3 ln 2 + 1/2 ln 3; H_Y = ln 2;
     *       NMI = (8/3 ln 2 - ln 3) / (5/3 ln 2 + 1/2 ln 3) = 0.3994...</li>
     * </ul>
     */
    @Test
    void handExampleHasHandFigures() {
        WeightedGraph g = TestGraphs.twoTrianglesWithBridge(1);
        Partition p = new Partition(new int[] {0, 0, 0, 1, 1, 1, 2});
        CommunityFigures f = CommunityFigures.of(g, p, 1.0, new int[] {0, 0, 1, 1, 1, -1, 0});
        assertEquals(5.0 / 14, f.modularity(), EPS);
        assertEquals(3, f.communities());
        assertEquals(2, f.nonSingletonCommunities());
        assertEquals(List.of(3, 3, 1), f.sizes());
        assertEquals(6.0 / 7, f.coverage(), EPS);
        assertEquals(1.0 / 7, f.meanConductance(), EPS);
        assertEquals(2, f.conductanceCommunities());
        assertEquals(6, f.alignedNeurons());
        assertEquals(5.0 / 6, f.purity(), EPS);
        double ln2 = Math.log(2);
        double ln3 = Math.log(3);
        double nmi = (8.0 / 3 * ln2 - ln3) / (5.0 / 3 * ln2 + 0.5 * ln3);
        assertEquals(nmi, f.nmi(), EPS);
        // networkanalysis's NMI uses the same arithmetic normalisation (aligned nodes only)
        double cwts = new Clustering(new int[] {0, 0, 0, 1, 1, 2}).calcNormalizedMutualInformation(
                new Clustering(new int[] {0, 0, 1, 1, 1, 0}));
        assertEquals(cwts, f.nmi(), EPS);
    }

    @Test
    void oneCommunityOfOneClassIsPerfectlyAlignedAndHasNoConductance() {
        WeightedGraph g = TestGraphs.twoTrianglesWithBridge(0);
        CommunityFigures f = CommunityFigures.of(g, new Partition(new int[6]), 1.0, new int[] {2, 2, 2, 2, 2, 2});
        assertEquals(1.0, f.nmi());
        assertEquals(1.0, f.purity());
        assertEquals(1.0, f.coverage(), EPS);
        assertEquals(0, f.conductanceCommunities());
        assertEquals(0.0, f.meanConductance());
    }

    @Test
    void noAlignedNeuronsAndNoEdgesGiveZeros() {
        WeightedGraph g = new WeightedGraph(2, new int[0], new int[0], new double[0]);
        CommunityFigures f = CommunityFigures.of(g, new Partition(new int[] {0, 1}), 1.0, new int[] {-1, -1});
        assertEquals(0, f.alignedNeurons());
        assertEquals(0.0, f.purity());
        assertEquals(0.0, f.nmi());
        assertEquals(0.0, f.coverage());
        assertEquals(0.0, f.modularity());
        assertEquals(2, f.communities());
        assertEquals(0, f.nonSingletonCommunities());
    }
}
