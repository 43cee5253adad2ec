package org.coact.runner.evolve;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToDoubleFunction;
import org.coact.api.CoactException;
import org.coact.api.ConfigException;
import org.coact.api.format.OpenOptions;
import org.coact.runner.CoactVersion;
import org.coact.runner.config.AnalysisConfig;
import org.coact.runner.pipeline.AnalysisPipeline;
import org.coact.runner.pipeline.AnalysisResult;
import org.coact.runner.pipeline.AnalyzeRequest;
import org.coact.runner.pipeline.ProgressListener;
import org.coact.runner.report.Report;

/**
 * {@code coact evolve} (METHOD.md 8): analyses every checkpoint with one configuration (one
 * pass over the data each, each through the plugin that recognises it), then correlates the
 * model-level figures with accuracy and tracks communities between consecutive checkpoints.
 */
public final class EvolutionPipeline {

    /** Model-level figures correlated with accuracy, in report order. */
    static final Map<String, ToDoubleFunction<Report>> FIGURES = figures();

    private final AnalysisPipeline pipeline;

    /**
     * @param pipeline the single-model pipeline
     */
    public EvolutionPipeline(AnalysisPipeline pipeline) {
        this.pipeline = pipeline;
    }

    /**
     * The result: the evolution report, every checkpoint's full analysis (for tables), in order.
     *
     * @param report the evolution report
     * @param analyses the per-checkpoint analyses
     */
    public record Result(EvolutionReport report, List<AnalysisResult> analyses) {
    }

    /** Receives each checkpoint as it starts. */
    @FunctionalInterface
    public interface CheckpointListener {
        /**
         * @param index position in the series
         * @param total series length
         * @param checkpoint the checkpoint
         * @return progress listener for its extraction pass
         */
        ProgressListener starting(int index, int total, CheckpointSeries.Checkpoint checkpoint);
    }

    /**
     * @param series the ordered checkpoints
     * @param format format id or null to recognise each
     * @param openOptions format options
     * @param data dataset
     * @param labels labels file or null
     * @param config the configuration for every checkpoint
     * @param tracking tracking settings
     * @param listener progress per checkpoint
     * @return the evolution
     * @throws CoactException naming the checkpoint and culprit of any failure
     */
    public Result run(List<CheckpointSeries.Checkpoint> series, String format, OpenOptions openOptions, Path data,
            Path labels, AnalysisConfig config, EvolutionReport.TrackingOptions tracking, CheckpointListener listener)
            throws CoactException {
        long start = System.nanoTime();
        Map<String, Double> timings = new LinkedHashMap<>();
        List<AnalysisResult> analyses = new ArrayList<>();
        List<EvolutionReport.Checkpoint> checkpoints = new ArrayList<>();
        for (int i = 0; i < series.size(); i++) {
            CheckpointSeries.Checkpoint c = series.get(i);
            ProgressListener progress = listener.starting(i, series.size(), c);
            AnalysisResult result = pipeline.run(new AnalyzeRequest(c.path(), format, openOptions, data, labels, config),
                    progress);
            Report r = result.report();
            if (!analyses.isEmpty()) {
                sameArchitecture(analyses.get(0).report(), series.get(0), r, c);
            }
            analyses.add(result);
            checkpoints.add(checkpoint(i, c, r));
            timings.put(c.label(), r.timings().get("total"));
        }
        List<EvolutionReport.Correlation> correlations = correlations(analyses);
        CommunityTracker tracker = new CommunityTracker(tracking);
        List<EvolutionReport.Transition> transitions = new ArrayList<>();
        for (int i = 0; i + 1 < analyses.size(); i++) {
            transitions.add(tracker.track(i, i + 1, analyses.get(i).report().communities().membership(),
                    analyses.get(i + 1).report().communities().membership()));
        }
        timings.put("total", Math.round((System.nanoTime() - start) / 1e6) / 1e3);
        Report first = analyses.get(0).report();
        EvolutionReport report = new EvolutionReport(EvolutionReport.SCHEMA, new Report.Tool("coact", CoactVersion.get()),
                first.dataset(), config, tracking, checkpoints, correlations, transitions, timings);
        return new Result(report, List.copyOf(analyses));
    }

    private static void sameArchitecture(Report first, CheckpointSeries.Checkpoint firstCheckpoint, Report r,
            CheckpointSeries.Checkpoint c) throws ConfigException {
        List<String> a = first.neurons().stream().map(Report.NeuronFigures::id).toList();
        List<String> b = r.neurons().stream().map(Report.NeuronFigures::id).toList();
        if (!a.equals(b)) {
            throw new ConfigException("checkpoint " + c.path() + " has other layers or neurons ("
                    + r.layers().stream().map(l -> l.name() + "[" + l.neurons() + "]").toList() + ") than "
                    + firstCheckpoint.path() + " (" + first.layers().stream().map(l -> l.name() + "[" + l.neurons() + "]")
                            .toList() + "); evolve analyses checkpoints of one architecture");
        }
    }

    private static EvolutionReport.Checkpoint checkpoint(int index, CheckpointSeries.Checkpoint c, Report r) {
        Report.Communities k = r.communities();
        return new EvolutionReport.Checkpoint(index, c.epoch(), c.label(), r.model(), r.accuracy(), r.correct(),
                r.summary(), r.layers(), new EvolutionReport.CommunitySummary(k.algorithm(), k.count(),
                        k.countWithoutSingletons(), k.modularity(), k.sizes(), k.coverage(), k.meanConductance(),
                        k.purity(), k.nmi()));
    }

    private static List<EvolutionReport.Correlation> correlations(List<AnalysisResult> analyses) {
        double[] accuracy = analyses.stream().mapToDouble(a -> a.report().accuracy()).toArray();
        List<EvolutionReport.Correlation> result = new ArrayList<>();
        for (Map.Entry<String, ToDoubleFunction<Report>> f : FIGURES.entrySet()) {
            double[] values = analyses.stream().mapToDouble(a -> f.getValue().applyAsDouble(a.report())).toArray();
            result.add(new EvolutionReport.Correlation(f.getKey(), values.length, Correlations.pearson(values, accuracy),
                    Correlations.spearman(values, accuracy)));
        }
        return result;
    }

    private static Map<String, ToDoubleFunction<Report>> figures() {
        Map<String, ToDoubleFunction<Report>> f = new LinkedHashMap<>();
        f.put("meanEntropyBits", r -> r.summary().meanEntropyBits());
        f.put("meanConditionalEntropyBits", r -> r.summary().meanConditionalEntropyBits());
        f.put("meanMutualInformationBits", r -> r.summary().meanMutualInformationBits());
        f.put("dead", r -> r.summary().dead());
        f.put("alwaysOn", r -> r.summary().alwaysOn());
        f.put("modularity", r -> r.communities().modularity());
        f.put("communities", r -> r.communities().count());
        f.put("countWithoutSingletons", r -> r.communities().countWithoutSingletons());
        f.put("coverage", r -> r.communities().coverage());
        f.put("meanConductance", r -> r.communities().meanConductance());
        f.put("purity", r -> r.communities().purity());
        f.put("nmi", r -> r.communities().nmi());
        return java.util.Collections.unmodifiableMap(f);
    }
}
