package org.coact.plugin.dl4j;

import org.deeplearning4j.nn.conf.layers.ActivationLayer;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * An activation function applied to a copy of its input. In inference DL4J's
 * {@link ActivationLayer} hands its input array, which is the previous layer's output, to its
 * function, which overwrites it in place: the previous layer's activations as
 * {@code feedForward} returns them would silently be the activated values (a Dense layer with
 * identity activation followed by a ReLU ActivationLayer reported no negative value). Wrapping
 * the function keeps every layer's output its own, at the cost of one copy per ActivationLayer.
 */
final class NotInPlace implements IActivation {

    private static final long serialVersionUID = 1L;

    private final IActivation function;

    private NotInPlace(IActivation function) {
        this.function = function;
    }

    /**
     * Wraps the function of an ActivationLayer's configuration, once.
     *
     * @param layer a layer configuration
     * @return whether the layer is an ActivationLayer (its network must then run inference
     *     without workspaces: DL4J checks that a layer's output lives in its activations
     *     workspace, and the copy does not)
     */
    static boolean wrap(org.deeplearning4j.nn.conf.layers.Layer layer) {
        if (!(layer instanceof ActivationLayer a) || a.getActivationFn() == null) {
            return false;
        }
        if (!(a.getActivationFn() instanceof NotInPlace)) {
            a.setActivationFn(new NotInPlace(a.getActivationFn()));
        }
        return true;
    }

    @Override
    public INDArray getActivation(INDArray in, boolean training) {
        return function.getActivation(copy(in), training);
    }

    @Override
    public Pair<INDArray, INDArray> backprop(INDArray in, INDArray epsilon) {
        return function.backprop(copy(in), epsilon);
    }

    /**
     * A copy of the input. The networks that hold a wrapped function run inference without
     * workspaces ({@link #wrap} callers switch them off), so the copy may live anywhere.
     */
    private static INDArray copy(INDArray in) {
        return in.dup();
    }

    @Override
    public int numParams(int inputSize) {
        return function.numParams(inputSize);
    }

    @Override
    public String toString() {
        return function.toString();
    }
}
