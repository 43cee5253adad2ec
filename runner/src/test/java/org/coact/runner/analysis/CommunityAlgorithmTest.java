package org.coact.runner.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.stream.Stream;
import org.coact.api.CoactException;
import org.coact.api.ConfigException;
import org.coact.api.community.AlgorithmParameters;
import org.coact.api.community.CommunityAlgorithm;
import org.coact.api.community.Partition;
import org.coact.api.community.WeightedGraph;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class CommunityAlgorithmTest {

    private static final AlgorithmParameters DEFAULTS = new AlgorithmParameters(1.0, 42, Map.of());

    static Stream<CommunityAlgorithm> algorithms() {
        return Stream.of(new LouvainCommunityAlgorithm(), new LeidenCommunityAlgorithm());
    }

    @ParameterizedTest
    @MethodSource("algorithms")
    void findsTheTwoTrianglesJoinedByABridge(CommunityAlgorithm algorithm) throws CoactException {
        Partition p = algorithm.detect(TestGraphs.twoTrianglesWithBridge(0), DEFAULTS);
        assertEquals(new Partition(new int[] {0, 0, 0, 1, 1, 1}), p);
    }

    @ParameterizedTest
    @MethodSource("algorithms")
    void findsTheCliquesOfARingOfCliques(CommunityAlgorithm algorithm) throws CoactException {
        int[] expected = new int[30];
        for (int i = 0; i < 30; i++) {
            expected[i] = i / 5;
        }
        assertEquals(new Partition(expected), algorithm.detect(TestGraphs.ringOfCliques(6, 5), DEFAULTS));
    }

    @ParameterizedTest
    @MethodSource("algorithms")
    void theSameSeedGivesTheSamePartition(CommunityAlgorithm algorithm) throws CoactException {
        WeightedGraph g = TestGraphs.networkxTwelve();
        AlgorithmParameters params = new AlgorithmParameters(1.0, 7, Map.of("random_starts", 3));
        assertEquals(algorithm.detect(g, params), algorithm.detect(g, params));
    }

    @ParameterizedTest
    @MethodSource("algorithms")
    void isolatedNodesAreSingletons(CommunityAlgorithm algorithm) throws CoactException {
        Partition p = algorithm.detect(TestGraphs.twoTrianglesWithBridge(2), DEFAULTS);
        assertEquals(new Partition(new int[] {0, 0, 0, 1, 1, 1, 2, 3}), p);
        Partition edgeless = algorithm.detect(new WeightedGraph(3, new int[0], new int[0], new double[0]), DEFAULTS);
        assertEquals(new Partition(new int[] {0, 1, 2}), edgeless);
    }

    @ParameterizedTest
    @MethodSource("algorithms")
    void foundPartitionsAreAtLeastAsGoodAsTheHandPartition(CommunityAlgorithm algorithm) throws CoactException {
        WeightedGraph g = TestGraphs.networkxTwelve();
        Partition p = algorithm.detect(g, new AlgorithmParameters(1.0, 42, Map.of("iterations", 0)));
        double hand = Modularity.of(g, new Partition(new int[] {0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2}), 1.0);
        assertTrue(Modularity.of(g, p, 1.0) > hand);
    }

    @ParameterizedTest
    @MethodSource("algorithms")
    void badOptionsAreConfigErrorsNamingTheKey(CommunityAlgorithm algorithm) {
        WeightedGraph g = TestGraphs.twoTrianglesWithBridge(0);
        ConfigException unknown = assertThrows(ConfigException.class,
                () -> algorithm.detect(g, new AlgorithmParameters(1.0, 1, Map.of("colour", "red"))));
        assertTrue(unknown.getMessage().contains("colour"));
        ConfigException negative = assertThrows(ConfigException.class,
                () -> algorithm.detect(g, new AlgorithmParameters(1.0, 1, Map.of("random_starts", 0))));
        assertTrue(negative.getMessage().contains("random_starts"));
    }

    @org.junit.jupiter.api.Test
    void leidenValidatesRandomness() {
        assertThrows(ConfigException.class, () -> new LeidenCommunityAlgorithm().detect(TestGraphs.twoTrianglesWithBridge(0),
                new AlgorithmParameters(1.0, 1, Map.of("randomness", -1))));
        assertEquals("leiden", new LeidenCommunityAlgorithm().id());
        assertEquals("louvain", new LouvainCommunityAlgorithm().id());
    }
}
