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
     * unknown rank and takes any non-scalar), and that all inputs have one batch size.
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

    private static boolean fits(long[] want, long[] given) {
        if (given.length == 0) {
            return false;
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
