package org.coact.runner.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.coact.analysis.Analysis;
import org.coact.analysis.Settings;
import org.coact.analysis.community.CommunityFigures;
import org.coact.analysis.entropy.EntropySummary;
import org.coact.analysis.significance.NullModel;
import org.coact.runner.output.OutputDirectory;
import org.coact.runner.output.OutputFiles;
import org.coact.runner.output.Outputs;
import org.coact.runner.pipeline.AnalysisPipeline;
import org.coact.runner.pipeline.AnalyzeRequest;
import org.coact.runner.pipeline.ProgressListener;
import org.coact.runner.plugin.PluginHost;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code coact analyze}: one model, one dataset, one report. */
@Command(name = "analyze", aliases = "analyse", mixinStandardHelpOptions = true,
        description = {"Analyse one model on a labelled dataset.",
            "Co-activation graph, communities with modularity, and per-neuron, per-layer and per-class entropy "
                + "(docs/METHOD.md 1-7). Writes into DIR: " + AnalyzeCommand.FILES + "."})
public final class AnalyzeCommand implements Callable<Integer> {

    static final String FILES = "report.html, report.json, neurons.csv, layers.csv, graph.graphml, graph.gexf";

    @Mixin
    ModelOptions model;

    @Mixin
    PluginOptions plugins;

    @Mixin
    AnalysisOptions analysis;

    @Mixin
    OutputOptions output;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        Settings settings = analysis.config(Map.of()).analysis();
        try (OutputDirectory out = output.open()) {
            PluginHost host = plugins.start();
            AnalysisPipeline pipeline = AnalysisPipeline.of(host);
            Analysis result = pipeline.analyze(new AnalyzeRequest(model.model, model.format(), model.openOptions(),
                    analysis.data, analysis.labels, settings), output.quiet ? ProgressListener.NONE : new ProgressBarListener());
            Outputs.analysis(out, result);
            printWarnings(spec.commandLine().getErr(), result.warnings());
            if (!output.quiet) {
                printSummary(spec.commandLine().getOut(), result, out.path());
            }
            return ExitCodes.OK;
        }
    }

    /**
     * Prints the summary {@code coact analyze} ends with.
     *
     * @param out where to
     * @param r the analysis
     * @param dir the output directory its files were written to
     */
    public static void printSummary(PrintWriter out, Analysis r, Path dir) {
        EntropySummary model = r.entropy().model();
        CommunityFigures communities = r.communities().figures();
        out.printf(Locale.ROOT, "Model       %s (%s)%n", Text.safe(r.provenance().model().path()),
                Text.safe(r.provenance().model().format()));
        out.printf(Locale.ROOT, "Data        %s: %s, %s%n", Text.safe(r.provenance().data().path()),
                Text.count(r.samples(), "sample", "samples"), Text.count(r.statistics().classes(), "class", "classes"));
        out.printf(Locale.ROOT, "Accuracy    %s (%,d correct)%n", Text.fixed(r.accuracy(), 4), r.statistics().correct());
        org.coact.analysis.Decoding decoding = r.provenance().model().prediction();
        if (!decoding.kind().equals("argmax")) {
            out.printf(Locale.ROOT, "Prediction  %s (%s)%n", Text.safe(decoding.describe()), Text.safe(decoding.reason()));
        }
        out.printf(Locale.ROOT, "Neurons     %,d in %s; %,d dead, %,d always on%n", model.neurons(),
                Text.count(r.layers().size(), "layer", "layers"), model.dead(), model.alwaysOn());
        if (r.statistics().nonFinite() > 0 || r.measured().nonFiniteInputs() > 0) {
            out.printf(Locale.ROOT, "Non-finite  %,d activation values, %,d input values (NaN or infinite)%n",
                    r.statistics().nonFinite(), r.measured().nonFiniteInputs());
        }
        out.printf(Locale.ROOT, "Entropy     mean %s bits; mutual information with the label %s bits%n",
                Text.fixed(model.meanEntropy(), 4), Text.fixed(model.meanMutualInformation(), 4));
        out.printf(Locale.ROOT, "Graph       %s, %s (%s, %s weights)%n",
                Text.count(r.graph().graph().nodeCount(), "node", "nodes"),
                Text.count(r.graph().graph().edgeCount(), "edge", "edges"),
                r.settings().graph().scope().toString().toLowerCase(Locale.ROOT),
                r.settings().graph().weight().toString().toLowerCase(Locale.ROOT));
        out.printf(Locale.ROOT, "Communities %,d (%,d of two or more; %s, seed %d), modularity %s%n",
                communities.communities(), communities.nonSingletonCommunities(), Text.safe(r.communities().algorithm()),
                r.communities().parameters().seed(), Text.fixed(communities.modularity(), 4));
        NullModel nulls = r.communities().nullModel();
        if (nulls != null) {
            out.printf(Locale.ROOT, "Null model  %s +- %s over %s, z %s, p %s; firing-rate baseline %s%n",
                    Text.fixed(nulls.mean(), 4), Text.fixed(nulls.sd(), 4), Text.count(nulls.samples(), "draw", "draws"),
                    nulls.z() == null ? "n/a" : Text.fixed(nulls.z(), 1), Text.fixed(nulls.p(), 3),
                    Text.fixed(nulls.baseline(), 4));
        }
        out.printf(Locale.ROOT, "Alignment   %,d of %,d neurons have a preferred class; purity %s, NMI %s%n",
                communities.alignedNeurons(), model.neurons(), Text.fixed(communities.purity(), 4),
                Text.fixed(communities.nmi(), 4));
        Text.printFiles(out, dir, OutputFiles.ANALYZE);
        out.flush();
    }

    /**
     * @param err where to print
     * @param warnings one {@code coact: warning:} line each
     */
    public static void printWarnings(PrintWriter err, List<String> warnings) {
        for (String w : warnings) {
            err.println("coact: warning: " + Text.safe(w));
        }
        err.flush();
    }
}
