package org.coact.plugin.onnx;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OnnxValue;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.coact.api.CoactException;
import org.coact.api.FloatTensor;
import org.coact.api.format.BatchResult;
import org.coact.api.format.DType;
import org.coact.api.format.Extractor;
import org.coact.api.format.Inputs;
import org.coact.api.format.TensorSpec;

/**
 * Runs batches through one ONNX Runtime session whose graph has the requested layers' values
 * added as outputs. Inputs are fed by name and checked against the model's input shapes; in
 * {@link BatchMode#PER_SAMPLE} mode the batch runs one sample at a time and the results are
 * stacked. Not thread-safe.
 */
final class OnnxExtractor implements Extractor {

    private final OnnxModelHandle handle;
    private final OrtEnvironment env;
    private final OrtSession session;
    private final BatchMode mode;
    private final List<TensorSpec> inputs;
    private final Map<String, String> layerValues;
    private final Set<String> fetch;
    private final Map<String, Integer> recurrent;
    private final ValueNames names;
    private final String ortOutput;
    private boolean closed;

    /**
     * @param handle the model, told when this closes
     * @param env the environment
     * @param session the session, owned by this extractor from now on
     * @param mode how batches run
     * @param inputs the model inputs as Coact names them (the file's names), batch axis {@code -1}
     *     unless the model fixes it above 1
     * @param layerValues requested layer name to the value holding its output (internal name)
     * @param output the graph output used as the prediction (the file's name)
     * @param recurrent values that are a recurrent op's Y (internal names), to the op's layout
     *     (made batch-first)
     * @param names the model's value names, file to internal
     */
    OnnxExtractor(OnnxModelHandle handle, OrtEnvironment env, OrtSession session, BatchMode mode,
            List<TensorSpec> inputs, Map<String, String> layerValues, String output, Map<String, Integer> recurrent,
            ValueNames names) {
        this.handle = handle;
        this.env = env;
        this.session = session;
        this.mode = mode;
        this.inputs = List.copyOf(inputs);
        this.layerValues = new LinkedHashMap<>(layerValues);
        this.recurrent = Map.copyOf(recurrent);
        this.names = names;
        this.ortOutput = names.internal(output);
        this.fetch = new LinkedHashSet<>(layerValues.values());
        fetch.add(ortOutput);
    }

    /** @return how this extractor runs batches */
    BatchMode batchMode() {
        return mode;
    }

    @Override
    public BatchResult run(Map<String, FloatTensor> feed) throws CoactException {
        if (closed) {
            throw new IllegalStateException("extractor for " + handle.modelName() + " is closed");
        }
        int batch = Inputs.checkFeed(handle.modelName(), inputs, feed); // element types are checked per value
        Map<String, FloatTensor> values;
        if (mode == BatchMode.PER_SAMPLE) {
            values = runPerSample(feed, batch);
        } else {
            values = runOnce(feed);
        }
        Map<String, FloatTensor> activations = new LinkedHashMap<>();
        for (Map.Entry<String, String> e : layerValues.entrySet()) {
            FloatTensor t = values.get(e.getValue());
            activations.put(e.getKey(), t);
        }
        return new BatchResult(values.get(ortOutput), activations);
    }

    /**
     * Runs the samples one by one: inputs that carry the batch are sliced, the others (scalars,
     * state inputs) are fed whole to every sample.
     */
    private Map<String, FloatTensor> runPerSample(Map<String, FloatTensor> feed, int batch) throws CoactException {
        boolean anyFree = inputs.stream().anyMatch(TensorSpec::dynamicBatch);
        Map<String, List<FloatTensor>> parts = new HashMap<>();
        for (int i = 0; i < batch; i++) {
            Map<String, FloatTensor> one = new HashMap<>();
            for (TensorSpec spec : inputs) {
                FloatTensor t = feed.get(spec.name());
                one.put(spec.name(), Inputs.carriesBatch(spec, anyFree) ? Tensors.slice(t, i, i + 1) : t);
            }
            for (Map.Entry<String, FloatTensor> e : runOnce(one).entrySet()) {
                parts.computeIfAbsent(e.getKey(), k -> new ArrayList<>(batch)).add(e.getValue());
            }
        }
        Map<String, FloatTensor> stacked = new HashMap<>();
        for (Map.Entry<String, List<FloatTensor>> e : parts.entrySet()) {
            stacked.put(e.getKey(), Tensors.stack(e.getValue()));
        }
        return stacked;
    }

    /** One session run; every ONNX Runtime object is closed before returning. */
    private Map<String, FloatTensor> runOnce(Map<String, FloatTensor> feed) throws CoactException {
        Map<String, OnnxTensor> tensors = new HashMap<>();
        try {
            for (TensorSpec spec : inputs) {
                tensors.put(names.internal(spec.name()), Tensors.toOnnx(env, feed.get(spec.name()), spec));
            }
            try (OrtSession.Result r = session.run(tensors, fetch)) {
                Map<String, FloatTensor> out = new HashMap<>();
                for (String name : fetch) {
                    Optional<OnnxValue> v = r.get(name);
                    if (v.isEmpty()) {
                        throw new CoactException("ONNX Runtime returned no value '" + names.external(name) + "' for "
                                + handle.modelName());
                    }
                    FloatTensor t = Tensors.toFloat(v.get(), names.external(name));
                    Integer layout = recurrent.get(name);
                    out.put(name, layout == null ? t : Recurrent.batchFirst(t, layout));
                }
                return out;
            }
        } catch (OrtException e) {
            throw new CoactException("ONNX Runtime failed on " + handle.modelName() + ": "
                    + OnnxGraph.firstSentence(e.getMessage()), e);
        } finally {
            tensors.values().forEach(OnnxTensor::close);
        }
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            session.close();
        } catch (OrtException e) {
            // nothing useful to do: the session is gone either way
        }
        handle.forget(this);
    }
}
