package org.coact.runner.cli;

import org.coact.runner.plugin.CoactVersion;
import picocli.CommandLine.Command;

/** The top-level {@code coact} command. */
@Command(name = "coact",
        mixinStandardHelpOptions = true,
        versionProvider = CoactCommand.Version.class,
        description = "Explain a trained classifier from its neurons' activation behaviour: co-activation "
            + "communities and entropy (Mostafa & Mondal, arXiv 2106.04693).",
        subcommands = {AnalyzeCommand.class, EvolveCommand.class, LayersCommand.class, PluginsCommand.class, DemoCommand.class,
            BenchCommand.class},
        footer = {"", "Every figure and option is defined in docs/METHOD.md (in the distribution; src/docs/METHOD.md "
                + "in the source).",
            "Exit codes: 0 ok, 1 other error, 2 usage/config, 3 model, 4 data, 70 internal.",
            "Environment: COACT_PLUGINS_DIR (plugins directory), COACT_DEBUG=1 (stack traces)."})
public final class CoactCommand implements java.util.concurrent.Callable<Integer> {

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
