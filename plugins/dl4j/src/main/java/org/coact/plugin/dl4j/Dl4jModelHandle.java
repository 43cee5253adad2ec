package org.coact.plugin.dl4j;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.coact.api.format.Names;
import org.coact.api.CoactException;
import org.coact.api.ConfigException;
import org.coact.api.format.DType;
import org.coact.api.format.ExtractionRequest;
import org.coact.api.format.Extractor;
import org.coact.api.format.LayerInfo;
import org.coact.api.format.LayerRole;
import org.coact.api.format.ModelDescription;
import org.coact.api.format.ModelHandle;
import org.coact.api.format.TensorSpec;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * An opened DL4J network (from a ModelSerializer zip or a Keras import). Its layers are the
 * network's layers (or graph vertices) in forward order, with shapes from DL4J's own type
 * propagation; images keep DL4J's layout (NCHW, or NHWC where the layer says so, as Keras
 * channels_last imports do) and {@link LayerInfo#channelAxis()} says which. A layer is an
 * {@link LayerRole#ACTIVATION} when its activation function is one of METHOD.md's (DL4J fuses
 * the activation into dense and convolution layers). Thread-safe; extractors are not.
 */
final class Dl4jModelHandle implements ModelHandle {

    private final Path path;
    private final Network net;
    private final ModelDescription description;
    private final List<Dl4jExtractor> extractors = new ArrayList<>();
    private boolean closed;

    private Dl4jModelHandle(Path path, Network net, ModelDescription description) {
        this.path = path;
        this.net = net;
        this.description = description;
    }

    /**
     * Describes the network; engine code, call inside {@link Engine#call}.
     *
     * @param path the model file, for messages
     * @param net the loaded network
     * @param inputTypes one type per input, {@code null} where unknown
     * @return the handle
     */
    static Dl4jModelHandle create(Path path, Network net, List<InputType> inputTypes) {
        boolean known = inputTypes.stream().allMatch(t -> t != null);
        Map<String, InputType> types = Map.of();
        if (known) {
            try {
                types = net.activationTypes(inputTypes);
            } catch (RuntimeException e) {
                types = Map.of();
            }
        }
        List<TensorSpec> inputs = new ArrayList<>();
        for (int i = 0; i < inputTypes.size(); i++) {
            InputType t = inputTypes.get(i);
            inputs.add(new TensorSpec(net.inputNames().get(i), DType.FLOAT32,
                    t == null ? unknownInput(net, i) : LayerKinds.shape(t)));
        }
        List<LayerInfo> layers = new ArrayList<>();
        for (Network.Node node : net.nodes()) {
            InputType t = types.get(node.name());
            Set<LayerRole> roles = EnumSet.noneOf(LayerRole.class);
            if (LayerKinds.isActivationFunction(node.activation())) {
                roles.add(LayerRole.ACTIVATION);
            }
            if (node.modelOutput()) {
                roles.add(LayerRole.MODEL_OUTPUT);
            }
            layers.add(new LayerInfo(node.name(), node.opType(), t == null ? new long[] {-1} : LayerKinds.shape(t),
                    t == null ? -1 : LayerKinds.channelAxis(t), roles));
        }
        List<TensorSpec> outputs = new ArrayList<>();
        for (String out : net.outputNames()) {
            InputType t = types.get(out);
            outputs.add(new TensorSpec(out, DType.FLOAT32, t == null ? new long[] {-1, -1} : LayerKinds.shape(t)));
        }
        return new Dl4jModelHandle(path, net, new ModelDescription(inputs, outputs, layers));
    }

    private static long[] unknownInput(Network net, int input) {
        InputType template = net.convolutionalInputTemplates().get(input);
        if (template instanceof InputType.InputTypeConvolutional c) {
            return LayerKinds.channelAxis(c) == 1 ? new long[] {-1, c.getChannels(), -1, -1}
                    : new long[] {-1, -1, -1, c.getChannels()};
        }
        return new long[] {-1, -1};
    }

    @Override
    public synchronized ModelDescription describe() {
        checkOpen();
        return description;
    }

    @Override
    public synchronized Extractor extractor(ExtractionRequest request) throws CoactException {
        checkOpen();
        List<String> names = description.layers().stream().map(LayerInfo::name).toList();
        for (String layer : request.layers()) {
            if (!names.contains(layer)) {
                throw new ConfigException("unknown layer '" + layer + "' in " + path + "; run 'coact layers --model " + path
                        + "' to list them" + Names.didYouMean(layer, names));
            }
        }
        if (!net.outputNames().contains(request.output())) {
            throw new ConfigException("unknown output '" + request.output() + "' in " + path + "; its outputs are "
                    + net.outputNames() + Names.didYouMean(request.output(), net.outputNames()));
        }
        Dl4jExtractor x = new Dl4jExtractor(this, description.inputs(), request.layers(), request.output());
        extractors.add(x);
        return x;
    }

    /**
     * Runs one batch; serialised, as DL4J networks are not thread-safe.
     *
     * @param inputs one array per input, in input order
     * @return every node's output
     * @throws Exception whatever DL4J throws
     */
    synchronized Map<String, INDArray> forward(INDArray[] inputs) throws Exception {
        checkOpen();
        return Engine.call(() -> new LinkedHashMap<>(net.forward(inputs)));
    }

    /** Called by an extractor when it closes. */
    synchronized void forget(Dl4jExtractor x) {
        extractors.remove(x);
    }

    /** @return the model file, for messages */
    String modelName() {
        return path.toString();
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        for (Dl4jExtractor x : new ArrayList<>(extractors)) {
            x.close();
        }
        extractors.clear();
    }

    private void checkOpen() {
        if (closed) {
            throw new IllegalStateException("model " + path + " is closed");
        }
    }
}
