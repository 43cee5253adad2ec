package org.coact.runner.pipeline;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.coact.analysis.Decoding;
import org.coact.analysis.Prediction;
import org.coact.api.CoactException;
import org.coact.api.ConfigException;
import org.coact.api.DataException;
import org.coact.api.FloatTensor;
import org.coact.api.ModelException;
import org.coact.api.format.LayerInfo;
import org.coact.api.format.LayerRole;
import org.coact.api.format.TensorSpec;

/**
 * Turns the model output into predicted classes (METHOD.md 1) and decides K. Chosen from the
 * output's declared shape before any pass, checked again on the shape the first sample gives
 * (still before any pass), so an output that is not one score vector per sample is refused in
 * one line rather than after a pass over the data:
 * <ul>
 *   <li>{@code [N, K]} with K &gt;= 2: argmax, the first maximum wins;</li>
 *   <li>{@code [N]} or {@code [N, 1]}: a binary head, K = 2, class 1 when the score is above the
 *       threshold (0.5 when the output comes from a Sigmoid, else 0, a logit's cut);</li>
 *   <li>{@code [N, ..., K]} (per step, per pixel): refused, unless {@code prediction.decode:
 *       pooled} says the last axis holds the classes; K is never read from a spatial axis
 *       otherwise.</li>
 * </ul>
 * Immutable once built; {@link #decode} is thread-safe.
 */
public final class OutputDecoder {

    private final Path model;
    private final String output;
    private final Prediction.Decode kind;
    private final int classes;
    private final double cut;
    private final Decoding decoding;

    private OutputDecoder(Path model, String output, Prediction.Decode kind, int classes, double cut, String reason) {
        this.model = model;
        this.output = output;
        this.kind = kind;
        this.classes = classes;
        this.cut = cut;
        this.decoding = new Decoding(output, kind.name().toLowerCase(Locale.ROOT), classes,
                kind == Prediction.Decode.BINARY ? cut : null, reason);
    }

    /**
     * Chooses the decoding from the output's declared shape.
     *
     * @param model the model, for messages
     * @param spec the prediction output as declared (batch axis first, {@code -1} where free;
     *     {@code [-1]} when the rank is unknown)
     * @param layers the model's layers (to tell a Sigmoid output from a logit)
     * @param settings the configured decoding
     * @param labels the dataset labels (K when the output's class axis is free)
     * @return the decoder
     * @throws CoactException naming the output, its shape and what to do
     */
    public static OutputDecoder choose(Path model, TensorSpec spec, List<LayerInfo> layers, Prediction settings,
            long[] labels) throws CoactException {
        long[] shape = spec.shape();
        String name = spec.name();
        Prediction.Decode decode = settings.decode();
        int rank = shape.length;
        long last = rank == 0 ? -1 : shape[rank - 1];
        if (rank == 0) {
            throw new ModelException("model output '" + name + "' of " + model + " is a scalar, not one score per sample; "
                    + "name another output with --set output=NAME");
        }
        if (decode == Prediction.Decode.AUTO) {
            if (rank == 1 || (rank == 2 && last == 1)) {
                decode = Prediction.Decode.BINARY;
            } else if (rank == 2) {
                decode = Prediction.Decode.ARGMAX;
            } else {
                throw new ModelException(notPerSample(model, name, shape));
            }
        }
        return switch (decode) {
            case BINARY -> {
                if (!(rank == 1 || (rank == 2 && (last == 1 || last < 0)))) {
                    throw new ConfigException("prediction.decode is binary, but model output '" + name + "' of " + model
                            + " has shape " + Arrays.toString(shape) + ", not one score per sample ([N] or [N, 1])");
                }
                boolean sigmoid = fromSigmoid(spec, layers);
                double t = settings.cut().orElse(sigmoid ? 0.5 : 0.0);
                String why = (settings.cut().isPresent() ? "prediction.threshold " + t
                        : sigmoid ? "one unit per sample, after a Sigmoid"
                                : "one unit per sample, not after a Sigmoid: a logit");
                yield new OutputDecoder(model, name, Prediction.Decode.BINARY, 2, t, why);
            }
            case ARGMAX -> {
                refuseThreshold(settings, model, name, shape);
                if (rank != 2) {
                    throw new ConfigException("prediction.decode is argmax, but model output '" + name + "' of " + model
                            + " has shape " + Arrays.toString(shape) + "; argmax needs [N, K]. "
                            + (rank > 2 ? "Use prediction.decode: pooled if its last axis holds the classes" : ""));
                }
                if (last == 1) {
                    throw new ConfigException("prediction.decode is argmax, but model output '" + name + "' of " + model
                            + " has one unit, so argmax always says class 0; use prediction.decode: binary (or auto)");
                }
                int k = last > 0 ? Math.toIntExact(last) : fromLabels(model, name, labels);
                yield new OutputDecoder(model, name, Prediction.Decode.ARGMAX, k, Double.NaN,
                        last > 0 ? "[N, " + k + "] output: argmax over " + k + " classes"
                                : "[N, K] output with a free class axis: K = largest label + 1 = " + k);
            }
            case POOLED -> {
                refuseThreshold(settings, model, name, shape);
                if (rank < 2 || last == 1) {
                    throw new ConfigException("prediction.decode is pooled, but model output '" + name + "' of " + model
                            + " has shape " + Arrays.toString(shape) + "; pooled needs [N, ..., K] with K >= 2 classes last");
                }
                int k = last > 0 ? Math.toIntExact(last) : fromLabels(model, name, labels);
                yield new OutputDecoder(model, name, Prediction.Decode.POOLED, k, Double.NaN,
                        "prediction.decode pooled: " + Arrays.toString(shape) + " averaged over its middle axes, "
                                + "argmax over the last (" + k + " classes)");
            }
            case AUTO -> throw new IllegalStateException("resolved above");
        };
    }

