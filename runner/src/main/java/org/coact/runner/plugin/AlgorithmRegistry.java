package org.coact.runner.plugin;

import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;
import org.coact.api.ConfigException;
import org.coact.api.community.CommunityAlgorithm;

/** Finds a {@link CommunityAlgorithm} by id among the built-in and plugin-provided ones. */
public final class AlgorithmRegistry {

    private final List<Registered<CommunityAlgorithm>> algorithms;

    /**
     * @param algorithms the available algorithms
     */
    public AlgorithmRegistry(List<Registered<CommunityAlgorithm>> algorithms) {
        this.algorithms = algorithms.stream()
                .sorted(Comparator.comparing(r -> r.extension().id()))
                .toList();
    }

    /** @return every algorithm, sorted by id */
    public List<Registered<CommunityAlgorithm>> all() {
        return algorithms;
    }

    /**
     * @param id an algorithm id such as {@code louvain}
     * @return the algorithm with its plugin
     * @throws ConfigException naming the id and the available ones
     */
    public Registered<CommunityAlgorithm> select(String id) throws ConfigException {
        return algorithms.stream()
                .filter(r -> r.extension().id().equals(id))
                .findFirst()
                .orElseThrow(() -> new ConfigException("unknown community algorithm '" + id + "'; available: "
                        + algorithms.stream().map(r -> r.extension().id()).collect(Collectors.joining(", "))));
    }
}
