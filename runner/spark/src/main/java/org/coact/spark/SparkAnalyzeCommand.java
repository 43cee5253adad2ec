package org.coact.spark;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.spark.api.java.JavaSparkContext;
import org.coact.analysis.Analysis;
import org.coact.analysis.Settings;
import org.coact.runner.cli.AnalysisOptions;
import org.coact.runner.cli.AnalyzeCommand;
import org.coact.runner.cli.ExitCodes;
import org.coact.runner.cli.ModelOptions;
import org.coact.runner.cli.OutputOptions;
import org.coact.runner.cli.PluginOptions;
import org.coact.runner.data.DataSource;
import org.coact.runner.output.OutputDirectory;
import org.coact.runner.output.Outputs;
import org.coact.runner.pipeline.AnalysisPipeline;
import org.coact.runner.pipeline.AnalyzeRequest;
import org.coact.runner.pipeline.ProgressListener;
import org.coact.runner.plugin.PluginHost;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code analyze} on Spark: the options of {@code coact analyze} plus {@link SparkOptions} and
 * {@link DataOptions}. The configuration, the output directory and the driver's plugins are
 * checked before Spark starts; then a model whose path has a scheme is copied here
 * ({@link LocalCopies}), the dataset resolved (Parquet planned from its footers), the runner's
 * pipeline runs with its passes as Spark jobs ({@link SparkShardRunner}) and the runner's
 * writers write every file on the driver, as {@code coact analyze} does; the report names the
 * model and data as given.
 */
@Command(name = "analyze", aliases = "analyse", mixinStandardHelpOptions = true,
        description = {"Analyse one model on a labelled dataset, the passes over the data as Spark jobs.",
            "Same options and files as 'coact analyze'; the report is the same byte for byte (timings aside).",
            "--model, --data and --labels with a scheme (hdfs://, s3a://, file:, ...) are read through Hadoop's file "
                + "systems (configured by spark.hadoop.*); --data may also be Parquet: a .parquet file or a directory "
                + "of part files, one array column per model input and an integer label column."})
public final class SparkAnalyzeCommand implements Callable<Integer> {

    @Mixin
    ModelOptions model;

    @Mixin
    PluginOptions plugins;

    @Mixin
    AnalysisOptions analysis;

    @Mixin
    OutputOptions output;

    @Mixin
    SparkOptions spark;

    @Mixin
    DataOptions data;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        Settings settings = analysis.config(Map.of()).analysis();
        try (OutputDirectory out = output.open()) {
            spark.validate();
            data.validate();
            PluginHost host = PluginHost.start(spark.driverPlugins(plugins.pluginsDir()));
            PrintWriter err = spec.commandLine().getErr();
            try (SparkApp app = SparkApp.start("coact analyze")) {
                JavaSparkContext context = app.context();
                HadoopFiles files = app.hadoop();
                String modelArg = DataOptions.raw(spec, "--model");
                Path modelPath = model.model();
                String modelLocation = null;
                if (HadoopFiles.isUri(modelArg)) {
                    modelPath = LocalCopies.model(files, modelArg).local();
                    modelLocation = modelArg;
                }
                DataSource source = data.source(DataOptions.raw(spec, "--data"), DataOptions.raw(spec, "--labels"),
                        files);
                SparkShardRunner runner = new SparkShardRunner(context, files, host, spark.layout(), TaskHook.NONE,
                        SparkApp.log(err, output.quiet()));
                Analysis result = AnalysisPipeline.of(host).withShardRunner(runner).analyze(new AnalyzeRequest(
                        modelPath, modelLocation, model.format(), model.openOptions(), source, settings,
                        spark.shards(context.defaultParallelism())), ProgressListener.NONE);
                Outputs.analysis(out, result);
                AnalyzeCommand.printWarnings(err, result.warnings());
                if (!output.quiet()) {
                    AnalyzeCommand.printSummary(spec.commandLine().getOut(), result, out.path());
                }
            }
        }
        return ExitCodes.OK;
    }
}