    private static void refuseThreshold(Prediction settings, Path model, String name, long[] shape)
            throws ConfigException {
        if (settings.cut().isPresent()) {
            throw new ConfigException("prediction.threshold " + settings.threshold() + " applies to binary heads only, but "
                    + "model output '" + name + "' of " + model + " has shape " + Arrays.toString(shape)
                    + " and is decoded by argmax; drop the threshold");
        }
    }

    private static String notPerSample(Path model, String name, long[] shape) {
        return "model output '" + name + "' of " + model + " has shape " + Arrays.toString(shape)
                + ", not one score vector per sample ([N, K], or [N] / [N, 1] for a binary head); Coact does not read "
                + "the class count from a per-step or per-pixel axis. Name another output with --set output=NAME, or "
                + "set prediction.decode: pooled if its last axis holds the classes";
    }

    private static int fromLabels(Path model, String name, long[] labels) throws DataException {
        long max = -1;
        for (long y : labels) {
            max = Math.max(max, y);
        }
        if (max < 0) {
            throw new DataException("cannot tell the number of classes of " + model + ": its output '" + name
                    + "' has a free class axis and the labels are empty or negative");
        }
        return Math.toIntExact(max + 1);
    }

    /** Whether the output is a Sigmoid's: the model-output layers of its shape are all Sigmoids. */
    private static boolean fromSigmoid(TensorSpec spec, List<LayerInfo> layers) {
        List<LayerInfo> outs = layers.stream().filter(l -> l.is(LayerRole.MODEL_OUTPUT)).toList();
        if (outs.isEmpty()) {
            return false;
        }
        List<LayerInfo> named = outs.stream().filter(l -> l.name().equals(spec.name())).toList();
        List<LayerInfo> candidates = !named.isEmpty() ? named
                : outs.stream().filter(l -> l.rank() == spec.shape().length).toList();
        return !candidates.isEmpty() && candidates.stream().allMatch(l -> l.opType().equalsIgnoreCase("Sigmoid"));
    }

    /** @return how predictions are decoded, for the report */
    public Decoding decoding() {
        return decoding;
    }

    /** @return K */
    public int classes() {
        return classes;
    }

    /**
     * Checks the shape the output actually has for a batch of {@code b} (the first sample's,
     * before any pass).
     *
     * @param out the output of one batch
     * @param b the batch size
     * @throws CoactException if it does not fit the decoding
     */
    public void check(FloatTensor out, int b) throws CoactException {
        long[] shape = out.shape();
        if (out.rank() == 0 || out.dim(0) != b) {
            throw new ModelException("model output '" + output + "' of " + model + " has shape " + Arrays.toString(shape)
                    + " for a batch of " + b + "; its first axis is not the batch axis");
        }
        int per = out.data().length / b;
        switch (kind) {
            case BINARY -> {
                if (per != 1) {
                    throw new ModelException("model output '" + output + "' of " + model + " gives " + per
                            + " values per sample (shape " + Arrays.toString(shape) + "), not the one score a binary head has");
                }
            }
            case ARGMAX -> {
                if (out.rank() != 2) {
                    throw new ModelException(notPerSample(model, output, shape));
                }
                if (out.dim(1) != classes) {
                    throw new DataException("model output '" + output + "' of " + model + " gives " + out.dim(1)
                            + " scores per sample, but the labels need " + classes + " classes (0.." + (classes - 1) + ")");
                }
            }
            case POOLED -> {
                if (out.rank() < 2 || out.dim(out.rank() - 1) != classes) {
                    throw new ModelException("model output '" + output + "' of " + model + " has shape "
                            + Arrays.toString(shape) + " but pooled decoding expected " + classes + " classes last");
                }
            }
            default -> throw new IllegalStateException(kind.toString());
        }
    }

    /**
     * @param out the output of one batch, checked by {@link #check}
     * @param b the batch size
     * @return the predicted class of each sample
     * @throws CoactException if the shape changed since the first sample
     */
    public int[] decode(FloatTensor out, int b) throws CoactException {
        check(out, b);
        float[] v = out.data();
        int[] pred = new int[b];
        switch (kind) {
            case BINARY -> {
                for (int i = 0; i < b; i++) {
                    pred[i] = v[i] > cut ? 1 : 0;
                }
            }
            case ARGMAX -> {
                int k = classes;
                for (int i = 0; i < b; i++) {
                    pred[i] = argmax(v, i * k, k);
                }
            }
            case POOLED -> {
                int k = classes;
                int per = v.length / b;
                int steps = per / k;
                double[] mean = new double[k];
                for (int i = 0; i < b; i++) {
                    Arrays.fill(mean, 0);
                    for (int t = 0; t < steps; t++) {
                        int base = i * per + t * k;
                        for (int c = 0; c < k; c++) {
                            mean[c] += v[base + c];
                        }
                    }
                    int best = 0;
                    for (int c = 1; c < k; c++) {
                        if (mean[c] > mean[best]) {
                            best = c;
                        }
                    }
                    pred[i] = best;
                }
            }
            default -> throw new IllegalStateException(kind.toString());
        }
        return pred;
    }

    private static int argmax(float[] v, int off, int k) {
        int best = 0;
        for (int c = 1; c < k; c++) {
            if (v[off + c] > v[off + best]) {
                best = c;
            }
        }
        return best;
    }
}
