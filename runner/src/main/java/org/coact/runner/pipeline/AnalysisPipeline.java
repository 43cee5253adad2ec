package org.coact.runner.pipeline;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.coact.analysis.Analysis;
import org.coact.analysis.Analyzer;
import org.coact.analysis.Measurement;
import org.coact.analysis.Provenance;
import org.coact.analysis.Settings;
import org.coact.analysis.Timings;
import org.coact.analysis.activity.NeuronReduction;
import org.coact.analysis.activity.Threshold;
import org.coact.api.CoactException;
import org.coact.api.ConfigException;
import org.coact.api.DataException;
import org.coact.api.community.CommunityAlgorithm;
import org.coact.api.format.LayerInfo;
import org.coact.api.format.ModelDescription;
import org.coact.api.format.ModelFormat;
import org.coact.api.format.ModelHandle;
import org.coact.api.format.TensorSpec;
import org.coact.runner.plugin.CoactVersion;
import org.coact.runner.data.DataShard;
import org.coact.runner.data.Dataset;
import org.coact.runner.data.DatasetOptions;
import org.coact.runner.plugin.AlgorithmRegistry;
import org.coact.runner.plugin.FormatRegistry;
import org.coact.runner.plugin.PluginHost;
import org.coact.runner.plugin.Registered;

/**
 * {@code coact analyze} for one model: open it through its plugin, select layers, stream the
 * dataset shard by shard into additive counts (once, or after the passes a {@code quantile q}
 * threshold needs), then let the {@link Analyzer} build the graph, the communities and the
 * entropy figures. Everything the user can get wrong (options, algorithm, layers, labels,
 * input binding) is checked before the first pass.
 */
public final class AnalysisPipeline {

    private final FormatRegistry formats;
    private final AlgorithmRegistry algorithms;
    private final Fingerprints fingerprints = new Fingerprints();

    /**
     * @param formats model formats to choose from
     * @param algorithms community algorithms to choose from
     */
    public AnalysisPipeline(FormatRegistry formats, AlgorithmRegistry algorithms) {
        this.formats = formats;
        this.algorithms = algorithms;
    }

    /**
     * @param host started plugins
     * @return a pipeline over every format and algorithm the host offers (plugins and built-ins)
     */
    public static AnalysisPipeline of(PluginHost host) {
        return new AnalysisPipeline(new FormatRegistry(host.extensions(ModelFormat.class)),
                new AlgorithmRegistry(host.extensions(CommunityAlgorithm.class)));
    }

    /** @return the formats this pipeline chooses from */
    public FormatRegistry formats() {
        return formats;
    }

    /**
     * Runs the whole analysis.
     *
     * @param request model, data and settings
     * @param progress progress of the passes over the data
     * @return the analysis
     * @throws CoactException naming the culprit of any failure
     */
    public Analysis analyze(AnalyzeRequest request, ProgressListener progress) throws CoactException {
        Registered<CommunityAlgorithm> algorithm = algorithms.select(request.settings().community().algorithm());
        Analyzer.checkOptions(algorithm.extension(), request.settings().community().parameters());
        Timings timings = new Timings();
        Measurement measured = measure(request, progress, timings);
        ListenerProgress steps = new ListenerProgress(progress);
        try {
            return Analyzer.analyze(measured, algorithm.extension(), algorithm.origin(), timings, steps);
        } finally {
            steps.finish();
        }
    }

    /**
     * The streaming part alone, timed on its own.
     *
     * @param request model, data and settings
     * @param progress progress of the passes over the data
     * @return the counts with what they were measured on
     * @throws CoactException naming the culprit of any failure
     */
    public Measurement measure(AnalyzeRequest request, ProgressListener progress) throws CoactException {
        return measure(request, progress, new Timings());
    }

