package org.coact.api.format;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Format-specific options for opening a model, e.g. {@code signature} or {@code tag} for a
 * TensorFlow SavedModel. Plugins document the keys they read and reject unknown values with a
 * {@link org.coact.api.ConfigException} naming the key.
 *
 * @param values option key to value
 */
public record OpenOptions(Map<String, String> values) {

    /** No options. */
    public static final OpenOptions NONE = new OpenOptions(Map.of());

    /** Copies into a sorted, immutable map. */
    public OpenOptions {
        values = java.util.Collections.unmodifiableMap(new TreeMap<>(Objects.requireNonNull(values, "values")));
    }

    /**
     * @param key option key
     * @return its value, if set
     */
    public Optional<String> get(String key) {
        return Optional.ofNullable(values.get(key));
    }
}
