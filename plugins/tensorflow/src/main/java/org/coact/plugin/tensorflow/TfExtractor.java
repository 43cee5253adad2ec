package org.coact.plugin.tensorflow;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import org.coact.api.CoactException;
import org.coact.api.DataException;
import org.coact.api.FloatTensor;
import org.coact.api.format.BatchResult;
import org.coact.api.format.DType;
import org.coact.api.format.Extractor;
import org.coact.api.format.Inputs;
import org.coact.api.format.TensorSpec;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.Tensor;
import org.tensorflow.proto.DataType;

/**
 * Runs batches through a TensorFlow session: feeds the signature's inputs, fetches the requested
 * layers' tensors and the prediction output in one run. Inputs are checked against the
 * signature's shapes and types first. Not thread-safe.
 */
final class TfExtractor implements Extractor {

    private final TfModelHandle handle;
    private final Session session;
    private final List<TensorSpec> inputs;
    private final Map<String, DataType> inputTypes;
    private final Map<String, String> feeds;
    private final Map<String, String> layers;
    private final String output;
    private final List<String> fetch;
    private boolean closed;

    TfExtractor(TfModelHandle handle, Session session, List<TensorSpec> inputs, Map<String, DataType> inputTypes,
            Map<String, String> feeds, Map<String, String> layers, String output) {
        this.handle = handle;
        this.session = session;
        this.inputs = List.copyOf(inputs);
        this.inputTypes = Map.copyOf(inputTypes);
        this.feeds = new LinkedHashMap<>(feeds);
        this.layers = new LinkedHashMap<>(layers);
        this.output = output;
        LinkedHashSet<String> f = new LinkedHashSet<>(layers.values());
        f.add(output);
        this.fetch = List.copyOf(f);
    }

    @Override
    public BatchResult run(Map<String, FloatTensor> feed) throws CoactException {
        if (closed) {
            throw new IllegalStateException("extractor for " + handle.modelName() + " is closed");
        }
        int batch = checkInputs(feed);
        List<Tensor> fed = new ArrayList<>();
        try {
            Session.Runner runner = session.runner();
            for (TensorSpec spec : inputs) {
                Tensor t = Tensors.toTf(feed.get(spec.name()), inputTypes.get(spec.name()));
                fed.add(t);
                runner.feed(feeds.get(spec.name()), t);
            }
            fetch.forEach(runner::fetch);
            Map<String, FloatTensor> values = new LinkedHashMap<>();
            try (Result r = runner.run()) {
                for (int i = 0; i < fetch.size(); i++) {
                    values.put(fetch.get(i), Tensors.toFloat(r.get(i), fetch.get(i)));
                }
            }
            Map<String, FloatTensor> activations = new LinkedHashMap<>();
            for (Map.Entry<String, String> e : layers.entrySet()) {
                FloatTensor t = values.get(e.getValue());
                activations.put(e.getKey(), t);
            }
            return new BatchResult(values.get(output), activations);
        } catch (RuntimeException e) {
            throw new CoactException("TensorFlow failed on " + handle.modelName() + ": "
                    + SavedModelDir.firstLine(e.getMessage()), e);
        } finally {
            fed.forEach(Tensor::close);
        }
    }

    /** Checks names, batch sizes, shapes and dtypes; returns the batch size. */
    private int checkInputs(Map<String, FloatTensor> feed) throws DataException {
        for (TensorSpec spec : inputs) {
            if (spec.dtype() != DType.FLOAT32 && spec.dtype() != DType.FLOAT64) {
                throw new DataException("input '" + spec.name() + "' of " + handle.modelName() + " has element type "
                        + inputTypes.get(spec.name()) + "; only float32 and float64 inputs can be fed");
            }
        }
        return Inputs.checkFeed(handle.modelName(), inputs, feed);
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        handle.forget(this);
    }
}
