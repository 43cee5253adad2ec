package org.coact.runner.cli;

import org.coact.runner.plugin.CoactVersion;
import picocli.CommandLine.Command;

/**
 * The top-level {@code coact} command. Its subcommands are {@link #SUBCOMMANDS}, added by
 * {@link Main}: only the one a command line names, when it names one (picocli reads every
 * subcommand's annotations when it is added: all six took 0.4 s of a 0.6 s {@code --version} without
 * class-data sharing, {@code analyze} alone 0.2 s).
 */
@Command(name = "coact",
        mixinStandardHelpOptions = true,
        versionProvider = CoactCommand.Version.class,
        description = "Explain a trained classifier from its neurons' activation behaviour: co-activation "
            + "communities and entropy (Mostafa & Mondal, arXiv 2106.04693).",
        footer = {"", "Every figure and option is defined in docs/METHOD.md (in the distribution; src/docs/METHOD.md "
                + "in the source).",
            "Exit codes: 0 ok, 1 other error, 2 usage/config, 3 model, 4 data, 70 internal.",
            "Environment: COACT_PLUGINS_DIR (plugins directory), COACT_DEBUG=1 (stack traces)."})
public final class CoactCommand implements java.util.concurrent.Callable<Integer> {

    /** The subcommands, in the order the usage lists them. */
    static final java.util.List<Class<?>> SUBCOMMANDS = java.util.List.of(AnalyzeCommand.class, EvolveCommand.class,
            LayersCommand.class, PluginsCommand.class, DemoCommand.class, BenchCommand.class);

    /**
     * @param args a command line
     * @return the subcommand its first argument names (by name or alias), or all of them
     */
    static java.util.List<Class<?>> subcommandsFor(String[] args) {
        if (args.length > 0) {
            for (Class<?> c : SUBCOMMANDS) {
                Command command = c.getAnnotation(Command.class);
                if (command.name().equals(args[0]) || java.util.Arrays.asList(command.aliases()).contains(args[0])) {
                    return java.util.List.of(c);
                }
            }
        }
        return SUBCOMMANDS;
    }

    @picocli.CommandLine.Spec
    private picocli.CommandLine.Model.CommandSpec spec;

    /** Without a command: the usage on stderr and the usage exit code, as for any other mistake. */
    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getErr());
        spec.commandLine().getErr().println();
        spec.commandLine().getErr().println("coact: a command is needed, e.g. 'coact demo' or 'coact analyze --help'");
        spec.commandLine().getErr().flush();
        return ExitCodes.USAGE;
    }

    /** Reports the runner version. */
    public static final class Version implements picocli.CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"coact " + CoactVersion.get()};
        }
    }
}
