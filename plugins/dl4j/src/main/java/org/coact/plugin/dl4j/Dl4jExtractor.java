package org.coact.plugin.dl4j;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.coact.api.CoactException;
import org.coact.api.DataException;
import org.coact.api.FloatTensor;
import org.coact.api.format.BatchResult;
import org.coact.api.format.Extractor;
import org.coact.api.format.Inputs;
import org.coact.api.format.TensorSpec;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Runs batches through a DL4J network with {@code feedForward} in inference mode and returns the
 * requested layers' outputs, which DL4J computes anyway. Inputs are fed by name and checked
 * against the declared input shapes first, so a wrong shape is a one-line {@link DataException}
 * rather than a DL4J stack trace. Not thread-safe.
 */
final class Dl4jExtractor implements Extractor {

    private final Dl4jModelHandle handle;
    private final List<TensorSpec> inputs;
    private final List<String> layers;
    private final String output;
    private boolean closed;

    Dl4jExtractor(Dl4jModelHandle handle, List<TensorSpec> inputs, List<String> layers, String output) {
        this.handle = handle;
        this.inputs = List.copyOf(inputs);
        this.layers = List.copyOf(layers);
        this.output = output;
    }

    @Override
    public BatchResult run(Map<String, FloatTensor> feed) throws CoactException {
        if (closed) {
            throw new IllegalStateException("extractor for " + handle.modelName() + " is closed");
        }
        int batch = checkInputs(feed);
        Map<String, INDArray> values;
        try {
            values = handle.forward(toNd4j(feed));
        } catch (IllegalStateException e) {
            throw e;
        } catch (Exception | LinkageError e) {
            throw new CoactException("Deeplearning4j failed on " + handle.modelName() + ": " + Engine.firstLine(e), e);
        }
        Map<String, FloatTensor> activations = new LinkedHashMap<>();
        for (String layer : layers) {
            activations.put(layer, checked(layer, values.get(layer), batch));
        }
        return new BatchResult(checked(output, values.get(output), batch), activations);
    }

    private INDArray[] toNd4j(Map<String, FloatTensor> feed) throws Exception {
        INDArray[] arrays = new INDArray[inputs.size()];
        Engine.call(() -> {
            for (int i = 0; i < arrays.length; i++) {
                arrays[i] = Tensors.toNd4j(feed.get(inputs.get(i).name()));
            }
            return null;
        });
        return arrays;
    }

    private FloatTensor checked(String name, INDArray value, int batch) throws CoactException {
        if (value == null) {
            throw new CoactException("Deeplearning4j returned no output for layer '" + name + "' of " + handle.modelName());
        }
        FloatTensor t;
        try {
            t = Engine.call(() -> Tensors.toFloat(value));
        } catch (Exception e) {
            throw new CoactException("cannot read the output of layer '" + name + "' of " + handle.modelName() + ": "
                    + Engine.firstLine(e), e);
        }
        return t;
    }

    /** Checks names, batch sizes and shapes; returns the batch size. */
    private int checkInputs(Map<String, FloatTensor> feed) throws DataException {
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