    /**
     * The streaming part alone (METHOD.md 1-4).
     *
     * @param request model, data and settings
     * @param progress progress of the passes over the data
     * @param timings receives the {@code loadModel}, {@code quantiles} and {@code extract} stages
     * @return the counts with what they were measured on
     * @throws CoactException naming the culprit of any failure
     */
    public Measurement measure(AnalyzeRequest request, ProgressListener progress, Timings timings)
            throws CoactException {
        Settings settings = request.settings();
        Path modelPath = request.model().toAbsolutePath().normalize();
        Registered<ModelFormat> format = formats.select(modelPath, request.format());
        request.openOptions().requireKnown(format.extension().id(), format.extension().optionKeys());
        Path dataPath = request.data().toAbsolutePath().normalize();
        Path labelsPath = request.labels() == null ? null : request.labels().toAbsolutePath().normalize();
        try (ModelHandle model = format.extension().open(modelPath, request.openOptions())) {
            String fixed = model.fixInputs(fills(settings.inputs()));
            ModelDescription description = model.describe();
            DeclaredShapes.check(modelPath, description);
            ConstantFeeds constants = ConstantFeeds.plan(modelPath, description.inputs(), settings.inputs());
            List<LayerInfo> layers = LayerSelection.select(description, settings.layers(), modelPath);
            TensorSpec output = outputOf(description, settings.output(), modelPath);
            timings.lap("loadModel");
            DatasetOptions dataOptions = new DatasetOptions((float) settings.data().scale(), settings.data().features(),
                    settings.data().labels());
            try (Dataset data = Dataset.open(dataPath, labelsPath, dataOptions)) {
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
                    data.validateLabels(labels, d.classes());
                    return d;
                };
                List<DataShard> shards = data.split(request.shards(), settings.batchSize()).stream()
                        .map(rows -> new DataShard(dataPath, labelsPath, dataOptions, rows)).toList();
                Extraction extraction = new Extraction(new Extraction.ModelRun(modelPath, model, layers, output),
                        new NeuronReduction(settings.reduce(), settings.threshold() instanceof Threshold.Fixed f ? f.tau()
                                : 0.0), settings.activeFraction(), settings.graph().scope(), settings.graph().perClass(),
                        choice, constants);
                Extraction.Result extracted = extraction.run(data, shards, settings.batchSize(), settings.threshold(),
                        progress, timings);
                timings.lap("extract");
                if (settings.data().nonFinite() == org.coact.analysis.DataSettings.NonFinite.FAIL) {
                    refuseNonFinite(extracted, modelPath, dataPath);
                }
                Provenance provenance = new Provenance(CoactVersion.get(),
                        new Provenance.Model(modelPath.toString(), fingerprints.sha256(modelPath),
                                format.extension().id(), format.origin(), request.openOptions().values(), output.name(),
                                extracted.decoder().decoding(), fixed.isEmpty() ? List.of() : List.of(fixed)),
                        new Provenance.Data(dataPath.toString(), fingerprints.sha256(dataPath),
                                labelsPath == null ? null : labelsPath.toString(),
                                labelsPath == null ? null : fingerprints.sha256(labelsPath)));
                return new Measurement(provenance, settings, layers, extracted.stats(), extracted.taus(),
                        extracted.quantilePasses(), extracted.nonFiniteInputs());
            }
        }
    }

    /** {@code data.non_finite: fail}: the first layer with NaN or infinite values, else the inputs, stop the run. */
    private static void refuseNonFinite(Extraction.Result extracted, Path model, Path data) throws DataException {
        org.coact.analysis.activity.CoactivationStats stats = extracted.stats();
        String inputs = extracted.nonFiniteInputs() == 0 ? "" : " (the data's inputs hold " + extracted.nonFiniteInputs()
                + " NaN or infinite values)";
        String policy = "; data.non_finite is 'fail' (set it to 'warn' to count them instead)";
        for (int t = 0; t < stats.layers().size(); t++) {
            if (stats.nonFinite(t) > 0) {
                throw new DataException("layer '" + stats.layers().get(t).name() + "' of " + model + " gave "
                        + stats.nonFinite(t) + " NaN or infinite values of " + stats.samples() * stats.layers().get(t)
                                .neurons() + " on data " + data + inputs + policy);
            }
        }
        if (extracted.nonFiniteInputs() > 0) {
            throw new DataException("data " + data + " holds " + extracted.nonFiniteInputs()
                    + " NaN or infinite input values (as float32)" + policy);
        }
    }

    /**
     * @param constants the config's constant inputs
     * @return input name to fill value, for {@link ModelHandle#fixInputs}
     */
    public static Map<String, Double> fills(Map<String, org.coact.analysis.ConstantInput> constants) {
        Map<String, Double> m = new java.util.TreeMap<>();
        constants.forEach((k, v) -> m.put(k, v.value()));
        return m;
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
