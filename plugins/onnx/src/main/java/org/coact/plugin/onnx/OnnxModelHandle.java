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

    private final OnnxGraph graph;
    private final Sessions sessions;
    private final List<OnnxExtractor> extractors = new ArrayList<>();
    private ModelDescription description;
    private Map<String, String> layerValues;
    private BatchMode batchMode;
    private boolean closed;

    OnnxModelHandle(OnnxGraph graph, Sessions sessions) {
        this.graph = graph;
        this.sessions = sessions;
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
            if (value == null) {
                throw new ConfigException("unknown layer '" + layer + "' in " + graph.path() + "; run 'coact layers --model "
                        + graph.path() + "' to list them" + Names.didYouMean(layer, layerValues.keySet()));
            }
            wanted.put(layer, value);
        }
        if (!graph.outputNames().contains(request.output())) {
            throw new ConfigException("unknown output '" + request.output() + "' in " + graph.path() + "; its outputs are "
                    + graph.outputNames() + Names.didYouMean(request.output(), graph.outputNames()));
        }
        BatchMode mode = batchMode();
        Set<String> values = new LinkedHashSet<>(wanted.values());
        ModelProto model = mode == BatchMode.BATCHED ? graph.withSymbolicBatch(values) : graph.withOutputs(values);
        OrtSession session = sessions.openOrFail(model, "extraction");
        OnnxExtractor x = new OnnxExtractor(this, sessions.env(), session, mode, d.inputs(), wanted,
                request.output());
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
        Map<String, LayerShapes.Inferred> inferred =
                LayerShapes.infer(graph, sessions, defs.stream().map(LayerDef::output).toList());
        boolean fixedBatch = graph.hasFixedBatch();
        List<LayerInfo> layers = new ArrayList<>();
        Map<String, String> values = new HashMap<>();
        for (LayerDef def : defs) {
            LayerShapes.Inferred info = inferred.get(def.output());
            if (info != null ? !LayerShapes.FLOAT_TYPES.contains(info.type()) : !declaredFloatOrUnknown(def.output())) {
                continue;
            }
            long[] shape = info != null && info.shape().length > 0 ? info.shape()
                    : graph.declaredShape(def.output()).orElse(new long[] {-1});
            shape = fixedBatch ? freeBatch(shape) : shape;
            int channelAxis = shape.length == 4 ? 1 : shape.length == 3 ? 2 : -1;
            layers.add(new LayerInfo(def.name(), def.opType(), shape, channelAxis, def.roles()));
            values.put(def.name(), def.output());
        }
        List<TensorSpec> inputs = graph.inputs();
        List<TensorSpec> outputs = graph.outputs();
        if (fixedBatch) {
            inputs = inputs.stream().map(s -> new TensorSpec(s.name(), s.dtype(), freeBatch(s.shape()))).toList();
            outputs = outputs.stream().map(s -> new TensorSpec(s.name(), s.dtype(), freeBatch(s.shape()))).toList();
        }
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
                Optional<FloatTensor> zeros = LayerShapes.zeros(spec, 2);
                if (zeros.isEmpty()) {
                    return BatchMode.PER_SAMPLE;
                }
                OnnxTensor t = Tensors.toOnnx(sessions.env(), zeros.get(), spec.dtype());
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
        } catch (OrtException | RuntimeException e) {
            LOG.debug("onnx: {} fails with a symbolic batch ({})", graph.path(), OnnxGraph.firstSentence(e.getMessage()));
            return BatchMode.PER_SAMPLE;
        } finally {
            feeds.forEach(OnnxTensor::close);
        }
    }
}
