package org.coact.plugin.dl4j;

import java.util.List;
import java.util.Map;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A loaded DL4J network, a {@code MultiLayerNetwork} or a {@code ComputationGraph}, seen as
 * named nodes in forward order. Engine calls only; callers wrap them in {@link Engine#call}.
 */
sealed interface Network permits SequentialNetwork, GraphNetwork {

    /**
     * One layer or vertex whose output can be extracted.
     *
     * @param name the DL4J layer or vertex name, or its index for an unnamed layer
     * @param opType the layer or vertex class, with its activation function, e.g. {@code DenseLayer(relu)}
     * @param activation the layer's activation function, {@code null} for layers without one
     * @param modelOutput whether the node's output is a network output
     */
    record Node(String name, String opType, IActivation activation, boolean modelOutput) {
    }

    /** @return the network input names, in the order {@link #forward} takes them */
    List<String> inputNames();

    /** @return the network output names */
    List<String> outputNames();

    /** @return the extractable nodes in forward order (network inputs excluded) */
    List<Node> nodes();

    /**
     * @return input types the configuration itself says or implies (a
     *     {@code FeedForwardToCnnPreProcessor}, a first dense layer's nIn), one per input, or
     *     {@code null} for an input it does not tell
     */
    List<InputType> declaredInputTypes();

    /**
     * @return the channel count and data format of each input that feeds a convolution directly,
     *     {@code null} for the others, to guess spatial sizes from
     */
    List<InputType> convolutionalInputTemplates();

    /**
     * @param inputs one type per input
     * @return each node's output type
     * @throws RuntimeException if the configuration rejects the types
     */
    Map<String, InputType> activationTypes(List<InputType> inputs);

    /**
     * @param inputs one type per input
     * @return whether the network stores at least one {@code CnnToFeedForwardPreProcessor} and
     *     each sees the height, width and channels it was configured with
     */
    boolean consistentWith(List<InputType> inputs);

    /**
     * Runs a batch (inference mode).
     *
     * @param inputs one array per input
     * @return every node's output by name (and the inputs)
     */
    Map<String, INDArray> forward(INDArray[] inputs);
}
