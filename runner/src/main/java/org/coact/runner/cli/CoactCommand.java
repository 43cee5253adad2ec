package org.coact.runner.cli;

import org.coact.runner.CoactVersion;
import picocli.CommandLine.Command;

/** The top-level {@code coact} command. */
@Command(name = "coact",
        mixinStandardHelpOptions = true,
        versionProvider = CoactCommand.Version.class,
        description = "Explain a trained classifier from its neurons' activation behaviour: co-activation "
            + "communities and entropy (Mostafa & Mondal, arXiv 2106.04693).",
        subcommands = {AnalyzeCommand.class, EvolveCommand.class, LayersCommand.class, PluginsCommand.class, DemoCommand.class},
        footer = {"", "Exit codes: 0 ok, 1 other error, 2 usage/config, 3 model, 4 data, 70 internal.",
            "Environment: COACT_PLUGINS_DIR (plugins directory), COACT_DEBUG=1 (stack traces)."})
public final class CoactCommand implements Runnable {

    @picocli.CommandLine.Spec
    private picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** Reports the runner version. */
    public static final class Version implements picocli.CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"coact " + CoactVersion.get()};
        }
    }
}
