package org.coact.plugin.dl4j;

import java.util.Set;
import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.conf.InputPreProcessor;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ActivationLayer;
import org.deeplearning4j.nn.conf.layers.BaseLayer;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.FeedForwardLayer;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.deeplearning4j.nn.conf.preprocessor.CnnToFeedForwardPreProcessor;
import org.deeplearning4j.nn.conf.preprocessor.FeedForwardToCnnPreProcessor;
import org.nd4j.linalg.activations.IActivation;

/** What a DL4J layer configuration says about itself: op type, activation function, input. */
final class LayerKinds {

    /**
     * ND4J activation classes that count as activation functions for {@code auto} (METHOD.md
     * section 1); identity, softmax and cube do not.
     */
    private static final Set<String> ACTIVATION_FUNCTIONS = Set.of("ActivationReLU", "ActivationReLU6",
            "ActivationLReLU", "ActivationRReLU", "ActivationPReLU", "ActivationThresholdedReLU", "ActivationELU",
            "ActivationSELU", "ActivationGELU", "ActivationSigmoid", "ActivationHardSigmoid", "ActivationTanH",
            "ActivationHardTanH", "ActivationRationalTanh", "ActivationRectifiedTanh", "ActivationSoftPlus",
            "ActivationSoftSign", "ActivationSwish", "ActivationMish", "ActivationKerasGELU");

    private LayerKinds() {
    }

    /** @return the layer's activation function, or {@code null} if it has none */
    static IActivation activation(Layer layer) {
        if (layer instanceof BaseLayer b) {
            return b.getActivationFn();
        }
        if (layer instanceof ActivationLayer a) {
            return a.getActivationFn();
        }
        return null;
    }

    /** @return whether the function is one of METHOD.md's activation functions */
    static boolean isActivationFunction(IActivation a) {
        return a != null && ACTIVATION_FUNCTIONS.contains(a.getClass().getSimpleName());
    }

    /** @return e.g. {@code DenseLayer(relu)}, {@code SubsamplingLayer} */
    static String opType(Layer layer) {
        IActivation a = activation(layer);
        return layer.getClass().getSimpleName() + (a == null ? "" : "(" + a + ")");
    }

    /**
     * @param first the layer that reads the input
     * @param pre its input preprocessor, if any
     * @return the input type the configuration states: flat images for a
     *     {@code FeedForwardToCnnPreProcessor}, {@code [nIn]} for a dense-like first layer; else {@code null}
     */
    static InputType declaredInput(Layer first, InputPreProcessor pre) {
        if (pre instanceof FeedForwardToCnnPreProcessor p) {
            return InputType.feedForward(p.getInputHeight() * p.getInputWidth() * p.getNumChannels());
        }
        if (pre == null && first instanceof FeedForwardLayer f && !isSpatial(first) && f.getNIn() > 0
                && first.getClass().getSimpleName().matches("DenseLayer|OutputLayer|EmbeddingLayer|AutoEncoder")) {
            return InputType.feedForward(f.getNIn());
        }
        return null;
    }

    /**
     * @param first the layer that reads the input
     * @return a 1x1 convolutional type with the layer's channel count and data format when it
     *     is a 2-d convolution or pooling layer, else {@code null}
     */
    static InputType convolutionTemplate(Layer first) {
        if (first instanceof ConvolutionLayer c && c.getNIn() > 0) {
            return InputType.convolutional(1, 1, c.getNIn(), format(c.getCnn2dDataFormat()));
        }
        return null;
    }

    private static boolean isSpatial(Layer l) {
        return l instanceof ConvolutionLayer || l instanceof SubsamplingLayer;
    }

    private static CNN2DFormat format(CNN2DFormat f) {
        return f == null ? CNN2DFormat.NCHW : f;
    }

    /** @return whether the type is an image of the height, width and channels the preprocessor expects */
    static boolean matches(InputType t, CnnToFeedForwardPreProcessor p) {
        return t instanceof InputType.InputTypeConvolutional c && c.getHeight() == p.getInputHeight()
                && c.getWidth() == p.getInputWidth() && c.getChannels() == p.getNumChannels();
    }

    /** @return a type's array shape with {@code -1} for the batch axis */
    static long[] shape(InputType t) {
        long[] s = t.getShape(true);
        s[0] = -1;
        return s;
    }

    /** @return 1 (NCHW) or 3 (NHWC) for images, 2 for rank 3, -1 otherwise */
    static int channelAxis(InputType t) {
        if (t instanceof InputType.InputTypeConvolutional c) {
            return c.getFormat() == CNN2DFormat.NHWC ? 3 : 1;
        }
        return t.getShape(true).length == 3 ? 2 : -1;
    }
}
