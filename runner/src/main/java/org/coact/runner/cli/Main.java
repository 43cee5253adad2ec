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
        coactStderr();
        int code = run(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true));
        System.exit(code);
    }

    /**
     * With {@code -Dcoact.stderr=/dev/fd/N} (the launcher's), Coact's own messages and progress
     * go to that descriptor, the terminal's stderr, while the native engines keep file
     * descriptor 2, which the launcher filters of their log lines (src/bin/coact). Opened for
     * appending, so nothing is truncated.
     */
    private static void coactStderr() {
        String path = System.getProperty("coact.stderr");
        if (path == null || path.isEmpty()) {
            return;
        }
        try {
            System.setErr(new java.io.PrintStream(new java.io.FileOutputStream(path, true), true,
                    java.nio.charset.Charset.defaultCharset()));
        } catch (java.io.IOException | SecurityException e) {
            // keep descriptor 2: the messages still arrive, beside the engines' lines
        }
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
        return run(commandLine(args), args, out, err);
    }

    /** @return {@code coact} with every subcommand (for its usage and help texts) */
    public static CommandLine commandLine() {
        return commandLine(new String[0]);
    }

    /** @return {@code coact} with the subcommand {@code args} names, or every one */
    private static CommandLine commandLine(String[] args) {
        CommandLine cli = new CommandLine(new CoactCommand());
        for (Class<?> sub : CoactCommand.subcommandsFor(args)) {
            cli.addSubcommand(instance(sub));
        }
        return cli;
    }

    private static Object instance(Class<?> command) {
        try {
            return command.getDeclaredConstructor().newInstance();
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot create " + command.getName() + ": " + e, e);
        }
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
        return run(new CommandLine(command), args, out, err);
    }

    private static int run(CommandLine cli, String[] args, PrintWriter out, PrintWriter err) {
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
        try {
            return cli.execute(args);
        } catch (Throwable t) { // an Error picocli does not hand to the handler (a stack overflow, out of memory)
            report(t, err);
            return ExitCodes.of(t);
        }
    }

    private static void report(Throwable ex, PrintWriter err) {
        boolean debug = "1".equals(System.getenv("COACT_DEBUG"));
        if (ex instanceof CoactException || ex instanceof org.coact.runner.plugin.PluginFailure) {
            err.println("coact: error: " + Text.safe(ex.getMessage()));
        } else if (ex instanceof OutOfMemoryError) {
            // the run's data is unreachable by now, so there is room for one line
            err.println("coact: error: out of Java heap (" + ex.getMessage() + ", at most "
                    + Runtime.getRuntime().maxMemory() / (1024 * 1024) + " MiB); give Java more heap "
                    + "(JAVA_OPTS=-Xmx...), select fewer layers (--layers) or use a smaller batch_size");
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
