package org.coact.spark;

import java.io.PrintWriter;
import org.coact.runner.cli.Main;
import picocli.CommandLine.Command;

/**
 * Main class of the job jar for {@code spark-submit}:
 * {@code spark-submit --class org.coact.spark.CoactSpark coact-spark-job.jar analyze --model ... --data ... --out ...}.
 * Errors are the runner's: one {@code coact: error:} line on stderr and its exit code.
 */
@Command(name = "coact-spark", mixinStandardHelpOptions = true,
        description = {"Coact's analyses with the passes over the data as Apache Spark jobs.",
            "Models and data on Hadoop file systems (hdfs://, s3a://, ...) and Parquet data are read too."},
        subcommands = {SparkAnalyzeCommand.class, SparkEvolveCommand.class})
public final class CoactSpark implements Runnable {

    /**
     * Runs a command and exits with its code.
     *
     * @param args {@code analyze} and its options
     */
    public static void main(String[] args) {
        int code = Main.run(new CoactSpark(), args, new PrintWriter(System.out, true), new PrintWriter(System.err, true));
        System.exit(code);
    }

    @Override
    public void run() {
        throw new picocli.CommandLine.ParameterException(new picocli.CommandLine(this),
                "a command is needed: analyze or evolve");
    }
}
