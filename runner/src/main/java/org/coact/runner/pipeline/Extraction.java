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
import org.coact.runner.analysis.QuantileSelector;
import org.coact.runner.analysis.Scope;
import org.coact.runner.analysis.Threshold;
import org.coact.runner.config.ThresholdSetting;
import org.coact.runner.data.BatchCursor;
import org.coact.runner.data.Dataset;

/**
 * The streaming passes (METHOD.md 3-4): batches from the dataset through the model, each
 * layer's output reduced to neuron values. For a {@code quantile q} threshold, first up to
 * {@value QuantileSelector#MAX_PASSES} passes feed a {@link QuantileSelector} until every
 * neuron's tau is known; then one counting pass folds every batch into
 * {@link CoactivationStats}. Every pass sees the same batches and the same reduction; only
 * histograms and counts survive a batch.
 */
final class Extraction {

    /**
     * What the passes produced.
     *
     * @param threshold the thresholds the counts used (per neuron for a quantile)
     * @param quantilePasses passes spent on quantiles (0 for a fixed threshold)
     * @param stats the counts
     */
    record Result(Threshold threshold, int quantilePasses, CoactivationStats stats) {
    }

    /** Receives one reduced batch of a pass. */
    @FunctionalInterface
    private interface BatchSink {
        void accept(int offset, int batch, int[] predictions, List<double[]> reduced) throws CoactException;
    }

    private final Path modelPath;
    private final ModelHandle model;
    private final List<LayerInfo> layers;
    private final TensorSpec output;
    private final NeuronReduction reduction;
    private final Scope scope;
    private final int classes;
    private List<LayerShape> shapes;

    Extraction(Path modelPath, ModelHandle model, List<LayerInfo> layers, TensorSpec output, NeuronReduction reduction,
            Scope scope, int classes) {
        this.modelPath = modelPath;
        this.model = model;
        this.layers = List.copyOf(layers);
        this.output = output;
        this.reduction = reduction;
        this.scope = scope;
        this.classes = classes;
    }

    /**
     * Runs the quantile passes the threshold needs, then the counting pass.
     *
     * @param data the dataset
     * @param labels its labels, validated
     * @param batchSize samples per forward pass
     * @param threshold the threshold setting
     * @param progress progress sink, one task per pass
     * @param timings receives the {@code quantiles} stage when there are quantile passes
     * @return the thresholds and the counts
     */
    Result run(Dataset data, long[] labels, int batchSize, ThresholdSetting threshold, ProgressListener progress,
            Timings timings) throws CoactException {
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
        try (Extractor extractor = model.extractor(new ExtractionRequest(names, output.name()))) {
            Pass pass = (task, sink) -> stream(extractor, data, batchSize, binding, targets, task, progress, sink);
            Threshold counted;
            int quantilePasses;
            if (threshold.isQuantile()) {
                QuantileSelector selector = quantiles(pass, data, labels.length, threshold.value());
                counted = selector.threshold();
                quantilePasses = selector.passes();
                timings.lap("quantiles");
            } else {
                counted = new Threshold.Fixed(threshold.value());
                quantilePasses = 0;
            }
            CoactivationStats[] stats = new CoactivationStats[1];
            pass.run(quantilePasses == 0 ? "Extracting" : "Counting", (offset, b, predictions, reduced) -> {
                if (stats[0] == null) {
                    stats[0] = new CoactivationStats(shapes, classes, scope);
                }
                int[] y = new int[b];
                for (int i = 0; i < b; i++) {
                    y[i] = (int) labels[offset + i];
                }
                stats[0].accept(y, predictions, reduced, b, counted);
            });
            return new Result(counted, quantilePasses, stats[0]);
        }
    }

    /** One pass over the dataset under a progress task name. */
    @FunctionalInterface
    private interface Pass {
        void run(String task, BatchSink sink) throws CoactException;
    }

    private QuantileSelector quantiles(Pass pass, Dataset data, long samples, double q) throws CoactException {
        if (samples == 0) {
            throw new DataException("dataset " + data.dataFile() + " is empty");
        }
        QuantileSelector[] selector = new QuantileSelector[1];
        int p = 0;
        do {
            p++;
            pass.run("Quantiles " + p + "/" + QuantileSelector.MAX_PASSES, (offset, b, predictions, reduced) -> {
                if (selector[0] == null) {
                    selector[0] = new QuantileSelector(shapes, samples, q);
                }
                selector[0].accept(reduced, b);
            });
            selector[0].finishPass();
        } while (!selector[0].done());
        return selector[0];
    }

    /** Streams the dataset once through the model; the first batch ever fixes the layer shapes. */
    private void stream(Extractor extractor, Dataset data, int batchSize, Map<String, String> binding,
            Map<String, long[]> targets, String task, ProgressListener progress, BatchSink sink) throws CoactException {
        progress.start(task, data.size());
        boolean any = false;
        try (BatchCursor cursor = data.batches(batchSize, binding, targets)) {
            int offset = 0;
            while (cursor.hasNext()) {
                Map<String, FloatTensor> batch = cursor.next();
                int b = batch.values().iterator().next().batchSize();
                BatchResult result = extractor.run(batch);
                int[] predictions = argmax(result.output(), b);
                List<double[]> reduced = new ArrayList<>(layers.size());
                List<LayerShape> batchShapes = new ArrayList<>(layers.size());
                for (LayerInfo layer : layers) {
                    FloatTensor act = result.activations().get(layer.name());
                    if (act == null) {
                        throw new ModelException("the plugin returned no output for layer '" + layer.name() + "' of "
                                + modelPath);
                    }
                    if (act.rank() == 0 || act.dim(0) != b) {
                        throw new ModelException("layer '" + layer.name() + "' of " + modelPath + " gave shape "
                                + Arrays.toString(act.shape()) + " for a batch of " + b
                                + "; its first axis is not the batch axis, so it cannot be analysed per sample");
                    }
                    double[] values = reduction.reduce(act, channelAxis(layer, act));
                    batchShapes.add(new LayerShape(layer.name(), b == 0 ? 0 : values.length / b));
                    reduced.add(values);
                }
                if (shapes == null) {
                    shapes = List.copyOf(batchShapes);
                } else if (!batchShapes.equals(shapes)) {
                    throw new ModelException("layer sizes changed between batches in " + modelPath + ": "
                            + batchShapes);
                }
                sink.accept(offset, b, predictions, reduced);
                any = true;
                offset += b;
                progress.advance(b);
            }
        } finally {
            progress.finish();
        }
        if (!any) {
            throw new DataException("dataset " + data.dataFile() + " is empty");
        }
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
