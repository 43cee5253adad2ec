package org.coact.analysis.activity;

import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * When a neuron counts as active (METHOD.md section 3, setting {@code threshold}): above one
 * fixed tau for every neuron, or above its own q-quantile over the dataset, found by the
 * {@link QuantileSelector} before counting. What the counts finally use is {@link Taus}.
 */
public sealed interface Threshold permits Threshold.Fixed, Threshold.Quantile {

    /** What a valid value looks like, for error messages. */
    String EXPECTED = "a number or 'quantile q' with 0 <= q <= 1";

    /** @return whether the thresholds depend on the data (passes over it before counting) */
    boolean isQuantile();

    /**
     * One tau for every neuron.
     *
     * @param tau a finite threshold
     */
    record Fixed(double tau) implements Threshold {

        /** Validates. */
        public Fixed {
            if (!Double.isFinite(tau)) {
                throw new IllegalArgumentException("threshold must be finite, got " + tau);
            }
        }

        @Override
        public boolean isQuantile() {
            return false;
        }

        @Override
        public String toString() {
            return Double.toString(tau);
        }
    }

    /**
     * Each neuron's own q-quantile over the dataset.
     *
     * @param q the quantile, {@code 0 <= q <= 1}
     * @param text the setting as the user wrote it, trimmed ({@code "quantile 0.50"}), which a
     *     report records as given
     */
    record Quantile(double q, String text) implements Threshold {

        /** Validates. */
        public Quantile {
            if (!(q >= 0.0 && q <= 1.0)) {
                throw new IllegalArgumentException("quantile must be in [0, 1], got " + q);
            }
            text = text == null || text.isBlank() ? "quantile " + q : text.trim();
        }

        /** @param q the quantile @return {@code quantile q} */
        public static Quantile of(double q) {
            return new Quantile(q, null);
        }

        @Override
        public boolean isQuantile() {
            return true;
        }

        @Override
        public String toString() {
            return text;
        }
    }

    /** The default: active iff the value is above 0. */
    static Threshold defaults() {
        return new Fixed(0.0);
    }

    /**
     * @param text {@code "0.5"}, {@code "quantile 0.9"}, ...
     * @return the setting
     * @throws IllegalArgumentException unless it is a finite number or {@code quantile q} with
     *     {@code 0 <= q <= 1}
     */
    static Threshold parse(String text) {
        Objects.requireNonNull(text, "text");
        String trimmed = text.trim();
        if (Syntax.FIXED.matcher(trimmed).matches()) {
            return new Fixed(Double.parseDouble(trimmed));
        }
        Matcher m = Syntax.QUANTILE.matcher(trimmed);
        if (m.matches()) {
            return new Quantile(Double.parseDouble(m.group(1)), trimmed);
        }
        throw new IllegalArgumentException("threshold must be " + EXPECTED + ", got '" + text + "'");
    }

    /** The accepted spellings. */
    final class Syntax {
        private static final String NUMBER = "[+-]?(?:\\d+\\.?\\d*|\\.\\d+)(?:[eE][+-]?\\d+)?";
        static final Pattern FIXED = Pattern.compile(NUMBER);
        static final Pattern QUANTILE = Pattern.compile("quantile\\s+(" + NUMBER + ")");

        private Syntax() {
        }
    }
}
