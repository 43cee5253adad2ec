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
            "One configuration for every checkpoint (METHOD.md 8): every figure per checkpoint, their Pearson and "
                + "Spearman correlation with accuracy, and community tracking (continuations, births, deaths, "
                + "splits, merges). Writes into DIR: evolution.json, evolution.html (self-contained charts), "
                + "checkpoints.csv, layers.csv and neurons.csv."})
public final class EvolveCommand implements Callable<Integer> {

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
                    err.printf("[%d/%d] %s%n", i + 1, total, c.path());
                    err.flush();
                    return new ProgressBarListener();
                });
        ReportWriter.writeJson(out.resolve("evolution.json"), result.report());
        EvolutionTables.write(out, result);
        var last = result.analyses().get(result.analyses().size() - 1);
        String html = HtmlReports.evolution(result.report(), last.report(), last.graph());
        ReportWriter.writeText(out.resolve("evolution.html"), html);
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
        out.printf("%-14s %5s %8s %10s %11s %9s %9s%n", "checkpoint", "epoch", "accuracy", "modularity", "communities",
                "entropy", "MI");
        for (EvolutionReport.Checkpoint c : r.checkpoints()) {
            out.printf("%-14s %5s %8.4f %10.4f %11d %9.4f %9.4f%n", c.label(), c.epoch() == null ? "-" : c.epoch(),
                    c.accuracy(), c.communities().modularity(), c.communities().count(), c.summary().meanEntropyBits(),
                    c.summary().meanMutualInformationBits());
        }
        out.println();
        out.println("Correlation with accuracy (n = " + r.checkpoints().size() + "):");
        for (EvolutionReport.Correlation c : r.correlations()) {
            out.printf("  %-28s Pearson %-20s Spearman %s%n", c.figure(), format(c.pearson()), format(c.spearman()));
        }
        List<String> lines = new ArrayList<>();
        for (EvolutionReport.Transition t : r.transitions()) {
            lines.add(String.format("  %d->%d: %d continued, %d born, %d died, %d split, %d merged", t.from(), t.to(),
                    t.continuations(), t.births(), t.deaths(), t.splits(), t.merges()));
        }
        out.println();
        out.println("Community tracking:");
        lines.forEach(out::println);
        out.println();
        out.println("Written to " + dir);
        out.flush();
    }

    private static String format(EvolutionReport.Coefficient c) {
        return c.value() == null ? "n/a" : String.format("%+.3f (p=%.2g)", c.value(), c.pValue());
    }
}
