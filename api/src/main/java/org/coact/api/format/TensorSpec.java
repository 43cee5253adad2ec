package org.coact.api.format;

import java.util.Arrays;
import java.util.Objects;

/**
 * Name, type and shape of a model input or output.
 *
 * @param name the name the model knows it by
 * @param dtype element type
 * @param shape dimensions; {@code -1} marks a dynamic (free) dimension
 */
public record TensorSpec(String name, DType dtype, long[] shape) {

    /** Validates and copies. */
    public TensorSpec {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(dtype, "dtype");
        shape = Objects.requireNonNull(shape, "shape").clone();
    }

    /** @return a copy of the shape */
    @Override
    public long[] shape() {
        return shape.clone();
    }

    /** @return whether the first axis is dynamic, i.e. the model accepts any batch size */
    public boolean dynamicBatch() {
        return shape.length > 0 && shape[0] < 0;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TensorSpec t && name.equals(t.name) && dtype == t.dtype && Arrays.equals(shape, t.shape);
    }

    @Override
    public int hashCode() {
        return Objects.hash(name, dtype, Arrays.hashCode(shape));
    }

    @Override
    public String toString() {
        return name + ":" + dtype + Arrays.toString(shape);
    }
}
