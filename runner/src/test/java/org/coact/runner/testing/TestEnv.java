package org.coact.runner.testing;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.coact.runner.cli.Main;

/** Where the tests find the packaged plugins and the bundled test models, and a CLI runner. */
public final class TestEnv {

    private TestEnv() {
    }

    /** @return the directory the build copied the packaged plugin zips into */
    public static Path plugins() {
        Path p = Path.of(System.getProperty("coact.test.plugins", "target/test-plugins"));
        assertTrue(Files.isDirectory(p), "packaged plugins missing at " + p + "; run 'mvn verify' from the root");
        return p;
    }

    /** @return the repository's testmodels directory */
    public static Path testmodels() {
        Path p = Path.of(System.getProperty("coact.testmodels", "../testmodels"));
        assertTrue(Files.isDirectory(p), "testmodels missing at " + p);
        return p;
    }

    /** @param relative a path inside testmodels @return it */
    public static Path model(String relative) {
        return testmodels().resolve(relative);
    }

    /**
     * What one CLI run produced.
     *
     * @param exitCode the exit code
     * @param out standard output
     * @param err standard error
     */
    public record Run(int exitCode, String out, String err) {
        /** @return stderr's non-empty lines */
        public java.util.List<String> errLines() {
            return err.lines().filter(l -> !l.isBlank()).toList();
        }
    }

    /**
     * Runs {@code coact} in-process with the packaged plugins.
     *
     * @param args arguments, {@code --plugins-dir} is added for commands that take it
     * @return exit code and output
     */
    public static Run coact(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        String[] all = args;
        if (args.length > 0 && !args[0].equals("demo") && java.util.Arrays.stream(args).noneMatch(a -> a.equals("--plugins-dir"))
                && !java.util.Arrays.asList(args).contains("--help")) {
            all = java.util.stream.Stream.concat(java.util.Arrays.stream(args),
                    java.util.stream.Stream.of("--plugins-dir", plugins().toString())).toArray(String[]::new);
        }
        int code = Main.run(all, new PrintWriter(out, true), new PrintWriter(err, true));
        return new Run(code, out.toString(), err.toString());
    }

    /**
     * A user mistake: the exit code, exactly one stderr line naming the culprit (no exception
     * class names), and no report in {@code outDir}.
     *
     * @param run the CLI run
     * @param exitCode the expected exit code
     * @param outDir the --out directory the run was given
     * @param mustContain what the line must say
     */
    public static void assertUserError(Run run, int exitCode, Path outDir, String... mustContain) {
        org.junit.jupiter.api.Assertions.assertEquals(exitCode, run.exitCode(), run.err());
        org.junit.jupiter.api.Assertions.assertEquals(1, run.errLines().size(),
                "exactly one line on stderr: " + run.err());
        String line = run.errLines().get(0);
        assertTrue(line.startsWith("coact: error: "), line);
        for (String s : mustContain) {
            assertTrue(line.contains(s), "'" + line + "' should contain '" + s + "'");
        }
        org.junit.jupiter.api.Assertions.assertFalse(line.contains("Exception"),
                "no exception class names for a user mistake: " + line);
        org.junit.jupiter.api.Assertions.assertFalse(Files.exists(outDir.resolve("report.json")),
                "no report on failure");
    }

    /**
     * @return a pipeline over the packaged plugins (the JVM's one host for that directory)
     * @throws Exception if the plugins do not start
     */
    public static org.coact.runner.pipeline.AnalysisPipeline pipeline() throws Exception {
        return org.coact.runner.pipeline.AnalysisPipeline.of(org.coact.runner.plugin.PluginHost.start(plugins()));
    }

    /**
     * @param model a model inside testmodels
     * @param overrides configuration keys over the defaults
     * @return a request to analyse it on the bundled 2,000 MNIST test digits
     * @throws Exception if the configuration is invalid
     */
    public static org.coact.runner.pipeline.AnalyzeRequest mnistRequest(String model, java.util.Map<String, Object> overrides)
            throws Exception {
        return new org.coact.runner.pipeline.AnalyzeRequest(model(model), null, org.coact.api.format.OpenOptions.NONE,
                model("mnist/test.npz"), null, new org.coact.runner.config.ConfigLoader().load(null, overrides).analysis());
    }
}
