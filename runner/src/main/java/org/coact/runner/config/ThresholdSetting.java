package org.coact.runner.config;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The {@code threshold} key (METHOD.md 3): a number (one fixed tau for every neuron), or the
 * string {@code quantile q} (each neuron's own q-quantile over the dataset, {@code 0 <= q <= 1}).
 * A string that is a plain decimal number ({@code "0.5"}, as the command line passes it) is a
 * fixed tau. In a report the setting reads as given: a fixed tau as a number, a quantile as
 * its string (trimmed).
 *
 * @param mode fixed or quantile
 * @param value tau (finite) for {@link Mode#FIXED}, q for {@link Mode#QUANTILE}
 * @param text the quantile string as given (trimmed; {@code "quantile " + q} when blank); empty
 *     for a fixed tau
 */
public record ThresholdSetting(Mode mode, double value, String text) {

    /** The two kinds of threshold. */
    public enum Mode {
        /** One tau for every neuron. */
        FIXED,
        /** Each neuron's own q-quantile. */
        QUANTILE
    }

    /** What a valid value looks like, for error messages. */
    public static final String EXPECTED = "a number or 'quantile q' with 0 <= q <= 1";

    private static final String NUMBER = "[+-]?(?:\\d+\\.?\\d*|\\.\\d+)(?:[eE][+-]?\\d+)?";
    private static final Pattern FIXED_TEXT = Pattern.compile(NUMBER);
    private static final Pattern QUANTILE_TEXT = Pattern.compile("quantile\\s+(" + NUMBER + ")");

    /** Validates. */
    public ThresholdSetting {
        Objects.requireNonNull(mode, "mode");
        text = mode == Mode.FIXED ? "" : text == null || text.isBlank() ? "quantile " + value : text.trim();
        if (mode == Mode.FIXED && !Double.isFinite(value)) {
            throw new IllegalArgumentException("threshold must be finite, got " + value);
        }
        if (mode == Mode.QUANTILE && !(value >= 0.0 && value <= 1.0)) {
            throw new IllegalArgumentException("quantile must be in [0, 1], got " + value);
        }
    }

    /** @param tau a finite threshold @return the fixed setting */
    public static ThresholdSetting fixed(double tau) {
        return new ThresholdSetting(Mode.FIXED, tau, "");
    }

    /** @param q the quantile in [0, 1] @return the setting {@code quantile q} */
    public static ThresholdSetting quantile(double q) {
        return new ThresholdSetting(Mode.QUANTILE, q, "quantile " + q);
    }

    /**
     * Parses a configuration value.
     *
     * @param node a YAML/JSON number or string
     * @return the setting
     * @throws IllegalArgumentException if it is neither a finite number nor {@code quantile q}
     *     with {@code 0 <= q <= 1}
     */
    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    public static ThresholdSetting of(JsonNode node) {
        if (node != null && node.isNumber()) {
            return fixed(node.doubleValue());
        }
        if (node == null || !node.isTextual()) {
            throw new IllegalArgumentException("threshold must be " + EXPECTED + ", got " + node);
        }
        return parse(node.textValue());
    }

    /**
     * @param text {@code "0.5"}, {@code "quantile 0.9"}, ...
     * @return the setting
     * @throws IllegalArgumentException if it is neither a finite number nor {@code quantile q}
     *     with {@code 0 <= q <= 1}
     */
    public static ThresholdSetting parse(String text) {
        String trimmed = text.trim();
        if (FIXED_TEXT.matcher(trimmed).matches()) {
            return fixed(Double.parseDouble(trimmed));
        }
        Matcher m = QUANTILE_TEXT.matcher(trimmed);
        if (m.matches()) {
            return new ThresholdSetting(Mode.QUANTILE, Double.parseDouble(m.group(1)), trimmed);
        }
        throw new IllegalArgumentException("threshold must be " + EXPECTED + ", got '" + text + "'");
    }

    /** @return whether the thresholds depend on the data (extra passes over it) */
    public boolean isQuantile() {
        return mode == Mode.QUANTILE;
    }

    /** @return the form a report records: a number for a fixed tau, the string for a quantile */
    @JsonValue
    public Object json() {
        return mode == Mode.FIXED ? (Object) value : text;
    }

    @Override
    public String toString() {
        return json().toString();
    }
}
