package org.coact.api.format;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.coact.api.DataException;
import org.coact.api.FloatTensor;

/** Checks a batch fed to {@link Extractor#run} against the model's inputs, for plugins. */
public final class Inputs {

    private Inputs() {
    }

    /**
     * Checks that every model input is fed and nothing else is, that each tensor's shape fits
     * the input's (a {@code -1} dimension fits anything; an input declared {@code [-1]} is of
     * unknown rank and takes any non-scalar; an input declared {@code []} takes a scalar), and
     * that the inputs that carry the batch agree on its size. An input carries the batch when
     * its first axis is declared free ({@code -1}) or, if no input has a free first axis, when
     * it is not a scalar. Inputs that do not carry it (a scalar such as a sample rate, a state
     * {@code [2, N, 64]} whose batch axis is the second) are fed whole with every batch.
     *
     * @param model the model's name, for messages
     * @param inputs the model's inputs
     * @param feed input name to tensor
     * @return the batch size, at least 1
     * @throws DataException naming the model, the input and both shapes
     */
    public static int checkFeed(String model, List<TensorSpec> inputs, Map<String, FloatTensor> feed)
            throws DataException {
        List<String> names = inputs.stream().map(TensorSpec::name).toList();
        for (String given : feed.keySet()) {
            if (!names.contains(given)) {
                throw new DataException("model " + model + " has no input '" + given + "'; its inputs are " + names);
            }
        }
        int batch = -1;
        boolean anyFree = inputs.stream().anyMatch(TensorSpec::dynamicBatch);
        for (TensorSpec spec : inputs) {
            FloatTensor t = feed.get(spec.name());
            if (t == null) {
                throw new DataException("input '" + spec.name() + "' of " + model + " is missing; the model takes inputs "
                        + names);
            }
            if (!fits(spec.shape(), t.shape())) {
                throw new DataException("input '" + spec.name() + "' of " + model + " expects shape "
                        + Arrays.toString(spec.shape()) + " but the data has " + Arrays.toString(t.shape()));
            }
            if (!carriesBatch(spec, anyFree)) {
                continue;
            }
            if (batch >= 0 && t.batchSize() != batch) {
                throw new DataException("inputs of " + model + " disagree on the batch size: '" + spec.name() + "' has "
                        + t.batchSize() + ", others " + batch);
            }
            batch = t.batchSize();
        }
        if (batch <= 0) {
            throw new DataException("empty batch for " + model);
        }
        return batch;
    }

    /**
     * @param spec a model input
     * @param anyFree whether some input of the model has a free first axis
     * @return whether the input's first axis is the batch axis (see {@link #checkFeed})
     */
    public static boolean carriesBatch(TensorSpec spec, boolean anyFree) {
        return anyFree ? spec.dynamicBatch() : spec.shape().length > 0;
    }

    /**
     * The shape a tensor for this input has in a batch of {@code batch} samples: the batch on
     * the first axis of an input that carries it, on every free axis of one that does not (a
     * state {@code [2, -1, 64]}), a scalar stays a scalar.
     *
     * @param spec a model input
     * @param batch the batch size
     * @param anyFree whether some input of the model has a free first axis
     * @return the shape, or empty if another axis is free (its size is the data's to say)
     */
    public static java.util.Optional<long[]> batchShape(TensorSpec spec, int batch, boolean anyFree) {
        long[] shape = spec.shape();
        if (shape.length == 1 && shape[0] < 0 && !anyFree) {
            return java.util.Optional.empty(); // unknown rank
        }
        boolean carries = carriesBatch(spec, anyFree);
        for (int i = 0; i < shape.length; i++) {
            if (carries && i == 0) {
                shape[0] = batch;
            } else if (shape[i] < 0) {
                if (carries) {
                    return java.util.Optional.empty();
                }
                shape[i] = batch;
            }
        }
        return java.util.Optional.of(shape);
    }

    private static boolean fits(long[] want, long[] given) {
        if (want.length == 0 || given.length == 0) {
            return want.length == 0 && given.length == 0;
        }
        if (want.length == 1 && want[0] < 0) {
            return true;
        }
        if (want.length != given.length) {
            return false;
        }
        for (int i = 0; i < want.length; i++) {
            if (want[i] >= 0 && want[i] != given[i]) {
                return false;
            }
        }
        return true;
    }
}
