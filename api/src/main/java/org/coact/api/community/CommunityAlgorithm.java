package org.coact.api.community;

import java.util.Set;
import org.coact.api.CoactException;
import org.pf4j.ExtensionPoint;

/**
 * A community-detection algorithm (METHOD.md section 6). Implementations are stateless: every
 * input arrives per call, so one instance may serve many graphs.
 */
public interface CommunityAlgorithm extends ExtensionPoint {

    /** @return the id users pass to {@code --algorithm}, e.g. {@code louvain} */
    String id();

    /** @return a one-line description including the paper it implements */
    String description();

    /** @return what this algorithm can do */
    Set<AlgorithmCapability> capabilities();

    /** @return the algorithm-specific option keys it accepts (beyond resolution and seed) */
    Set<String> optionKeys();

    /**
     * Checks the option values before any work (the keys are checked against
     * {@link #optionKeys()} by the caller), so that a bad value is refused before a pass over
     * the data rather than after it. {@link #detect} must still refuse what it cannot run. The
     * default accepts every value.
     *
     * @param parameters what the algorithm is to be called with
     * @throws org.coact.api.ConfigException naming the option, its value and the allowed range
     */
    default void validate(AlgorithmParameters parameters) throws org.coact.api.ConfigException {
    }

    /**
     * Finds communities.
     *
     * @param graph the weighted neuron graph
     * @param parameters resolution, seed and options
     * @return a partition of all {@code graph.nodeCount()} nodes; isolated nodes are
     *     singletons
     * @throws CoactException (a {@link org.coact.api.ConfigException}) naming a bad option
     */
    Partition detect(WeightedGraph graph, AlgorithmParameters parameters) throws CoactException;

    /**
     * Finds communities, reporting progress on long work. The default ignores the progress;
     * an algorithm that can take minutes overrides this.
     *
     * @param graph the weighted neuron graph
     * @param parameters resolution, seed and options
     * @param progress receives progress
     * @return a partition of all {@code graph.nodeCount()} nodes
     * @throws CoactException (a {@link org.coact.api.ConfigException}) naming a bad option
     */
    default Partition detect(WeightedGraph graph, AlgorithmParameters parameters, DetectionProgress progress)
            throws CoactException {
        return detect(graph, parameters);
    }
}
