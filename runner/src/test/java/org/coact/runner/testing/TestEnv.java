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
}
