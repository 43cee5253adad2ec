package org.coact.plugin.dl4j;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.graph.GraphVertex;
import org.deeplearning4j.nn.conf.graph.LayerVertex;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.conf.preprocessor.CnnToFeedForwardPreProcessor;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.api.ndarray.INDArray;

/** A {@link ComputationGraph}: its vertices (layers, preprocessors, merges...) in topological order. */
final class GraphNetwork implements Network {

    private final ComputationGraph net;
    private final ComputationGraphConfiguration conf;
    private final List<Node> nodes;

    GraphNetwork(ComputationGraph net) {
        this.net = net;
        this.conf = net.getConfiguration();
        List<String> inputs = conf.getNetworkInputs();
        List<String> outputs = conf.getNetworkOutputs();
        List<Node> list = new ArrayList<>();
        for (String name : conf.getTopologicalOrderStr()) {
            if (inputs.contains(name)) {
                continue;
            }
            GraphVertex v = conf.getVertices().get(name);
            Layer layer = v instanceof LayerVertex lv ? lv.getLayerConf().getLayer() : null;
            String opType = layer != null ? LayerKinds.opType(layer) : v.getClass().getSimpleName();
            list.add(new Node(name, opType, layer != null ? LayerKinds.activation(layer) : null, outputs.contains(name)));
        }
        this.nodes = Collections.unmodifiableList(list);
        boolean wrapped = false;
        for (Map.Entry<String, GraphVertex> v : conf.getVertices().entrySet()) {
            if (v.getValue() instanceof LayerVertex lv) {
                wrapped |= NotInPlace.wrap(lv.getLayerConf().getLayer());
                org.deeplearning4j.nn.api.Layer layer = net.getLayer(v.getKey());
                if (layer != null) {
                    wrapped |= NotInPlace.wrap(layer.conf().getLayer());
                }
            }
        }
        if (wrapped) {
            conf.setInferenceWorkspaceMode(org.deeplearning4j.nn.conf.WorkspaceMode.NONE);
        }
    }

    @Override
    public List<String> inputNames() {
        return List.copyOf(conf.getNetworkInputs());
    }

    @Override
    public List<String> outputNames() {
        return List.copyOf(conf.getNetworkOutputs());
    }

    @Override
    public List<Node> nodes() {
        return nodes;
    }

    @Override
    public List<InputType> declaredInputTypes() {
        List<InputType> out = new ArrayList<>();
        for (String input : conf.getNetworkInputs()) {
            LayerVertex first = firstConsumer(input);
            out.add(first == null ? null : LayerKinds.declaredInput(first.getLayerConf().getLayer(), first.getPreProcessor()));
        }
        return out;
    }

    @Override
    public List<InputType> convolutionalInputTemplates() {
        List<InputType> out = new ArrayList<>();
        for (String input : conf.getNetworkInputs()) {
            LayerVertex first = firstConsumer(input);
            out.add(first == null || first.getPreProcessor() != null ? null
                    : LayerKinds.convolutionTemplate(first.getLayerConf().getLayer()));
        }
        return out;
    }

    /** @return the first layer vertex (in topological order) that reads the input directly */
    private LayerVertex firstConsumer(String input) {
        for (String name : conf.getTopologicalOrderStr()) {
            List<String> in = conf.getVertexInputs().get(name);
            if (in != null && in.contains(input)) {
                return conf.getVertices().get(name) instanceof LayerVertex lv ? lv : null;
            }
        }
        return null;
    }

    @Override
    public Map<String, InputType> activationTypes(List<InputType> inputs) {
        // on a copy: type propagation may add missing preprocessors to the configuration it runs on
        return conf.clone().getLayerActivationTypes(true, false, inputs.toArray(new InputType[0]));
    }

    @Override
    public boolean consistentWith(List<InputType> inputs) {
        Map<String, InputType> types = activationTypes(inputs);
        int checked = 0;
        for (Map.Entry<String, GraphVertex> e : conf.getVertices().entrySet()) {
            if (e.getValue() instanceof LayerVertex lv && lv.getPreProcessor() instanceof CnnToFeedForwardPreProcessor p) {
                String from = conf.getVertexInputs().get(e.getKey()).get(0);
                int input = conf.getNetworkInputs().indexOf(from);
                if (!LayerKinds.matches(input >= 0 ? inputs.get(input) : types.get(from), p)) {
                    return false;
                }
                checked++;
            }
        }
        return checked > 0;
    }

    @Override
    public Map<String, INDArray> forward(INDArray[] inputs) {
        return net.feedForward(inputs, false);
    }
}
