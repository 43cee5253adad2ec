package org.coact.analysis;

/**
 * A model input that is not read from the dataset but set in the config ({@code inputs:}), the
 * same for every sample: a sample rate, an initial recurrent state. The tensor fed has the
 * input's declared shape, every free axis set to the batch size, filled with {@code value}.
 *
 * @param value the fill value; the config takes a number, {@code zeros} or {@code ones}
 */
public record ConstantInput(double value) {

    /** Validates. */
    public ConstantInput {
        if (!Double.isFinite(value)) {
            throw new IllegalArgumentException("constant input values must be finite, got " + value);
        }
    }

    /**
     * @param text a number, {@code zeros} or {@code ones}
     * @return the constant
     * @throws IllegalArgumentException if the text is none of these
     */
    public static ConstantInput parse(String text) {
        String t = text.strip();
        if (t.equals("zeros")) {
            return new ConstantInput(0);
        }
        if (t.equals("ones")) {
            return new ConstantInput(1);
        }
        try {
            return new ConstantInput(Double.parseDouble(t));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("a constant input is a number, zeros or ones, got '" + text + "'");
        }
    }
}
