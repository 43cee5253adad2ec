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

    /**
     * Refuses keys a format does not read, so a misspelt option never passes unnoticed.
     *
     * @param format the format id, for the message
     * @param known the keys the format reads
     * @throws org.coact.api.ConfigException naming the first unknown key, the format and the
     *     keys it knows (with a suggestion when one is close)
     */
    public void requireKnown(String format, java.util.Set<String> known) throws org.coact.api.ConfigException {
        for (String key : values.keySet()) {
            if (!known.contains(key)) {
                throw new org.coact.api.ConfigException("unknown option '" + key + "' for format " + format
                        + Names.didYouMean(key, known) + "; it reads: " + String.join(", ", new java.util.TreeSet<>(known)));
            }
        }
    }

    /**
     * Reads a positive integer option such as {@code threads}.
     *
     * @param key option key
     * @return its value, if set
     * @throws org.coact.api.ConfigException naming the key when the value is not an integer &ge; 1
     */
    public Optional<Integer> positiveInt(String key) throws org.coact.api.ConfigException {
        String v = values.get(key);
        if (v == null) {
            return Optional.empty();
        }
        try {
            int n = Integer.parseInt(v.strip());
            if (n >= 1) {
                return Optional.of(n);
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new org.coact.api.ConfigException("option '" + key + "' must be a positive integer, got '" + v + "'");
    }

    /**
     * An integer option with stated bounds.
     *
     * @param key the option key
     * @param min the least value allowed
     * @param max the greatest value allowed
     * @return the value, if the option is set
     * @throws org.coact.api.ConfigException naming the key, the value and the bounds, if it is set
     *     to something else
     */
    public Optional<Integer> intInRange(String key, int min, int max) throws org.coact.api.ConfigException {
        String v = values.get(key);
        if (v == null) {
            return Optional.empty();
        }
        try {
            int n = Integer.parseInt(v.strip());
            if (n >= min && n <= max) {
                return Optional.of(n);
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new org.coact.api.ConfigException("option '" + key + "' must be an integer in " + min + ".." + max
                + ", got '" + v + "'");
    }
}
