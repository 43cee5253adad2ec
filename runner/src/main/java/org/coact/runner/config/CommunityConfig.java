package org.coact.runner.config;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.Map;
import java.util.TreeMap;

/**
 * Community detection settings (METHOD.md 6).
 *
 * @param algorithm algorithm id
 * @param resolution gamma
 * @param seed random seed
 * @param options algorithm-specific options
 */
@JsonPropertyOrder({"algorithm", "resolution", "seed", "options"})
public record CommunityConfig(
        @JsonProperty("algorithm") String algorithm,
        @JsonProperty("resolution") double resolution,
        @JsonProperty("seed") long seed,
        @JsonProperty("options") Map<String, Object> options) {

    /** Copies the options into a sorted map. */
    public CommunityConfig {
        options = options == null ? Map.of() : java.util.Collections.unmodifiableMap(new TreeMap<>(options));
    }
}
