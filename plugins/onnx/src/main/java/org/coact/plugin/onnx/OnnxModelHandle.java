package org.coact.plugin.onnx;

import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.coact.api.format.Names;
import org.coact.api.CoactException;
import org.coact.api.ConfigException;
import org.coact.api.FloatTensor;
import org.coact.api.format.DType;
import org.coact.api.format.ExtractionRequest;
import org.coact.api.format.Extractor;
import org.coact.api.format.LayerInfo;
import org.coact.api.format.ModelDescription;
import org.coact.api.format.ModelHandle;
import org.coact.api.format.TensorSpec;
import org.coact.plugin.onnx.LayerScanner.LayerDef;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An opened ONNX model. {@link #describe()} lists the layers found by {@link LayerScanner} with
 * the shapes ONNX Runtime infers for them (one session, created on first use, with every layer
 * output added as a graph output). Exports whose batch axis is fixed at 1 still accept any batch
 * size; {@link #batchMode()} says how. Thread-safe; the extractors it creates are not.
 */
public final class OnnxModelHandle implements ModelHandle {

    private static final Logger LOG = LoggerFactory.getLogger(OnnxModelHandle.class);

    private OnnxGraph graph;
    private final Sessions sessions;
    private final List<OnnxExtractor> extractors = new ArrayList<>();
    private ModelDescription description;
    private Map<String, String> layerValues;
    /** Recurrent layers (LSTM, GRU, RNN nodes) to their layout; their output is made batch-first. */
    private final Map<String, Integer> recurrent = new HashMap<>();
    /** Layers inside control-flow bodies, to where they are. */
    private final Map<String, String> subgraphLayers = new HashMap<>();
    private BatchMode batchMode;
    private boolean closed;

    OnnxModelHandle(OnnxGraph graph, Sessions sessions) {
        this.graph = graph;
        this.sessions = sessions;
    }

    /**
     * Folds every {@code If} whose condition is constant once the given scalar inputs are fixed
     * ({@link IfFolding}); inputs that are not scalars (shape {@code []} or all ones) are ignored.
     */
    @Override
    public synchronized String fixInputs(Map<String, Double> values) {
        checkOpen();
        Map<String, Double> scalars = new HashMap<>();
        Map<String, Double> shown = new java.util.TreeMap<>();
        for (TensorSpec in : graph.inputs()) {
            String name = graph.names().external(in.name());
            if (values.containsKey(name) && Arrays.stream(in.shape()).allMatch(d -> d == 1)) {
                scalars.put(in.name(), values.get(name));
                shown.put(name, values.get(name));
            }
        }
        if (scalars.isEmpty()) {
            return "";
        }
        IfFolding.Folded f = IfFolding.fold(graph, scalars);
        if (f.folded() == 0) {
            return "";
        }
        graph = graph.withModel(f.model());
        description = null;
        layerValues = null;
        batchMode = null;
        recurrent.clear();
        return "folded " + f.folded() + " If node" + (f.folded() == 1 ? "" : "s") + " with " + shown;
    }

    @Override
    public synchronized ModelDescription describe() {
        checkOpen();
        if (description == null) {
            buildDescription();
        }
        return description;
    }

    /**
     * How batches run: {@link BatchMode#DYNAMIC} for exports with a free batch axis; for exports
     * fixed at batch 1, {@link BatchMode#BATCHED} if an in-memory copy with a symbolic batch axis
     * gives batch-sized results for a probe batch of 2 zeros, else {@link BatchMode#PER_SAMPLE}.
     * Decided once and cached.
     *
     * @return the batch mode extractors of this model use
     */
    public synchronized BatchMode batchMode() {
        checkOpen();
        if (batchMode == null) {
            batchMode = graph.hasFixedBatch() ? probeBatching() : BatchMode.DYNAMIC;
            LOG.debug("onnx: {} runs in batch mode {}", graph.path(), batchMode);
        }
        return batchMode;
    }

    @Override
    public synchronized Extractor extractor(ExtractionRequest request) throws CoactException {
        ModelDescription d = describe();
        Map<String, String> wanted = new LinkedHashMap<>();
        for (String layer : request.layers()) {
            String value = layerValues.get(layer);
            if (value == null && subgraphLayers.containsKey(layer)) {
                throw new ConfigException("layer '" + layer + "' of " + graph.path() + " is inside the "
                        + subgraphLayers.get(layer) + ", whose values ONNX Runtime does not expose; fix the inputs "
                        + "the If's condition depends on (inputs: {NAME: VALUE} in the config, --set inputs.NAME=VALUE) "
                        + "so that Coact replaces the If by the branch taken, or select other layers");
            }
            if (value == null) {
                throw new ConfigException("unknown layer '" + layer + "' in " + graph.path() + "; run 'coact layers --model "
                        + graph.path() + "' to list them" + Names.didYouMean(layer, layerValues.keySet()));
            }
            wanted.put(layer, value);
        }
        String output = graph.names().internal(request.output());
        if (!graph.outputNames().contains(output)) {
            List<String> outputs = d.outputs().stream().map(TensorSpec::name).toList();
            throw new ConfigException("unknown output '" + request.output() + "' in " + graph.path() + "; its outputs are "
                    + outputs + Names.didYouMean(request.output(), outputs));
        }
        BatchMode mode = batchMode();
        Set<String> values = new LinkedHashSet<>(wanted.values());
        ModelProto model = mode == BatchMode.BATCHED ? graph.withSymbolicBatch(values) : graph.withOutputs(values);
        OrtSession session = sessions.openOrFail(model, "extraction");
        Map<String, Integer> layouts = new HashMap<>();
        for (String layer : request.layers()) {
            if (recurrent.containsKey(layer)) {
                layouts.put(wanted.get(layer), recurrent.get(layer));
            }
        }
        OnnxExtractor x = new OnnxExtractor(this, sessions.env(), session, mode, d.inputs(), wanted,
                request.output(), layouts, graph.names());
        extractors.add(x);
        return x;
    }

    /** Called by an extractor when it closes. */
    synchronized void forget(OnnxExtractor x) {
        extractors.remove(x);
    }

    /** @return the model file, for messages */
    String modelName() {
        return graph.path().toString();
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        for (OnnxExtractor x : new ArrayList<>(extractors)) {
            x.close();
        }
        extractors.clear();
        sessions.close();
    }

    private void checkOpen() {
        if (closed) {
            throw new IllegalStateException("model " + graph.path() + " is closed");
        }
    }

    private void buildDescription() {
        List<LayerDef> defs = new LayerScanner(graph).scan();
        Map<String, LayerShapes.Inferred> inferred = LayerShapes.infer(graph, sessions,
                defs.stream().filter(d -> d.subgraph() == null).map(LayerDef::output).toList());
        boolean fixedBatch = graph.hasFixedBatch();
        List<LayerInfo> layers = new ArrayList<>();
        Map<String, String> values = new HashMap<>();
        subgraphLayers.clear();
        for (LayerDef def : defs) {
            if (def.subgraph() != null) {
                layers.add(new LayerInfo(def.name(), def.opType(), new long[] {-1}, -1, def.roles()));
                subgraphLayers.put(def.name(), def.subgraph());
                continue;
            }
            LayerShapes.Inferred info = inferred.get(def.output());
            if (info != null ? !LayerShapes.FLOAT_TYPES.contains(info.type()) : !declaredFloatOrUnknown(def.output())) {
                continue;
            }
            long[] shape = info != null && info.shape().length > 0 ? info.shape()
                    : graph.declaredShape(def.output()).orElse(new long[] {-1});
            if (def.recurrentLayout() >= 0) {
                shape = Recurrent.shape(shape, def.recurrentLayout());
                recurrent.put(def.name(), def.recurrentLayout());
            }
            shape = fixedBatch ? freeBatch(shape) : shape;
            int channelAxis = shape.length == 4 ? 1 : shape.length == 3 ? 2 : -1;
            layers.add(new LayerInfo(def.name(), def.opType(), shape, channelAxis, def.roles()));
            values.put(def.name(), def.output());
        }
        ValueNames names = graph.names();
        List<TensorSpec> inputs = graph.inputs().stream().map(s -> new TensorSpec(names.external(s.name()), s.dtype(),
                fixedBatch ? freeBatch(s.shape()) : s.shape())).toList();
        List<TensorSpec> outputs = graph.outputs().stream().map(s -> new TensorSpec(names.external(s.name()), s.dtype(),
                fixedBatch ? freeBatch(s.shape()) : s.shape())).toList();
        this.layerValues = Collections.unmodifiableMap(values);
        this.description = new ModelDescription(inputs, outputs, layers);
    }

    private boolean declaredFloatOrUnknown(String value) {
        Optional<DType> t = graph.declaredType(value);
        return t.isEmpty() || t.get() == DType.FLOAT32 || t.get() == DType.FLOAT64 || t.get() == DType.FLOAT16;
    }

    private static long[] freeBatch(long[] shape) {
        long[] s = shape.clone();
        if (s.length > 1 && s[0] == 1) {
            s[0] = -1;
        }
        return s;
    }

    /** Tries the fixed-batch export with a symbolic batch axis on a batch of 2 zeros. */
    private BatchMode probeBatching() {
        describe();
        Set<String> values = new LinkedHashSet<>(layerValues.values());
        List<OnnxTensor> feeds = new ArrayList<>();
        try (OrtSession s = sessions.openQuietly(graph.withSymbolicBatch(values))) {
            Map<String, OnnxTensor> in = new HashMap<>();
            for (TensorSpec spec : graph.inputs()) {
                Optional<FloatTensor> zeros = LayerShapes.zeros(
                        new TensorSpec(spec.name(), spec.dtype(), freeBatch(spec.shape())), 2, true);
                if (zeros.isEmpty()) {
                    return BatchMode.PER_SAMPLE;
                }
                OnnxTensor t = Tensors.toOnnx(sessions.env(), zeros.get(), spec);
                feeds.add(t);
                in.put(spec.name(), t);
            }
            try (OrtSession.Result r = s.run(in)) {
                for (Map.Entry<String, ai.onnxruntime.OnnxValue> e : r) {
                    if (e.getValue() instanceof OnnxTensor t) {
                        long[] shape = t.getInfo().getShape();
                        if (shape.length == 0 || shape[0] != 2) {
                            LOG.debug("onnx: {} with a symbolic batch gives {} shape {} for a batch of 2", graph.path(),
                                    e.getKey(), Arrays.toString(shape));
                            return BatchMode.PER_SAMPLE;
                        }
                    }
                }
            }
            return BatchMode.BATCHED;
        } catch (OrtException | org.coact.api.DataException | RuntimeException e) {
            LOG.debug("onnx: {} fails with a symbolic batch ({})", graph.path(), OnnxGraph.firstSentence(e.getMessage()));
            return BatchMode.PER_SAMPLE;
        } finally {
            feeds.forEach(OnnxTensor::close);
        }
    }
}
