package org.coact.plugin.dl4j;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.deeplearning4j.nn.conf.InputPreProcessor;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.conf.preprocessor.CnnToFeedForwardPreProcessor;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A {@link MultiLayerNetwork}: one input ({@code input}), one output (the last layer), layers
 * named by their layer name. DL4J itself names unnamed layers by index ({@code layer0},
 * {@code layer1}...) when it builds the configuration; a layer still without a name (or whose
 * name repeats) is named by its bare index.
 */
final class SequentialNetwork implements Network {

    /** The name of the single input. */
    static final String INPUT = "input";

    private final MultiLayerNetwork net;
    private final MultiLayerConfiguration conf;
    private final List<Node> nodes;

    SequentialNetwork(MultiLayerNetwork net) {
        this.net = net;
        this.conf = net.getLayerWiseConfigurations();
        int n = conf.getConfs().size();
        List<Node> list = new ArrayList<>(n);
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < n; i++) {
            Layer layer = conf.getConf(i).getLayer();
            String name = layer.getLayerName();
            if (name == null || name.isBlank() || !seen.add(name)) {
                name = String.valueOf(i);
                seen.add(name);
            }
            list.add(new Node(name, LayerKinds.opType(layer), LayerKinds.activation(layer), i == n - 1));
        }
        this.nodes = Collections.unmodifiableList(list);
        boolean wrapped = false;
        for (int i = 0; i < n; i++) {
            wrapped |= NotInPlace.wrap(conf.getConf(i).getLayer());
            if (i < net.getnLayers()) {
                wrapped |= NotInPlace.wrap(net.getLayer(i).conf().getLayer());
            }
        }
        if (wrapped) {
            conf.setInferenceWorkspaceMode(org.deeplearning4j.nn.conf.WorkspaceMode.NONE);
        }
    }

    @Override
    public List<String> inputNames() {
        return List.of(INPUT);
    }

    @Override
    public List<String> outputNames() {
        return List.of(nodes.get(nodes.size() - 1).name());
    }

    @Override
    public List<Node> nodes() {
        return nodes;
    }

    @Override
    public List<InputType> declaredInputTypes() {
        return Collections.singletonList(LayerKinds.declaredInput(conf.getConf(0).getLayer(), conf.getInputPreProcess(0)));
    }

    @Override
    public List<InputType> convolutionalInputTemplates() {
        return Collections.singletonList(
                conf.getInputPreProcess(0) == null ? LayerKinds.convolutionTemplate(conf.getConf(0).getLayer()) : null);
    }

    @Override
    public Map<String, InputType> activationTypes(List<InputType> inputs) {
        List<InputType> types = conf.clone().getLayerActivationTypes(inputs.get(0));
        Map<String, InputType> out = new LinkedHashMap<>();
        for (int i = 0; i < nodes.size(); i++) {
            out.put(nodes.get(i).name(), types.get(i));
        }
        return out;
    }

    @Override
    public boolean consistentWith(List<InputType> inputs) {
        List<InputType> types = conf.clone().getLayerActivationTypes(inputs.get(0));
        int checked = 0;
        for (int i = 0; i < nodes.size(); i++) {
            InputPreProcessor pre = conf.getInputPreProcess(i);
            if (pre instanceof CnnToFeedForwardPreProcessor p) {
                if (!LayerKinds.matches(i == 0 ? inputs.get(0) : types.get(i - 1), p)) {
                    return false;
                }
                checked++;
            }
        }
        return checked > 0;
    }

    @Override
    public Map<String, INDArray> forward(INDArray[] inputs) {
        List<INDArray> acts = net.feedForward(inputs[0], false);
        Map<String, INDArray> out = new LinkedHashMap<>();
        out.put(INPUT, acts.get(0));
        for (int i = 0; i < nodes.size(); i++) {
            out.put(nodes.get(i).name(), acts.get(i + 1));
        }
        return out;
    }
}
