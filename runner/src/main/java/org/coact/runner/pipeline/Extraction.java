package org.coact.runner.pipeline;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.coact.api.CoactException;
import org.coact.api.DataException;
import org.coact.api.FloatTensor;
import org.coact.api.ModelException;
import org.coact.api.format.BatchResult;
import org.coact.api.format.ExtractionRequest;
import org.coact.api.format.Extractor;
import org.coact.api.format.LayerInfo;
import org.coact.api.format.ModelHandle;
import org.coact.api.format.TensorSpec;
import org.coact.runner.analysis.CoactivationStats;
import org.coact.runner.analysis.LayerShape;
import org.coact.runner.analysis.NeuronReduction;
import org.coact.runner.analysis.Threshold;
import org.coact.runner.data.BatchCursor;
import org.coact.runner.data.Dataset;

/**
 * The streaming pass (METHOD.md 4): batches from the dataset through the model, each layer's
 * output reduced to neuron values and folded into {@link CoactivationStats}. Only the counts
 * survive a batch.
 */
final class Extraction {

    private final Path modelPath;
    private final ModelHandle model;
    private final List<LayerInfo> layers;
    private final TensorSpec output;
    private final NeuronReduction reduction;
    private final Threshold threshold;
    private final int classes;

    Extraction(Path modelPath, ModelHandle model, List<LayerInfo> layers, TensorSpec output, NeuronReduction reduction,
            Threshold threshold, int classes) {
        this.modelPath = modelPath;
        this.model = model;
        this.layers = List.copyOf(layers);
        this.output = output;
        this.reduction = reduction;
        this.threshold = threshold;
        this.classes = classes;
    }

    /**
     * Runs the pass.
     *
     * @param data the dataset
     * @param labels its labels, validated
     * @param batchSize samples per forward pass
     * @param progress progress sink
     * @return the counts
     */
    CoactivationStats run(Dataset data, long[] labels, int batchSize, ProgressListener progress) throws CoactException {
        List<TensorSpec> inputs = model.describe().inputs();
        Map<String, String> binding = Dataset.bindInputs(inputs, data);
        Map<String, long[]> targets = new LinkedHashMap<>();
        for (TensorSpec in : inputs) {
            long[] shape = in.shape();
            if (shape.length > 1 && Arrays.stream(shape, 1, shape.length).allMatch(d -> d >= 0)) {
                targets.put(in.name(), Arrays.copyOfRange(shape, 1, shape.length));
            }
        }
        List<String> names = layers.stream().map(LayerInfo::name).toList();
        CoactivationStats stats = null;
        progress.start("Extracting", data.size());
        try (Extractor extractor = model.extractor(new ExtractionRequest(names, output.name()));
                BatchCursor cursor = data.batches(batchSize, binding, targets)) {
            int offset = 0;
            while (cursor.hasNext()) {
                Map<String, FloatTensor> batch = cursor.next();
                int b = batch.values().iterator().next().batchSize();
                BatchResult result = extractor.run(batch);
                int[] predictions = argmax(result.output(), b);
                List<double[]> reduced = new ArrayList<>(layers.size());
                List<LayerShape> shapes = new ArrayList<>(layers.size());
                for (LayerInfo layer : layers) {
                    FloatTensor act = result.activations().get(layer.name());
                    if (act == null || act.batchSize() != b) {
                        throw new ModelException("plugin returned no or a wrong-sized output for layer '" + layer.name()
                                + "' of " + modelPath);
                    }
                    double[] values = reduction.reduce(act, channelAxis(layer, act));
                    shapes.add(new LayerShape(layer.name(), b == 0 ? 0 : values.length / b));
                    reduced.add(values);
                }
                if (stats == null) {
                    stats = new CoactivationStats(shapes, classes);
                } else if (!shapes.equals(stats.layers())) {
                    throw new ModelException("layer sizes changed between batches in " + modelPath + ": " + shapes);
                }
                int[] y = new int[b];
                for (int i = 0; i < b; i++) {
                    y[i] = (int) labels[offset + i];
                }
                stats.accept(y, predictions, reduced, b, threshold);
                offset += b;
                progress.advance(b);
            }
        } finally {
            progress.finish();
        }
        if (stats == null) {
            throw new DataException("dataset " + data.dataFile() + " is empty");
        }
        return stats;
    }

    private static int channelAxis(LayerInfo layer, FloatTensor act) {
        if (act.rank() == 4) {
            return layer.channelAxis() == 3 ? 3 : 1;
        }
        return act.rank() == 3 ? 2 : -1;
    }

    private int[] argmax(FloatTensor out, int b) throws CoactException {
        if (out.rank() < 2 || out.batchSize() != b) {
            throw new ModelException("model output '" + output.name() + "' of " + modelPath + " has shape "
                    + Arrays.toString(out.shape()) + "; expected [batch, classes]");
        }
        int k = (int) out.dim(out.rank() - 1);
        if (k != classes || out.data().length != (long) b * k) {
            throw new DataException("model output '" + output.name() + "' of " + modelPath + " has " + k
                    + " classes per sample but the labels need " + classes);
        }
        float[] v = out.data();
        int[] pred = new int[b];
        for (int i = 0; i < b; i++) {
            int best = 0;
            for (int c = 1; c < k; c++) {
                if (v[i * k + c] > v[i * k + best]) {
                    best = c;
                }
            }
            pred[i] = best;
        }
        return pred;
    }
}
