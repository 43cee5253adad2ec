package org.coact.analysis.community;

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
    void findsTheCliquesOfARingOfCliques(CommunityAlgorithm algorithm) throws CoactException {
        int[] expected = new int[30];
        for (int i = 0; i < 30; i++) {
            expected[i] = i / 5;
        }
        assertEquals(new Partition(expected), algorithm.detect(TestGraphs.ringOfCliques(6, 5), DEFAULTS));
    }

    @ParameterizedTest
    @MethodSource("algorithms")
    void theSameSeedGivesTheSamePartitionOverSeveralStarts(CommunityAlgorithm algorithm) throws CoactException {
        WeightedGraph g = TestGraphs.networkxTwelve();
        AlgorithmParameters params = new AlgorithmParameters(1.0, 7, Map.of("random_starts", 3));
        assertEquals(algorithm.detect(g, params), algorithm.detect(g, params));
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
    void badOptionValuesAreConfigErrorsNamingTheKey(CommunityAlgorithm algorithm) {
        WeightedGraph g = TestGraphs.twoTrianglesWithBridge(0);
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

    /** The contract on each built-in algorithm. */
    @org.junit.jupiter.api.Nested
    class Louvain extends CommunityAlgorithmContract {
        @Override
        protected CommunityAlgorithm algorithm() {
            return new LouvainCommunityAlgorithm();
        }
    }

    @org.junit.jupiter.api.Nested
    class Leiden extends CommunityAlgorithmContract {
        @Override
        protected CommunityAlgorithm algorithm() {
            return new LeidenCommunityAlgorithm();
        }
    }

    @org.junit.jupiter.api.Nested
    class LabelPropagation extends CommunityAlgorithmContract {
        @Override
        protected CommunityAlgorithm algorithm() {
            return new LabelPropagationCommunityAlgorithm();
        }
    }

    @org.junit.jupiter.api.Nested
    class GirvanNewman extends CommunityAlgorithmContract {
        @Override
        protected CommunityAlgorithm algorithm() {
            return new GirvanNewmanCommunityAlgorithm();
        }

        @Override
        protected AlgorithmParameters plantedParameters(int communities) {
            return new AlgorithmParameters(1.0, 42, Map.of("communities", communities));
        }
    }
}
