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
        int code;
        try {
            code = run(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true));
        } catch (OutOfMemoryError e) {
            // the run's data is unreachable now, so there is room for one line
            System.err.println("coact: error: out of Java heap (" + e.getMessage() + ", at most "
                    + Runtime.getRuntime().maxMemory() / (1024 * 1024) + " MiB); give Java more heap "
                    + "(JAVA_OPTS=-Xmx...), select fewer layers (--layers) or use a smaller batch_size");
            if ("1".equals(System.getenv("COACT_DEBUG"))) {
                e.printStackTrace();
            }
            code = ExitCodes.OTHER;
        }
        System.exit(code);
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
        return run(new CoactCommand(), args, out, err);
    }

    /**
     * Runs a picocli command as {@code coact} runs its own: one {@code coact: error:} line and
     * the exit code of {@link ExitCodes} for a failure, {@code coact: } and a usage line for a bad
     * command line (for commands built on the runner's, e.g. coact-spark's).
     *
     * @param command a picocli {@code @Command} object
     * @param args command-line arguments
     * @param out standard output
     * @param err standard error
     * @return the exit code
     */
    public static int run(Object command, String[] args, PrintWriter out, PrintWriter err) {
        CommandLine cli = new CommandLine(command);
        cli.setOut(out);
        cli.setErr(err);
        cli.setExitCodeExceptionMapper(new ExitCodes());
        cli.setExecutionExceptionHandler((ex, commandLine, parseResult) -> {
            report(ex, commandLine.getErr());
            return ExitCodes.of(ex);
        });
        cli.setParameterExceptionHandler((ex, args1) -> {
            PrintWriter e = ex.getCommandLine().getErr();
            e.println("coact: " + UsageErrors.describe(ex));
            e.flush();
            return ExitCodes.USAGE;
        });
        return cli.execute(args);
    }

    private static void report(Exception ex, PrintWriter err) {
        boolean debug = "1".equals(System.getenv("COACT_DEBUG"));
        if (ex instanceof CoactException) {
            err.println("coact: error: " + ex.getMessage());
        } else if (ex instanceof java.io.IOException) {
            err.println("coact: error: " + ex);
        } else {
            err.println("coact: internal error: " + ex + " (this is a bug; re-run with COACT_DEBUG=1 for the stack trace)");
        }
        if (debug) {
            ex.printStackTrace(err);
        }
        err.flush();
    }
}
