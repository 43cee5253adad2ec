package org.coact.runner.pipeline;

import java.nio.file.Path;
import java.util.List;
import org.coact.analysis.Settings;
import org.coact.analysis.activity.NeuronReduction;
import org.coact.analysis.activity.Threshold;
import org.coact.api.CoactException;
import org.coact.api.ConfigException;
import org.coact.api.format.LayerInfo;
import org.coact.api.format.ModelDescription;
import org.coact.api.format.ModelFormat;
import org.coact.api.format.ModelHandle;
import org.coact.api.format.OpenOptions;
import org.coact.api.format.TensorSpec;
import org.coact.runner.data.DataSource;
import org.coact.runner.data.Dataset;
import org.coact.runner.data.DatasetOptions;

/**
 * A model opened and a dataset checked for one analysis, everything decided before the first
 * pass: fixed inputs, constant feeds, the selected layers, the prediction output, the labels
 * checked against the declared output. The analysis sets up through here once, and so does every
 * shard task of a distributed run ({@link ShardJob}) in its own JVM, so both decide alike.
 *
 * @param model the opened model; closed with this
 * @param fixed the note of the inputs fixed in memory (for the provenance), or empty
 * @param layers the selected layers
 * @param output the prediction output
 * @param dataOptions how the dataset is read
 * @param data the opened dataset; closed with this
 * @param extraction the passes over it
 */
record Preparation(ModelHandle model, String fixed, List<LayerInfo> layers, TensorSpec output,
        DatasetOptions dataOptions, Dataset data, Extraction extraction) implements AutoCloseable {

    /**
     * @param format the model's format
     * @param modelPath the model, absolute
     * @param options its open options, already checked against the format's keys
     * @param source the dataset
     * @param settings the analysis settings
     * @param modelLoaded called once the model is open and its layers selected (for timings)
     * @return the preparation; close it
     * @throws CoactException naming what the user got wrong (layers, inputs, output, labels)
     */
    static Preparation open(ModelFormat format, Path modelPath, OpenOptions options, DataSource source,
            Settings settings, Runnable modelLoaded) throws CoactException {
        ModelHandle model = format.open(modelPath, options);
        Dataset data = null;
        try {
            String fixed = model.fixInputs(AnalysisPipeline.fills(settings.inputs()));
            ModelDescription description = model.describe();
            DeclaredShapes.check(modelPath, description);
            ConstantFeeds constants = ConstantFeeds.plan(modelPath, description.inputs(), settings.inputs());
            List<LayerInfo> layers = LayerSelection.select(description, settings.layers(), modelPath);
            TensorSpec output = outputOf(description, settings.output(), modelPath);
            modelLoaded.run();
            DatasetOptions dataOptions = new DatasetOptions((float) settings.data().scale(), settings.data().features(),
                    settings.data().labels());
            data = source.open(dataOptions);
            Dataset opened = data;
            long[] labels = data.labels();
            long[] declared = output.shape();
            boolean unknownRank = declared.length == 1 && declared[0] < 0;
            // a declared shape decides now, before the data is touched; an unknown rank at the probe
            OutputDecoder declaredDecoder = unknownRank ? null
                    : OutputDecoder.choose(modelPath, output, description.layers(), settings.prediction(), labels);
            if (declaredDecoder != null) {
                data.validateLabels(labels, declaredDecoder.classes());
            }
            Extraction.DecoderChoice choice = observed -> {
                if (declaredDecoder != null) {
                    return declaredDecoder;
                }
                OutputDecoder d = OutputDecoder.choose(modelPath, new TensorSpec(output.name(), output.dtype(),
                        observed), description.layers(), settings.prediction(), labels);
                opened.validateLabels(labels, d.classes());
                return d;
            };
            Extraction extraction = new Extraction(new Extraction.ModelRun(modelPath, model, layers, output),
                    new NeuronReduction(settings.reduce(), settings.threshold() instanceof Threshold.Fixed f ? f.tau()
                            : 0.0), settings.activeFraction(), settings.graph().scope(), settings.graph().perClass(),
                    choice, constants);
            return new Preparation(model, fixed, layers, output, dataOptions, data, extraction);
        } catch (CoactException | RuntimeException | Error e) {
            closeQuietly(data, model, e);
            throw e;
        }
    }

    private static void closeQuietly(Dataset data, ModelHandle model, Throwable failure) {
        try {
            if (data != null) {
                data.close();
            }
        } catch (Exception suppressed) {
            failure.addSuppressed(suppressed);
        }
        try {
            model.close();
        } catch (Exception suppressed) {
            failure.addSuppressed(suppressed);
        }
    }

    /** Closes the dataset, then the model. */
    @Override
    public void close() throws CoactException {
        try (ModelHandle m = model) {
            data.close();
        }
    }

    private static TensorSpec outputOf(ModelDescription d, String name, Path model) throws CoactException {
        if (d.outputs().isEmpty()) {
            throw new org.coact.api.ModelException("model " + model + " declares no outputs, so it makes no "
                    + "prediction to analyse; export it with its output (the classifier's logits or scores)");
        }
        if (name == null || name.isEmpty()) {
            return d.outputs().get(0);
        }
        return d.outputs().stream().filter(o -> o.name().equals(name)).findFirst()
                .orElseThrow(() -> new ConfigException("unknown output '" + name + "' in " + model + "; outputs: "
                        + d.outputs().stream().map(TensorSpec::name).toList()));
    }
}
