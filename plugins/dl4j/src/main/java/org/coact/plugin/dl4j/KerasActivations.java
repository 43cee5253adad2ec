package org.coact.plugin.dl4j;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.coact.api.ModelException;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.graph.GraphVertex;
import org.deeplearning4j.nn.conf.graph.LayerVertex;
import org.deeplearning4j.nn.conf.layers.ActivationLayer;
import org.deeplearning4j.nn.conf.layers.BaseLayer;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.shade.jackson.databind.JsonNode;
import org.nd4j.shade.jackson.databind.ObjectMapper;
import org.nd4j.shade.jackson.databind.node.ObjectNode;
import org.nd4j.shade.jackson.databind.node.TextNode;

/**
 * Keras activations that Deeplearning4j 1.0.0-M2.1's Keras import lacks, added around it. Before
 * the import, {@link #rewrite} edits the model config JSON in memory: a layer's {@code gelu} becomes
 * {@code linear} and is remembered, {@code silu} becomes {@code swish} (the same function,
 * {@code x sigmoid(x)}, which DL4J imports as its exact {@code ActivationSwish}), and an activation
 * given as an object ({@code {"class_name": "gelu", "config": {"approximate": true}}}, or Keras 3's
 * {@code {"class_name": "function", "config": "gelu"}}) becomes its name. After the import,
 * {@link Rewrite#attach} gives each remembered layer {@link ActivationKerasGELU}. Only the
 * {@code activation} of the model's own layers is handled (not wrapped layers' nor recurrent
 * activations); whatever is left unknown, DL4J rejects as before.
 */
final class KerasActivations {

    private static final String GELU = "gelu";
    private static final String LINEAR = "linear";

    private KerasActivations() {
    }

    /**
     * The edited config and the activations to put back.
     *
     * @param json the model config for DL4J (the input unchanged if nothing was edited)
     * @param activations Keras layer name to the activation it gets after the import
     */
    record Rewrite(String json, Map<String, IActivation> activations) {

        /**
         * Gives the remembered layers their activations (engine code).
         *
         * @param net the imported Sequential model
         * @throws ModelException if a remembered layer is missing or has no activation function
         */
        void attach(MultiLayerNetwork net) throws ModelException {
            Map<String, IActivation> left = new LinkedHashMap<>(activations);
            MultiLayerConfiguration conf = net.getLayerWiseConfigurations();
            for (int i = 0; i < conf.getConfs().size(); i++) {
                set(conf.getConf(i).getLayer(), left);
                if (i < net.getnLayers()) {
                    set(net.getLayer(i).conf().getLayer(), left);
                }
            }
            checkAllSet(left);
        }

        /**
         * Gives the remembered layers their activations (engine code).
         *
         * @param net the imported functional model
         * @throws ModelException if a remembered layer is missing or has no activation function
         */
        void attach(ComputationGraph net) throws ModelException {
            Map<String, IActivation> left = new LinkedHashMap<>(activations);
            for (Map.Entry<String, GraphVertex> v : net.getConfiguration().getVertices().entrySet()) {
                if (v.getValue() instanceof LayerVertex lv && activations.containsKey(v.getKey())) {
                    set(lv.getLayerConf().getLayer(), left);
                    org.deeplearning4j.nn.api.Layer layer = net.getLayer(v.getKey());
                    if (layer != null) {
                        set(layer.conf().getLayer(), left);
                    }
                }
            }
            checkAllSet(left);
        }

        private void set(Layer layer, Map<String, IActivation> left) throws ModelException {
            String name = layer.getLayerName();
            IActivation fn = name == null ? null : activations.get(name);
            if (fn == null) {
                return;
            }
            if (layer instanceof BaseLayer b) {
                b.setActivationFn(fn);
            } else if (layer instanceof ActivationLayer a) {
                a.setActivationFn(fn);
            } else {
                throw new ModelException("Keras layer '" + name + "' uses activation '" + fn + "', but Deeplearning4j "
                        + "imports it as a " + layer.getClass().getSimpleName() + ", which has no activation function");
            }
            left.remove(name);
        }

        private static void checkAllSet(Map<String, IActivation> left) throws ModelException {
            if (!left.isEmpty()) {
                Map.Entry<String, IActivation> e = left.entrySet().iterator().next();
                throw new ModelException("Keras layer '" + e.getKey() + "' uses activation '" + e.getValue()
                        + "', but Deeplearning4j's import has no layer of that name to give it to");
            }
        }
    }

    /**
     * Edits the activations DL4J lacks out of a model config.
     *
     * @param json the model config JSON as DL4J's builder holds it
     * @return the config to import and the activations to attach afterwards
     * @throws ModelException (without the file name) for an activation object DL4J cannot read
     *     and this class does not replace; the JSON was read by the caller before, so it parses
     */
    static Rewrite rewrite(String json) throws ModelException {
        JsonNode root;
        try {
            root = new ObjectMapper().readTree(json);
        } catch (java.io.IOException e) {
            return new Rewrite(json, Map.of());
        }
        Map<String, IActivation> attach = new LinkedHashMap<>();
        boolean edited = false;
        for (JsonNode layer : layers(root)) {
            if (!(layer.path("config") instanceof ObjectNode c) || !c.has("activation")) {
                continue;
            }
            String name = c.path("name").asText(layer.path("name").asText(""));
            String cls = layer.path("class_name").asText("");
            JsonNode act = c.get("activation");
            String fn;
            boolean approximate = false;
            if (act.isTextual()) {
                fn = act.asText();
            } else if (act.isObject()) {
                fn = act.path("class_name").asText("");
                JsonNode settings = act.path("config");
                if (fn.equals("function") && settings.isTextual()) {
                    fn = settings.asText();
                    settings = null;
                } else if (settings.isObject()) {
                    approximate = settings.path("approximate").asBoolean(false);
                }
                boolean plain = settings == null || settings.isMissingNode() || settings.isNull() || settings.isEmpty()
                        || (settings.size() == 1 && settings.has("name"));
                if (!plain && !fn.equals(GELU)) {
                    throw new ModelException("Keras layer '" + name + "' (" + cls + ") uses activation '" + fn
                            + "' with settings " + settings + ", which Deeplearning4j's Keras import does not support");
                }
            } else {
                continue;
            }
            String replacement = fn;
            if (fn.equals(GELU)) {
                attach.put(name, new ActivationKerasGELU(approximate));
                replacement = LINEAR;
            } else if (fn.equals("silu")) {
                replacement = "swish";
            }
            if (!act.isTextual() || !replacement.equals(fn)) {
                c.set("activation", TextNode.valueOf(replacement));
                edited = true;
            }
        }
        if (!edited) {
            return new Rewrite(json, Map.of());
        }
        try {
            return new Rewrite(new ObjectMapper().writeValueAsString(root), java.util.Collections.unmodifiableMap(attach));
        } catch (java.io.IOException e) {
            throw new IllegalStateException("cannot write an edited Keras model config", e);
        }
    }

    /** @return the layer objects of a Keras 2 model config ({@code config.layers}, or old Sequential's {@code config}) */
    private static List<JsonNode> layers(JsonNode root) {
        JsonNode c = root.path("config");
        JsonNode list = c.isArray() ? c : c.path("layers");
        java.util.ArrayList<JsonNode> out = new java.util.ArrayList<>();
        list.forEach(out::add);
        return out;
    }
}
