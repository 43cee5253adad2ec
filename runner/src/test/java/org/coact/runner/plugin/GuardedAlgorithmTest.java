package org.coact.runner.plugin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Map;
import org.coact.analysis.Origin;
import org.coact.analysis.community.LouvainCommunityAlgorithm;
import org.coact.api.ConfigException;
import org.coact.api.community.AlgorithmParameters;
import org.junit.jupiter.api.Test;

/** The guard forwards the up-front option check, so a bad value is refused before any pass. */
class GuardedAlgorithmTest {

    @Test
    void validateReachesTheAlgorithm() throws Exception {
        GuardedAlgorithm louvain = new GuardedAlgorithm(new LouvainCommunityAlgorithm(), new Origin("builtin", "test"));
        louvain.validate(new AlgorithmParameters(1.0, 42, Map.of("iterations", 10)));
        ConfigException e = assertThrows(ConfigException.class,
                () -> louvain.validate(new AlgorithmParameters(1.0, 42, Map.of("iterations", 1_000_000_000))));
        assertEquals("option 'iterations' must be in 0..10000 (0 = until an iteration brings no improvement), got "
                + "1000000000", e.getMessage());
    }
}
