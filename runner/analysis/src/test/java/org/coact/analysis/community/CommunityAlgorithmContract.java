package org.coact.analysis.community;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.coact.analysis.Analyzer;
import org.coact.api.CoactException;
import org.coact.api.ConfigException;
import org.coact.api.community.AlgorithmParameters;
import org.coact.api.community.CommunityAlgorithm;
import org.coact.api.community.Partition;
import org.coact.api.community.WeightedGraph;
import org.junit.jupiter.api.Test;

/**
 * What every {@link CommunityAlgorithm} must do, for the built-ins and for plugins alike. A
 * plugin's test extends this class (it is in the {@code coact-analysis} test-jar, with
 * {@link TestGraphs}) and supplies the algorithm; every test runs on small graphs whose
 * communities are known by construction:
 * <ul>
 *   <li>the id is a lower-case word (letters, digits, dashes) and the description one line;</li>
 *   <li>every node gets a community, and nodes without edges are singletons;</li>
 *   <li>the same graph and seed give the same partition;</li>
 *   <li>two triangles joined by one edge, and a ring of cliques, are found (unless
 *       {@link #findsPlantedCommunities()} says the algorithm is not meant to);</li>
 *   <li>an option the algorithm does not declare is refused by name before it runs.</li>
 * </ul>
 */
public abstract class CommunityAlgorithmContract {

    /** @return the algorithm under test; called once per test */
    protected abstract CommunityAlgorithm algorithm();

    /** @return the parameters the tests call it with (resolution 1, seed 42, no options) */
    protected AlgorithmParameters parameters() {
        return new AlgorithmParameters(1.0, 42, Map.of());
    }

    /** @return whether the algorithm is expected to find obvious planted communities */
    protected boolean findsPlantedCommunities() {
        return true;
    }

    @Test
    void theIdAndDescriptionAreFitForTheCommandLine() {
        CommunityAlgorithm a = algorithm();
        assertTrue(a.id().matches("[a-z0-9][a-z0-9-]*"), "id '" + a.id() + "'");
        assertFalse(a.description().isBlank() || a.description().contains("\n"), "description '" + a.description() + "'");
        assertNotNull(a.optionKeys(), "optionKeys");
        assertNotNull(a.capabilities(), "capabilities");
    }

    @Test
    void everyNodeGetsACommunity() throws CoactException {
        for (WeightedGraph g : List.of(TestGraphs.twoTrianglesWithBridge(0), TestGraphs.ringOfCliques(4, 4),
                TestGraphs.networkxTwelve())) {
            assertEquals(g.nodeCount(), algorithm().detect(g, parameters()).size(), algorithm().id());
        }
    }

    @Test
    void nodesWithoutEdgesAreSingletons() throws CoactException {
        Partition p = algorithm().detect(TestGraphs.twoTrianglesWithBridge(2), parameters());
        int[] m = p.membership();
        for (int node : new int[] {6, 7}) {
            for (int other = 0; other < m.length; other++) {
                assertTrue(other == node || m[other] != m[node], "isolated node " + node + " shares community with "
                        + other);
            }
        }
        Partition edgeless = algorithm().detect(new WeightedGraph(3, new int[0], new int[0], new double[0]),
                parameters());
        assertEquals(new Partition(new int[] {0, 1, 2}), edgeless);
    }

    @Test
    void theSameGraphAndSeedGiveTheSamePartition() throws CoactException {
        WeightedGraph g = TestGraphs.networkxTwelve();
        assertEquals(algorithm().detect(g, parameters()), algorithm().detect(g, parameters()));
    }

    @Test
    void plantedCommunitiesAreFound() throws CoactException {
        if (!findsPlantedCommunities()) {
            return;
        }
        assertEquals(new Partition(new int[] {0, 0, 0, 1, 1, 1}),
                algorithm().detect(TestGraphs.twoTrianglesWithBridge(0), parameters()), "two triangles and a bridge");
        int[] expected = new int[16];
        for (int i = 0; i < 16; i++) {
            expected[i] = i / 4;
        }
        assertEquals(new Partition(expected), algorithm().detect(TestGraphs.ringOfCliques(4, 4), plantedParameters(4)),
                "a ring of four 4-cliques");
    }

    /**
     * @param communities how many communities the planted graph has
     * @return the parameters for it (an algorithm told the number of communities overrides this)
     */
    protected AlgorithmParameters plantedParameters(int communities) {
        return parameters();
    }

    @Test
    void anUndeclaredOptionIsRefusedByNameBeforeTheAlgorithmRuns() {
        ConfigException e = assertThrows(ConfigException.class, () -> Analyzer.checkOptions(algorithm(),
                new AlgorithmParameters(1.0, 1, Map.of("no_such_option", 1))));
        assertTrue(e.getMessage().contains("no_such_option") && e.getMessage().contains(algorithm().id()),
                e.getMessage());
    }
}
