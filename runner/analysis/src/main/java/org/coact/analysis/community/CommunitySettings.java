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
 * @param nullSamples R, the null-model draws measured beside the partition (0 = none)
 * @param alignmentAlpha a neuron has a preferred class only if its activity depends on the
 *     class at this significance level (G-test), in (0, 1]
 * @param options algorithm-specific options, validated against the keys the algorithm
 *     declares
 */
public record CommunitySettings(String algorithm, double resolution, long seed, int nullSamples,
        double alignmentAlpha, Map<String, Object> options) {

    /** Validates and copies the options into a sorted map. */
    public CommunitySettings {
        if (Objects.requireNonNull(algorithm, "algorithm").isBlank()) {
            throw new IllegalArgumentException("algorithm: must name an algorithm");
        }
        if (!(resolution > 0) || Double.isInfinite(resolution)) {
            throw new IllegalArgumentException("resolution: must be a finite number > 0, got " + resolution);
        }
        if (nullSamples < 0 || nullSamples > 100_000) {
            throw new IllegalArgumentException("null_samples: must be in 0..100000, got " + nullSamples);
        }
        if (!(alignmentAlpha > 0 && alignmentAlpha <= 1)) {
            throw new IllegalArgumentException("alignment_alpha: must be in (0, 1], got " + alignmentAlpha);
        }
        options = options == null ? Map.of() : Collections.unmodifiableMap(new TreeMap<>(options));
    }

    /** @return what the algorithm is called with */
    public AlgorithmParameters parameters() {
        return new AlgorithmParameters(resolution, seed, options);
    }
}
