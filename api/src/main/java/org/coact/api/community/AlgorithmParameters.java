package org.coact.api.community;

import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import org.coact.api.ConfigException;

/**
 * Parameters for one run of a community algorithm.
 *
 * @param resolution gamma in the modularity formula (METHOD.md section 6), default 1.0
 * @param seed the random seed; the same seed gives the same partition
 * @param options algorithm-specific keys (e.g. {@code iterations}); each algorithm documents
 *     and validates its own
 */
public record AlgorithmParameters(double resolution, long seed, Map<String, Object> options) {

    /** Validates and copies. */
    public AlgorithmParameters {
        if (!(resolution > 0) || Double.isInfinite(resolution)) {
            throw new IllegalArgumentException("resolution must be finite and > 0, got " + resolution);
        }
        options = Collections.unmodifiableMap(new TreeMap<>(Objects.requireNonNull(options, "options")));
    }

    /**
     * Reads an integer option.
     *
     * @param key option key
     * @param fallback value when absent
     * @return the value
     * @throws ConfigException naming the key when the value is not an integer
     */
    public int intOption(String key, int fallback) throws ConfigException {
        Object v = options.get(key);
        if (v == null) {
            return fallback;
        }
        if (v instanceof Number n && n.doubleValue() == Math.rint(n.doubleValue())) {
            return n.intValue();
        }
        try {
            return Integer.parseInt(v.toString().trim());
        } catch (NumberFormatException e) {
            throw new ConfigException("option '" + key + "' must be an integer, got '" + v + "'");
        }
    }

    /**
     * Reads a floating-point option.
     *
     * @param key option key
     * @param fallback value when absent
     * @return the value
     * @throws ConfigException naming the key when the value is not a number
     */
    public double doubleOption(String key, double fallback) throws ConfigException {
        Object v = options.get(key);
        if (v == null) {
            return fallback;
        }
        if (v instanceof Number n) {
            return n.doubleValue();
        }
        try {
            return Double.parseDouble(v.toString().trim());
        } catch (NumberFormatException e) {
            throw new ConfigException("option '" + key + "' must be a number, got '" + v + "'");
        }
    }

    /** @param key option key @return the raw value, if set */
    public Optional<Object> option(String key) {
        return Optional.ofNullable(options.get(key));
    }
}
