package org.coact.runner.pipeline;

import java.nio.file.Path;
import java.util.List;
import org.coact.api.CoactException;
import org.coact.api.ConfigException;
import org.coact.api.DataException;
import org.coact.api.community.AlgorithmParameters;
import org.coact.api.community.CommunityAlgorithm;
import org.coact.api.community.Partition;
import org.coact.api.format.LayerInfo;
import org.coact.api.format.ModelDescription;
import org.coact.api.format.ModelFormat;
import org.coact.api.format.ModelHandle;
import org.coact.api.format.TensorSpec;
import org.coact.runner.analysis.CoactivationStats;
import org.coact.runner.analysis.CommunityFigures;
import org.coact.runner.analysis.EntropyFigures;
import org.coact.runner.analysis.GraphBuilder;
import org.coact.runner.analysis.GraphOptions;
import org.coact.runner.analysis.NeuronGraph;
import org.coact.runner.analysis.NeuronReduction;
import org.coact.runner.analysis.Threshold;
import org.coact.runner.config.AnalysisConfig;
import org.coact.runner.data.Dataset;
import org.coact.runner.data.DatasetOptions;
import org.coact.runner.plugin.AlgorithmRegistry;
import org.coact.runner.plugin.FormatRegistry;
import org.coact.runner.plugin.Registered;
import org.coact.runner.report.Report;

/**
 * {@code coact analyze} for one model: open it through its plugin, select layers, stream the
 * dataset into additive counts (once, or after the passes a {@code quantile q} threshold needs), then build the graph, find communities and compute the
 * entropy figures, and assemble the {@link Report}. Everything is validated before the pass
 * (labels, layers, input binding), so a user mistake fails fast.
 */
public final class AnalysisPipeline {

    private final FormatRegistry formats;
    private final AlgorithmRegistry algorithms;
    private final Provenance provenance = new Provenance();

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
    public static AnalysisPipeline of(org.coact.runner.plugin.PluginHost host) {
        return new AnalysisPipeline(new FormatRegistry(host.extensions(ModelFormat.class)),
                new AlgorithmRegistry(host.extensions(CommunityAlgorithm.class)));
    }

    /**
     * Runs the whole analysis.
     *
     * @param request model, data and configuration
     * @param progress progress of the extraction pass
     * @return the report (not yet written)
     * @throws CoactException naming the culprit of any failure
     */
    public Report analyze(AnalyzeRequest request, ProgressListener progress) throws CoactException {
        return run(request, progress).report();
    }

    /**
     * Runs the whole analysis and keeps the neuron graph for exporters (GraphML, HTML).
     *
     * @param request model, data and configuration
     * @param progress progress of the extraction pass
     * @return the report and the graph it describes
     * @throws CoactException naming the culprit of any failure
     */
    public AnalysisResult run(AnalyzeRequest request, ProgressListener progress) throws CoactException {
        AnalysisConfig config = request.config();
        Registered<CommunityAlgorithm> algorithm = algorithms.select(config.community().algorithm());
        AlgorithmParameters parameters = new AlgorithmParameters(config.community().resolution(),
                config.community().seed(), config.community().options());
        Measurement m = measure(request, progress);
        Timings timings = m.timings();
        CoactivationStats stats = m.stats();

        EntropyFigures entropy = EntropyFigures.of(stats);
        timings.lap("entropy");
        GraphOptions graphOptions = new GraphOptions(config.graph().weight(), config.graph().minWeight(),
                config.graph().topK());
        NeuronGraph graph = new GraphBuilder(graphOptions).build(stats);
        timings.lap("graph");
        Partition partition = algorithm.extension().detect(graph.graph(), parameters);
        if (partition.size() != graph.graph().nodeCount()) {
            throw new CoactException("community algorithm '" + algorithm.extension().id() + "' returned "
                    + partition.size() + " memberships for " + graph.graph().nodeCount() + " neurons");
        }
        CommunityFigures communities = CommunityFigures.of(graph.graph(), partition, parameters.resolution(),
                entropy.preferredClasses());
        timings.lap("communities");

        Report report = new ReportAssembler(stats, m.threshold(), entropy, graph, graphOptions, partition,
                communities).assemble(
                new ReportAssembler.Sources(m.model(), provenance.sha256(m.model()), m.format(),
                        request.openOptions().values(), m.output(), m.data(),
                        provenance.sha256(m.data()), m.labels(),
                        m.labels() == null ? null : provenance.sha256(m.labels()), m.layers(), config, algorithm,
                        parameters),
                timings);
        return new AnalysisResult(report, graph);
    }

