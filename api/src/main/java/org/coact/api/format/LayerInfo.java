package org.coact.api.format;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;

/**
 * One layer of a model whose output Coact can extract.
 *
 * @param name the name users select it by (unique within the model)
 * @param opType the op or module type ({@code Relu}, {@code Gemm}, {@code Gelu}...)
 * @param outputShape output dimensions, batch axis first, {@code -1} where dynamic or unknown
 * @param channelAxis for rank-4 outputs the channel axis (1 = NCHW, 3 = NHWC); for rank 3 the
 *     feature axis (2); {@code -1} for rank 2 or when not applicable
 * @param roles what the layer is (activation, model output, composite)
 */
public record LayerInfo(String name, String opType, long[] outputShape, int channelAxis, Set<LayerRole> roles) {

    /** Validates and copies. */
    public LayerInfo {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(opType, "opType");
        outputShape = Objects.requireNonNull(outputShape, "outputShape").clone();
        roles = roles == null || roles.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(roles));
        if (outputShape.length == 4 && channelAxis != 1 && channelAxis != 3) {
            throw new IllegalArgumentException("layer " + name + ": rank-4 output needs channel axis 1 or 3, got " + channelAxis);
        }
    }

    /** @return a copy of the output shape */
    @Override
    public long[] outputShape() {
        return outputShape.clone();
    }

    /** @return the output rank (including the batch axis) */
    public int rank() {
        return outputShape.length;
    }

    /** @return whether this layer has the given role */
    public boolean is(LayerRole role) {
        return roles.contains(role);
    }

    /**
     * Number of neurons this layer contributes (METHOD.md section 2): features for rank 2 and
     * rank 3, channels for rank 4.
     *
     * @return the neuron count, or {@code -1} when the shape does not say
     */
    public long neurons() {
        return switch (outputShape.length) {
            case 2 -> outputShape[1];
            case 3 -> outputShape[2];
            case 4 -> outputShape[channelAxis];
            default -> -1;
        };
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof LayerInfo l && name.equals(l.name) && opType.equals(l.opType)
                && Arrays.equals(outputShape, l.outputShape) && channelAxis == l.channelAxis && roles.equals(l.roles);
    }

    @Override
    public int hashCode() {
        return Objects.hash(name, opType, Arrays.hashCode(outputShape), channelAxis, roles);
    }

    @Override
    public String toString() {
        return name + " (" + opType + ") " + Arrays.toString(outputShape);
    }
}
