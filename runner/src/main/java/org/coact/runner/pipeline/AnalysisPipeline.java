package org.coact.runner.pipeline;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.coact.analysis.Analysis;
import org.coact.analysis.Analyzer;
import org.coact.analysis.BatchSize;
import org.coact.analysis.Measurement;
import org.coact.analysis.Provenance;
import org.coact.analysis.Settings;
import org.coact.analysis.Timings;
import org.coact.api.CoactException;
import org.coact.api.DataException;
import org.coact.api.community.CommunityAlgorithm;
import org.coact.api.format.ModelFormat;
import org.coact.api.format.ModelHandle;
import org.coact.runner.plugin.CoactVersion;
import org.coact.runner.data.DataShard;
import org.coact.runner.data.DataSource;
import org.coact.runner.data.Dataset;
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
    private final ShardRunner shardRunner;
    private final Fingerprints fingerprints = new Fingerprints();

    /**
     * @param formats model formats to choose from
     * @param algorithms community algorithms to choose from
     */
    public AnalysisPipeline(FormatRegistry formats, AlgorithmRegistry algorithms) {
        this(formats, algorithms, null);
    }

    private AnalysisPipeline(FormatRegistry formats, AlgorithmRegistry algorithms, ShardRunner shardRunner) {
        this.formats = formats;
        this.algorithms = algorithms;
        this.shardRunner = shardRunner;
    }

    /**
     * The same pipeline with its passes over the shards run elsewhere: set-up, probe, quantile
     * selection and everything after the counts stay here, the shards go to the runner one pass
     * at a time. The report does not change (it does not depend on the split either).
     *
     * @param runner where the shards run
     * @return a pipeline over the same formats and algorithms
     */
    public AnalysisPipeline withShardRunner(ShardRunner runner) {
        return new AnalysisPipeline(formats, algorithms, java.util.Objects.requireNonNull(runner, "runner"));
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
        String modelName = request.modelLocation() == null ? modelPath.toString() : request.modelLocation();
        Registered<ModelFormat> format = formats.select(modelPath, request.format());
        request.openOptions().requireKnown(format.extension().id(), format.extension().optionKeys());
        DataSource source = request.data();
        try (Preparation p = Preparation.open(format.extension(), modelPath, request.openOptions(), source, settings,
                () -> timings.lap("loadModel"))) {
            Dataset data = p.data();
            Extraction.Result extracted;
            int batchSize;
            String modelSha256 = fingerprints.sha256(modelPath);
            try (ExtractionSession session = p.extraction().start(data, settings.batchSize())) {
                batchSize = session.batchSize();
                List<DataShard> shards = data.split(request.shards(), batchSize).stream()
                        .map(rows -> new DataShard(source, p.dataOptions(), rows)).toList();
                // shard tasks elsewhere stream the batches planned here, whatever their own heap
                ShardJob job = shardRunner == null ? null : ShardJob.of(modelName, format, request.openOptions(),
                        modelSha256, source, data.size(), settings.withBatchSize(BatchSize.of(batchSize)));
                extracted = p.extraction().run(session, data, shards, settings.threshold(), progress, timings,
                        shardRunner, job);
            }
            timings.lap("extract");
            if (settings.data().nonFinite() == org.coact.analysis.DataSettings.NonFinite.FAIL) {
                refuseNonFinite(extracted, modelName, source.location());
            }
            Provenance provenance = new Provenance(CoactVersion.get(),
                    new Provenance.Model(modelName, modelSha256, format.extension().id(), format.origin(),
                            request.openOptions().values(), p.output().name(), extracted.decoder().decoding(),
                            p.fixed().isEmpty() ? List.of() : List.of(p.fixed())),
                    new Provenance.Data(source.location(), source.sha256(fingerprints::sha256), source.labelsLocation(),
                            source.labelsSha256(fingerprints::sha256)));
            return new Measurement(provenance, settings, p.layers(), extracted.stats(), extracted.taus(),
                    extracted.quantilePasses(), extracted.nonFiniteInputs(), batchSize);
        }
    }

    /** {@code data.non_finite: fail}: the first layer with NaN or infinite values, else the inputs, stop the run. */
    private static void refuseNonFinite(Extraction.Result extracted, String model, String data) throws DataException {
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
}