    /**
     * The streaming part alone: opens the model, selects layers, validates the data and counts
     * (METHOD.md 1-4). {@link #analyze} builds everything else from this.
     *
     * @param request model, data and configuration
     * @param progress progress of the extraction pass
     * @return the counts with what they were measured on
     * @throws CoactException naming the culprit of any failure
     */
    public Measurement measure(AnalyzeRequest request, ProgressListener progress) throws CoactException {
        AnalysisConfig config = request.config();
        Timings timings = new Timings();
        Path modelPath = request.model().toAbsolutePath().normalize();
        Registered<ModelFormat> format = formats.select(modelPath, request.format());
        Path dataPath = request.data().toAbsolutePath().normalize();
        Path labelsPath = request.labels() == null ? null : request.labels().toAbsolutePath().normalize();
        try (ModelHandle model = format.extension().open(modelPath, request.openOptions())) {
            ModelDescription description = model.describe();
            List<LayerInfo> layers = LayerSelection.select(description, config.layers(), modelPath);
            TensorSpec output = outputOf(description, config.output(), modelPath);
            timings.lap("loadModel");
            DatasetOptions dataOptions = new DatasetOptions((float) config.data().scale(), config.data().features(),
                    config.data().labels());
            try (Dataset data = Dataset.open(dataPath, labelsPath, dataOptions)) {
                long[] labels = data.labels();
                int classes = classesOf(output, labels, modelPath);
                data.validateLabels(labels, classes);
                Extraction extraction = new Extraction(modelPath, model, layers, output,
                        new NeuronReduction(config.reduce()), config.graph().scope(),
                        classes);
                Extraction.Result extracted = extraction.run(data, labels, config.batchSize(), config.threshold(),
                        progress, timings);
                timings.lap("extract");
                return new Measurement(modelPath, format, output.name(), layers, dataPath, labelsPath,
                        extracted.stats(), extracted.threshold(), extracted.quantilePasses(), timings);
            }
        }
    }

    /**
     * What {@link #measure} counted, and on what.
     *
     * @param model the model path (absolute)
     * @param format the format and its plugin
     * @param output the prediction output's name
     * @param layers the selected layers
     * @param data the data path (absolute)
     * @param labels the labels path, or null
     * @param stats the additive counts
     * @param threshold the thresholds the counts used: fixed, or each neuron's quantile
     * @param quantilePasses passes over the data spent on quantiles before counting (0 for a fixed threshold)
     * @param timings stage timings so far
     */
    public record Measurement(Path model, Registered<ModelFormat> format, String output, List<LayerInfo> layers,
            Path data, Path labels, CoactivationStats stats, Threshold threshold, int quantilePasses,
            Timings timings) {
    }

    private static TensorSpec outputOf(ModelDescription d, String name, Path model) throws ConfigException {
        if (d.outputs().isEmpty()) {
            throw new ConfigException("model " + model + " declares no outputs");
        }
        if (name == null || name.isEmpty()) {
            return d.outputs().get(0);
        }
        return d.outputs().stream().filter(o -> o.name().equals(name)).findFirst()
                .orElseThrow(() -> new ConfigException("unknown output '" + name + "' in " + model + "; outputs: "
                        + d.outputs().stream().map(TensorSpec::name).toList()));
    }

    /** K: the output's last dimension when the model fixes it, else the largest label + 1. */
    private static int classesOf(TensorSpec output, long[] labels, Path model) throws DataException {
        long[] shape = output.shape();
        long k = shape.length == 0 ? -1 : shape[shape.length - 1];
        if (k > 0) {
            return Math.toIntExact(k);
        }
        long max = -1;
        for (long y : labels) {
            max = Math.max(max, y);
        }
        if (max < 0) {
            throw new DataException("cannot tell the number of classes of " + model + ": its output '" + output.name()
                    + "' has a dynamic last axis and the labels are empty or negative");
        }
        return Math.toIntExact(max + 1);
    }
}
