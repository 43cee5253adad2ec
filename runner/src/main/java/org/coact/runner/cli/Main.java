package org.coact.runner.cli;

import java.io.PrintWriter;
import org.coact.api.CoactException;
import picocli.CommandLine;

/** Entry point of the {@code coact} command. */
public final class Main {

    private Main() {
    }

    /**
     * Runs the CLI and exits with its code.
     *
     * @param args command-line arguments
     */
    public static void main(String[] args) {
        System.exit(run(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
    }

    /**
     * Runs the CLI without exiting (for tests and embedding).
     *
     * @param args command-line arguments
     * @param out standard output
     * @param err standard error
     * @return the exit code
     */
    public static int run(String[] args, PrintWriter out, PrintWriter err) {
        CommandLine cli = new CommandLine(new CoactCommand());
        cli.setOut(out);
        cli.setErr(err);
        cli.setExitCodeExceptionMapper(new ExitCodes());
        cli.setExecutionExceptionHandler((ex, commandLine, parseResult) -> {
            report(ex, commandLine.getErr());
            return ExitCodes.of(ex);
        });
        cli.setParameterExceptionHandler((ex, args1) -> {
            PrintWriter e = ex.getCommandLine().getErr();
            e.println("coact: " + Text.safe(UsageErrors.describe(ex)));
            e.flush();
            return ExitCodes.USAGE;
        });
        return cli.execute(args);
    }

    private static void report(Exception ex, PrintWriter err) {
        boolean debug = "1".equals(System.getenv("COACT_DEBUG"));
        if (ex instanceof CoactException) {
            err.println("coact: error: " + Text.safe(ex.getMessage()));
        } else if (ex instanceof java.io.IOException) {
            err.println("coact: error: " + Text.safe(ex));
        } else {
            err.println("coact: internal error: " + Text.safe(ex) + " (this is a bug; re-run with COACT_DEBUG=1 for the stack trace)");
        }
        if (debug) {
            ex.printStackTrace(err);
        }
        err.flush();
    }
}
