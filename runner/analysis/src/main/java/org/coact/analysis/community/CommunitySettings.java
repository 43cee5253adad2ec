package org.coact.analysis.community;

import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import org.coact.api.community.AlgorithmParameters;

/**
 * Community detection settings (METHOD.md section 6; configuration section {@code community}).
 *
 * @param algorithm the algorithm id, built in or a plugin's
 * @param resolution gamma, finite and {@code > 0}
 * @param seed the random seed: the same graph and seed give the same partition
 * @param options algorithm-specific options, validated against the keys the algorithm
 *     declares
 */
public record CommunitySettings(String algorithm, double resolution, long seed, Map<String, Object> options) {

    /** Validates and copies the options into a sorted map. */
    public CommunitySettings {
        if (Objects.requireNonNull(algorithm, "algorithm").isBlank()) {
            throw new IllegalArgumentException("algorithm: must name an algorithm");
        }
        if (!(resolution > 0) || Double.isInfinite(resolution)) {
            throw new IllegalArgumentException("resolution: must be a finite number > 0, got " + resolution);
        }
        options = options == null ? Map.of() : Collections.unmodifiableMap(new TreeMap<>(options));
    }

    /** @return what the algorithm is called with */
    public AlgorithmParameters parameters() {
        return new AlgorithmParameters(resolution, seed, options);
    }
}
