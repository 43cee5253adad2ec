package org.coact.api;

import java.util.Arrays;

/**
 * A dense float32 tensor in row-major (C) order. Used for model inputs, outputs and layer
 * activations. The first axis is the batch axis wherever a batch is meant.
 *
 * @param shape dimensions, all non-negative
 * @param data values, {@code product(shape)} of them, row-major
 */
public record FloatTensor(long[] shape, float[] data) {

    /** Validates that the data length matches the shape. */
    public FloatTensor {
        if (shape == null || data == null) {
            throw new IllegalArgumentException("shape and data are required");
        }
        long size = 1;
        for (long d : shape) {
            if (d < 0) {
                throw new IllegalArgumentException("negative dimension in shape " + Arrays.toString(shape));
            }
            size = Math.multiplyExact(size, d);
        }
        if (size != data.length) {
            throw new IllegalArgumentException("shape " + Arrays.toString(shape) + " needs " + size
                    + " values but data has " + data.length);
        }
        shape = shape.clone();
    }

    /** @return a copy of the shape */
    @Override
    public long[] shape() {
        return shape.clone();
    }

    /**
     * The values, not copied: tensors are large and this is the hot path. Callers must not
     * modify the array.
     *
     * @return the row-major values
     */
    @Override
    public float[] data() {
        return data;
    }

    /** @return the number of axes */
    public int rank() {
        return shape.length;
    }

    /**
     * @param axis an axis index
     * @return the size of that axis
     */
    public long dim(int axis) {
        return shape[axis];
    }

    /** @return the size of the first (batch) axis, 0 for a scalar */
    public int batchSize() {
        return shape.length == 0 ? 0 : (int) shape[0];
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof FloatTensor t && Arrays.equals(shape, t.shape) && Arrays.equals(data, t.data);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(shape) + Arrays.hashCode(data);
    }

    @Override
    public String toString() {
        return "FloatTensor" + Arrays.toString(shape);
    }
}
