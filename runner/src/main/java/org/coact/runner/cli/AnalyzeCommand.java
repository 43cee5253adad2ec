package org.coact.runner.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.coact.runner.config.AnalysisConfig;
import org.coact.runner.config.ConfigLoader;
import org.coact.runner.pipeline.AnalysisPipeline;
import org.coact.runner.pipeline.AnalysisResult;
import org.coact.runner.report.CsvTables;
import org.coact.runner.report.OutputFiles;
import org.coact.runner.report.GraphFiles;
import org.coact.runner.report.html.HtmlReports;
import org.coact.runner.pipeline.AnalyzeRequest;
import org.coact.runner.pipeline.ProgressListener;
import org.coact.runner.plugin.PluginHost;
import org.coact.runner.report.Report;
import org.coact.runner.report.ReportWriter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
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
        AnalysisConfig config = analysis.config();
        Path out = output.prepare();
        PluginHost host = plugins.start();
        AnalysisPipeline pipeline = AnalysisPipeline.of(host);
        AnalysisResult result = pipeline.run(new AnalyzeRequest(model.model, model.format(), model.openOptions(),
                analysis.data, analysis.labels, config), output.quiet ? ProgressListener.NONE : new ProgressBarListener());
        Report report = result.report();
        ReportWriter.writeJson(out.resolve("report.json"), report);
        CsvTables.write(out, List.of(new CsvTables.Labelled(null, report)));
        GraphFiles.write(out, report, result.graph());
        String html = HtmlReports.analysis(report, result.graph());
        ReportWriter.writeText(out.resolve("report.html"), html);
        printWarnings(spec.commandLine().getErr(), report.warnings());
        if (!output.quiet) {
            printSummary(spec.commandLine().getOut(), report, out);
        }
        return ExitCodes.OK;
    }

    static void printSummary(PrintWriter out, Report r, Path dir) {
        out.printf(java.util.Locale.ROOT, "Model       %s (%s)%n", r.model().path(), r.model().format());
        out.printf(java.util.Locale.ROOT, "Data        %s: %s, %s%n", r.dataset().path(), Text.count(r.dataset().samples(), "sample", "samples"),
                Text.count(r.dataset().classes(), "class", "classes"));
        out.printf(java.util.Locale.ROOT, "Accuracy    %s (%s correct)%n", Text.fixed(r.accuracy(), 4), String.format(java.util.Locale.ROOT, "%,d", r.correct()));
        out.printf(java.util.Locale.ROOT, "Neurons     %,d in %s; %,d dead, %,d always on%n", r.summary().neurons(),
                Text.count(r.summary().layers(), "layer", "layers"), r.summary().dead(), r.summary().alwaysOn());
        out.printf(java.util.Locale.ROOT, "Entropy     mean %s bits; mutual information with the label %s bits%n",
                Text.fixed(r.summary().meanEntropyBits(), 4), Text.fixed(r.summary().meanMutualInformationBits(), 4));
        out.printf(java.util.Locale.ROOT, "Graph       %s, %s%n", Text.count(r.graph().nodes(), "node", "nodes"),
                Text.count(r.graph().edges(), "edge", "edges"));
        out.printf(java.util.Locale.ROOT, "Communities %,d (%s, seed %d), modularity %s%n", r.communities().count(),
                r.communities().algorithm(), r.communities().seed(), Text.fixed(r.communities().modularity(), 4));
        Text.printFiles(out, dir, OutputFiles.ANALYZE);
        out.flush();
    }

    static void printWarnings(PrintWriter err, List<String> warnings) {
        for (String w : warnings) {
            err.println("coact: warning: " + w);
        }
        err.flush();
    }

    /** Dataset and analysis options shared by analyze and demo. */
    public static final class AnalysisOptions {

        @Option(names = {"-d", "--data"}, required = true, paramLabel = "DATA",
                description = "Dataset: .npz (arrays x and y, or named after the model inputs) or .npy.")
        Path data;

        @Option(names = {"-l", "--labels"}, paramLabel = "LABELS",
                description = "Labels as a .npy of integers 0..K-1 (default: array y of the .npz).")
        Path labels;

        @Option(names = "--layers", paramLabel = "LAYERS", split = ",",
                description = "auto (activation outputs, the default), or layer names/globs, comma-separated; "
                        + "see 'coact layers' (docs/METHOD.md 1).")
        List<String> layers;

        @Option(names = {"-c", "--config"}, paramLabel = "FILE.yaml",
                description = "YAML configuration overlaid on the defaults (conf/coact.yaml; every key in "
                        + "docs/METHOD.md 11).")
        Path configFile;

        @Option(names = "--algorithm", paramLabel = "ID", description = "Community algorithm: louvain (default), leiden, label-propagation, girvan-newman, or a "
                + "plugin's (docs/METHOD.md 6).")
        String algorithm;

        @Option(names = "--seed", paramLabel = "S", description = "Random seed of the community algorithm (default 42; docs/METHOD.md 6).")
        Long seed;

        @Option(names = "--resolution", paramLabel = "GAMMA", description = "Modularity resolution gamma (default 1.0; docs/METHOD.md 6).")
        Double resolution;

        @Option(names = "--threshold", paramLabel = "TAU|'quantile Q'",
                description = "Active iff value > threshold: a number (default 0.0), or 'quantile Q' for each "
                        + "neuron's own Q-quantile over the dataset (0 <= Q <= 1; exact, a few extra passes; "
                        + "docs/METHOD.md 3).")
        String threshold;

        @Option(names = "--batch-size", paramLabel = "N", description = "Samples per forward pass (default 64); changes speed and memory, never the "
                + "figures (docs/METHOD.md 4).")
        Integer batchSize;

        @Option(names = "--scale", paramLabel = "X", description = "Multiplier for integer inputs, e.g. 0.00392156862745098 for uint8/255.")
        Double scale;

        AnalysisConfig config() throws org.coact.api.ConfigException {
            Map<String, Object> overrides = new LinkedHashMap<>();
            if (layers != null) {
                overrides.put("layers", layers);
            }
            put(overrides, "community.algorithm", algorithm);
            put(overrides, "community.seed", seed);
            put(overrides, "community.resolution", resolution);
            put(overrides, "threshold", threshold);
            put(overrides, "batch_size", batchSize);
            put(overrides, "data.scale", scale);
            return new ConfigLoader().load(configFile, overrides);
        }

        private static void put(Map<String, Object> m, String key, Object value) {
            if (value != null) {
                m.put(key, value);
            }
        }
    }
}
