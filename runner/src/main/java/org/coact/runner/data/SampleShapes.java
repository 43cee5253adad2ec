package org.coact.runner.data;

import java.util.Arrays;
import org.coact.api.DataException;

/** Matches an array's per-sample shape to the per-sample shape a model input wants. */
final class SampleShapes {
    private SampleShapes() {
    }

    /**
     * Resolves the shape to feed. Reshaping is free (row-major data) so only element
     * counts must agree: data {@code [N,784]} feeds {@code [1,28,28]}. One {@code -1} in the
     * target is inferred from the count; several are taken from the data when the ranks
     * agree.
     *
     * @param input the model input, for messages
     * @param array the data array
     * @param target the wanted per-sample shape, or {@code null} for the array's own
     * @return a per-sample shape without {@code -1}, with the array's element count
     * @throws DataException naming the array, its data shape and the expected shape
     */
    static long[] resolve(String input, ArrayRef array, long[] target) throws DataException {
        long[] own = array.header().sampleShape();
        if (target == null) {
            return own;
        }
        long[] shape = target.clone();
        long elements = array.header().sampleElements();
        int free = (int) Arrays.stream(shape).filter(d -> d < 0).count();
        if (free > 1 && shape.length == own.length) {
            for (int i = 0; i < shape.length; i++) {
                shape[i] = shape[i] < 0 ? own[i] : shape[i];
            }
        } else if (free == 1) {
            long known = Arrays.stream(shape).filter(d -> d >= 0).reduce(1, Math::multiplyExact);
            int at = indexOfNegative(shape);
            shape[at] = known > 0 && elements % known == 0 ? elements / known : -1;
        }
        long wanted = Arrays.stream(shape).allMatch(d -> d >= 0)
                ? Arrays.stream(shape).reduce(1, Math::multiplyExact) : -1;
        if (wanted != elements) {
            throw new DataException("array '" + array.name() + "' in " + array.file()
                    + " has data shape " + Arrays.toString(array.header().shape()) + " (" + elements
                    + " values per sample) but model input '" + input + "' expects per-sample shape "
                    + Arrays.toString(target) + (wanted >= 0 ? " (" + wanted + " values)" : ""));
        }
        return shape;
    }

    private static int indexOfNegative(long[] shape) {
        for (int i = 0; i < shape.length; i++) {
            if (shape[i] < 0) {
                return i;
            }
        }
        return -1;
    }
}
