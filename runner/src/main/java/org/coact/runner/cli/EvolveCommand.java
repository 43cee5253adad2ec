package org.coact.runner.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.coact.api.community.CommunityAlgorithm;
import org.coact.api.format.ModelFormat;
import org.coact.api.format.Recognition;
import org.coact.runner.config.AnalysisConfig;
import org.coact.runner.evolve.CheckpointSeries;
import org.coact.runner.evolve.EvolutionPipeline;
import org.coact.runner.evolve.EvolutionReport;
import org.coact.runner.evolve.EvolutionTables;
import org.coact.runner.pipeline.AnalysisPipeline;
import org.coact.runner.pipeline.ProgressListener;
import org.coact.runner.plugin.AlgorithmRegistry;
import org.coact.runner.plugin.FormatRegistry;
import org.coact.runner.plugin.PluginHost;
import org.coact.runner.plugin.Registered;
import org.coact.runner.report.OutputFiles;
import org.coact.runner.report.ReportWriter;
import org.coact.runner.report.html.HtmlReports;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code coact evolve}: a series of checkpoints, figures against accuracy, community tracking. */
@Command(name = "evolve", mixinStandardHelpOptions = true,
        description = {"Analyse a series of checkpoints of one architecture.",
            "One configuration for every checkpoint (docs/METHOD.md 8): every figure per checkpoint, their Pearson and "
                + "Spearman correlation with accuracy, and community tracking (continuations, births, deaths, "
                + "splits, merges). Writes into DIR: " + EvolveCommand.FILES + "."})
public final class EvolveCommand implements Callable<Integer> {

    static final String FILES = "evolution.html, evolution.json, checkpoints.csv, layers.csv, neurons.csv";

    @Option(names = "--models", required = true, split = ",", arity = "1..*", paramLabel = "MODELS",
            description = "A directory of checkpoints, a quoted glob ('runs/mlp-epoch*.onnx'), or a list of models "
                    + "(comma-separated or repeated).")
    List<String> models;

    @Option(names = "--order", paramLabel = "epoch|name|given",
            description = "Series order: epoch number in file names (default for a directory or glob), name, or "
                    + "given (default for an explicit list).")
    String order;

    @Mixin
    FormatOptions formatOptions;

    @Option(names = "--min-jaccard", paramLabel = "J", defaultValue = "0.3",
            description = "Jaccard overlap a community match needs (default ${DEFAULT-VALUE}).")
    double minJaccard;

    @Option(names = "--include-singletons", description = "Track one-neuron communities too (off by default).")
    boolean includeSingletons;

    @Mixin
    PluginOptions plugins;

    @Mixin
    AnalyzeCommand.AnalysisOptions analysis;

    @Mixin
    OutputOptions output;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        AnalysisConfig config = analysis.config();
        Path out = output.prepare();
        CheckpointSeries.Order seriesOrder = parseOrder();
        if (!(minJaccard > 0) || minJaccard > 1) {
            throw new org.coact.api.ConfigException("--min-jaccard must be in (0, 1], got " + minJaccard);
        }
        PrintWriter err = spec.commandLine().getErr();
        PluginHost host = plugins.start();
        FormatRegistry formats = new FormatRegistry(host.extensions(ModelFormat.class));
        List<Registered<ModelFormat>> all = formats.all();
        List<CheckpointSeries.Checkpoint> series = CheckpointSeries.resolve(models, seriesOrder,
                p -> all.stream().anyMatch(f -> f.extension().recognize(p) != Recognition.NO));
        EvolutionPipeline pipeline = new EvolutionPipeline(new AnalysisPipeline(formats,
                new AlgorithmRegistry(host.extensions(CommunityAlgorithm.class))));
        EvolutionPipeline.Result result = pipeline.run(series, formatOptions.format, formatOptions.openOptions(), analysis.data,
                analysis.labels, config, new EvolutionReport.TrackingOptions(minJaccard, includeSingletons),
                (i, total, c) -> {
                    if (output.quiet) {
                        return ProgressListener.NONE;
                    }
                    err.printf(java.util.Locale.ROOT, "[%d/%d] %s%n", i + 1, total, c.path());
                    err.flush();
                    return new ProgressBarListener();
                });
        ReportWriter.writeJson(out.resolve("evolution.json"), result.report());
        EvolutionTables.write(out, result);
        var last = result.analyses().get(result.analyses().size() - 1);
        String html = HtmlReports.evolution(result.report(), last.report(), last.graph());
        ReportWriter.writeText(out.resolve("evolution.html"), html);
        List<String> warnings = new ArrayList<>();
        for (var a : result.analyses()) {
            for (String w : a.report().warnings()) {
                String line = w;
                if (!warnings.contains(line)) {
                    warnings.add(line);
                }
            }
        }
        AnalyzeCommand.printWarnings(err, warnings);
        if (!output.quiet) {
            printSummary(spec.commandLine().getOut(), result.report(), out);
        }
        return ExitCodes.OK;
    }

    private CheckpointSeries.Order parseOrder() throws org.coact.api.ConfigException {
        if (order == null) {
            return null;
        }
        try {
            return CheckpointSeries.Order.valueOf(order.toUpperCase(java.util.Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new org.coact.api.ConfigException("--order is '" + order + "'; allowed: epoch, name, given");
        }
    }

    private static void printSummary(PrintWriter out, EvolutionReport r, Path dir) {
        List<List<String>> rows = new ArrayList<>();
        rows.add(List.of("checkpoint", "epoch", "accuracy", "modularity", "communities", "entropy", "MI"));
        for (EvolutionReport.Checkpoint c : r.checkpoints()) {
            rows.add(List.of(c.label(), c.epoch() == null ? "-" : c.epoch().toString(), Text.fixed(c.accuracy(), 4),
                    Text.fixed(c.communities().modularity(), 4), Integer.toString(c.communities().count()),
                    Text.fixed(c.summary().meanEntropyBits(), 4), Text.fixed(c.summary().meanMutualInformationBits(), 4)));
        }
        Text.table(rows, 2).forEach(out::println);
        out.println();
        out.println("Correlation with accuracy (n = " + r.checkpoints().size() + "):");
        List<List<String>> corr = new ArrayList<>();
        corr.add(List.of("figure", "Pearson", "p", "Spearman", "p"));
        for (EvolutionReport.Correlation c : r.correlations()) {
            corr.add(List.of(c.figure(), value(c.pearson()), p(c.pearson()), value(c.spearman()), p(c.spearman())));
        }
        Text.table(corr, 2).forEach(line -> out.println("  " + line));
        out.println();
        out.println("Community tracking:");
        List<List<String>> tracking = new ArrayList<>();
        tracking.add(List.of("from", "to", "continued", "born", "died", "split", "merged"));
        for (EvolutionReport.Transition t : r.transitions()) {
            tracking.add(List.of(Integer.toString(t.from()), Integer.toString(t.to()), Integer.toString(t.continuations()),
                    Integer.toString(t.births()), Integer.toString(t.deaths()), Integer.toString(t.splits()),
                    Integer.toString(t.merges())));
        }
        Text.table(tracking, 2).forEach(line -> out.println("  " + line));
        out.println();
        Text.printFiles(out, dir, OutputFiles.EVOLVE);
        out.flush();
    }

    private static String value(EvolutionReport.Coefficient c) {
        return c.value() == null ? "n/a" : (c.value() >= 0 ? "+" : "") + Text.fixed(c.value(), 3);
    }

    private static String p(EvolutionReport.Coefficient c) {
        return c.value() == null ? "-" : String.format(java.util.Locale.ROOT, "%.2g", c.pValue());
    }

}
