package org.coact.runner.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.coact.analysis.Analysis;
import org.coact.api.format.ModelFormat;
import org.coact.api.format.Recognition;
import org.coact.runner.config.Configuration;
import org.coact.runner.config.EvolveSettings;
import org.coact.runner.data.DataSource;
import org.coact.runner.data.FileSource;
import org.coact.runner.evolve.CheckpointSeries;
import org.coact.runner.evolve.Evolution;
import org.coact.runner.evolve.EvolutionPipeline;
import org.coact.runner.output.OutputDirectory;
import org.coact.runner.output.OutputFiles;
import org.coact.runner.output.Outputs;
import org.coact.runner.pipeline.AnalysisPipeline;
import org.coact.runner.pipeline.ProgressListener;
import org.coact.runner.plugin.PluginHost;
import org.coact.runner.plugin.Registered;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code coact evolve}: a series of checkpoints, figures against accuracy, community tracking.
 * Open for commands that run the same series elsewhere (coact-spark's {@code evolve}): they
 * choose the plugins, the pipeline and the shards per checkpoint by overriding the hooks below,
 * which are called after the configuration and the output directory are checked.
 */
@Command(name = "evolve", mixinStandardHelpOptions = true,
        description = {"Analyse a series of checkpoints of one architecture.",
            "One configuration for every checkpoint (docs/METHOD.md 8): every figure per checkpoint, their Pearson and "
                + "Spearman correlation with accuracy, and community tracking (continuations, births, deaths, "
                + "splits, merges). Writes into DIR: " + EvolveCommand.FILES + "."})
public class EvolveCommand implements Callable<Integer> {

    static final String FILES = "evolution.html, evolution.json, checkpoints.csv, layers.csv, neurons.csv";

    @Option(names = "--models", required = true, split = ",", arity = "1..*", paramLabel = "MODELS",
            description = "A directory of checkpoints, a quoted glob ('runs/mlp-epoch*.onnx'), or a list of models "
                    + "(comma-separated or repeated).")
    List<String> models;

    @Option(names = "--order", paramLabel = "epoch|name|given",
            description = "Series order (config key evolve.order): epoch number in file names (default for a "
                    + "directory or glob), name, or given (default for an explicit list).")
    String order;

    @Mixin
    FormatOptions formatOptions;

    @Option(names = "--min-jaccard", paramLabel = "J",
            description = "Jaccard overlap a community match needs (config key evolve.min_jaccard, default 0.3; "
                    + "docs/METHOD.md 8).")
    Double minJaccard;

    @Option(names = "--include-singletons",
            description = "Track one-neuron communities too (config key evolve.include_singletons, off by default).")
    boolean includeSingletons;

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
        Map<String, Object> flags = new LinkedHashMap<>();
        if (order != null) {
            flags.put("evolve.order", order);
        }
        if (minJaccard != null) {
            flags.put("evolve.min_jaccard", minJaccard);
        }
        if (includeSingletons) {
            flags.put("evolve.include_singletons", true);
        }
        Configuration config = analysis.config(flags);
        EvolveSettings evolve = config.evolve();
        try (OutputDirectory out = output.open()) {
            return run(config, evolve, out);
        }
    }

    private int run(Configuration config, EvolveSettings evolve, OutputDirectory out) throws Exception {
        PrintWriter err = spec.commandLine().getErr();
        PluginHost host = startPlugins(plugins.pluginsDir());
        List<Registered<ModelFormat>> all = AnalysisPipeline.of(host).formats().all();
        List<CheckpointSeries.Checkpoint> series = CheckpointSeries.resolve(models, evolve.order(),
                p -> all.stream().anyMatch(f -> f.extension().recognize(p) != Recognition.NO));
        AnalysisPipeline analyses = pipeline(host);
        Evolution result = new EvolutionPipeline(analyses).run(series, formatOptions.format,
                formatOptions.openOptions(), dataSource(analysis), config.analysis(),
                new Evolution.TrackingOptions(evolve.minJaccard(), evolve.includeSingletons()), shards(), (i, total, c) -> {
                    if (output.quiet) {
                        return ProgressListener.NONE;
                    }
                    err.printf(Locale.ROOT, "[%d/%d] %s%n", i + 1, total, Text.safe(c.path()));
                    err.flush();
                    return progressBars() ? new ProgressBarListener() : ProgressListener.NONE;
                });
        Outputs.evolution(out, result);
        List<String> warnings = new ArrayList<>();
        for (Evolution.Checkpoint c : result.checkpoints()) {
            for (String w : c.analysis().warnings()) {
                warnings.add(c.label() + ": " + w);
            }
        }
        AnalyzeCommand.printWarnings(err, warnings);
        if (!output.quiet) {
            printSummary(spec.commandLine().getOut(), result, out.path());
        }
        return ExitCodes.OK;
    }

    /**
     * @param pluginsDirFlag the {@code --plugins-dir} value, or null
     * @return the started plugins
     * @throws org.coact.api.ConfigException if the directory is missing or a plugin fails
     */
    protected PluginHost startPlugins(Path pluginsDirFlag) throws org.coact.api.ConfigException {
        return PluginHost.start(PluginHost.resolvePluginsDir(pluginsDirFlag));
    }

    /**
     * @param host the started plugins
     * @return the pipeline every checkpoint is analysed by
     * @throws org.coact.api.CoactException if it cannot be made
     */
    protected AnalysisPipeline pipeline(PluginHost host) throws org.coact.api.CoactException {
        return AnalysisPipeline.of(host);
    }

    /**
     * @param options the {@code --data} and {@code --labels} options
     * @return the dataset every checkpoint is analysed on (files of this machine here)
     * @throws org.coact.api.CoactException if it cannot be opened
     */
    protected DataSource dataSource(AnalysisOptions options) throws org.coact.api.CoactException {
        return FileSource.of(options.data(), options.labels());
    }

    /**
     * @return the shards each checkpoint's dataset is split into (the figures do not depend on it)
     * @throws org.coact.api.CoactException if they cannot be decided
     */
    protected int shards() throws org.coact.api.CoactException {
        return 1;
    }

    /** @return this command's standard error */
    protected final PrintWriter err() {
        return spec.commandLine().getErr();
    }

    /** @return whether {@code --quiet} was given */
    protected final boolean quiet() {
        return output.quiet();
    }

    /** @return whether each checkpoint's passes show a progress bar (unless {@code --quiet}) */
    protected boolean progressBars() {
        return true;
    }

    private static void printSummary(PrintWriter out, Evolution r, Path dir) {
        List<List<String>> rows = new ArrayList<>();
        rows.add(List.of("checkpoint", "epoch", "accuracy", "modularity", "communities", "entropy", "MI"));
        for (Evolution.Checkpoint c : r.checkpoints()) {
            Analysis a = c.analysis();
            rows.add(List.of(c.label(), c.epoch() == null ? "-" : c.epoch().toString(), Text.fixed(a.accuracy(), 4),
                    Text.fixed(a.communities().figures().modularity(), 4),
                    Integer.toString(a.communities().figures().communities()),
                    Text.fixed(a.entropy().model().meanEntropy(), 4),
                    Text.fixed(a.entropy().model().meanMutualInformation(), 4)));
        }
        Text.table(rows, 2).forEach(out::println);
        out.println();
        out.println("Correlation with accuracy (n = " + r.checkpoints().size() + "):");
        List<List<String>> corr = new ArrayList<>();
        corr.add(List.of("figure", "Pearson", "p", "Spearman", "p"));
        for (Evolution.Correlation c : r.correlations()) {
            corr.add(List.of(c.figure(), value(c.pearson()), p(c.pearson()), value(c.spearman()), p(c.spearman())));
        }
        Text.table(corr, 2).forEach(line -> out.println("  " + line));
        out.println();
        out.println("Community tracking:");
        List<List<String>> tracking = new ArrayList<>();
        tracking.add(List.of("from", "to", "continued", "born", "died", "split", "merged"));
        for (Evolution.Transition t : r.transitions()) {
            tracking.add(List.of(Integer.toString(t.from()), Integer.toString(t.to()), Integer.toString(t.continuations()),
                    Integer.toString(t.births()), Integer.toString(t.deaths()), Integer.toString(t.splits()),
                    Integer.toString(t.merges())));
        }
        Text.table(tracking, 2).forEach(line -> out.println("  " + line));
        out.println();
        Text.printFiles(out, dir, OutputFiles.EVOLVE);
        out.flush();
    }

    private static String value(Evolution.Coefficient c) {
        return c.value() == null ? "n/a" : (c.value() >= 0 ? "+" : "") + Text.fixed(c.value(), 3);
    }

    private static String p(Evolution.Coefficient c) {
        return c.value() == null ? "-" : String.format(java.util.Locale.ROOT, "%.2g", c.pValue());
    }

}
