package org.coact.spark;

import java.nio.file.Path;
import org.coact.api.CoactException;
import org.coact.api.ConfigException;
import org.coact.runner.cli.AnalysisOptions;
import org.coact.runner.cli.EvolveCommand;
import org.coact.runner.data.DataSource;
import org.coact.runner.pipeline.AnalysisPipeline;
import org.coact.runner.plugin.PluginHost;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code evolve} on Spark: {@code coact evolve} with every checkpoint's passes as Spark jobs,
 * one checkpoint after another (one job per checkpoint and pass, each over all of that
 * checkpoint's shards), so each checkpoint is exactly an {@code analyze} run and the series'
 * correlations and tracking are the runner's. Spark starts once the configuration, the output
 * directory, the plugins and the series are checked.
 */
@Command(name = "evolve", mixinStandardHelpOptions = true,
        description = {"Analyse a series of checkpoints of one architecture, the passes over the data as Spark jobs.",
            "Same options and files as 'coact evolve'; one Spark job per checkpoint and pass.",
            "--data and --labels with a scheme (hdfs://, s3a://, file:, ...) are read through Hadoop's file systems; "
                + "--data may also be Parquet (see 'analyze --help'). The checkpoints are paths of this machine "
                + "(a shared file system)."})
public final class SparkEvolveCommand extends EvolveCommand {

    @Mixin
    SparkOptions spark;

    @Mixin
    DataOptions data;

    @Spec
    CommandSpec sparkSpec;

    private SparkApp app;

    @Override
    public Integer call() throws Exception {
        try {
            return super.call();
        } finally {
            if (app != null) {
                app.close();
            }
        }
    }

    @Override
    protected PluginHost startPlugins(Path pluginsDirFlag) throws ConfigException {
        spark.validate();
        data.validate();
        return PluginHost.start(spark.driverPlugins(pluginsDirFlag));
    }

    @Override
    protected AnalysisPipeline pipeline(PluginHost plugins) throws CoactException {
        SparkShardRunner runner = new SparkShardRunner(app().context(), app().hadoop(), plugins, spark.layout(),
                TaskHook.NONE, SparkApp.log(err(), quiet()));
        return AnalysisPipeline.of(plugins).withShardRunner(runner);
    }

    @Override
    protected DataSource dataSource(AnalysisOptions options) throws CoactException {
        return data.source(DataOptions.raw(sparkSpec, "--data"), DataOptions.raw(sparkSpec, "--labels"),
                app().hadoop());
    }

    @Override
    protected int shards() throws ConfigException {
        return spark.shards(app().context().defaultParallelism());
    }

    @Override
    protected boolean progressBars() {
        return false;
    }

    private SparkApp app() {
        if (app == null) {
            app = SparkApp.start("coact evolve");
        }
        return app;
    }
}
