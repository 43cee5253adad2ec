package org.coact.runner.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import org.coact.api.community.CommunityAlgorithm;
import org.coact.api.format.ModelFormat;
import org.coact.runner.plugin.AlgorithmRegistry;
import org.coact.runner.plugin.FormatRegistry;
import org.coact.runner.plugin.PluginHost;
import org.coact.runner.plugin.Registered;
import org.pf4j.PluginWrapper;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code coact plugins}: the loaded plugins, model formats and community algorithms. */
@Command(name = "plugins", mixinStandardHelpOptions = true,
        description = {"List the plugins, model formats and community algorithms.",
            "Each with the plugin (id and version) that provides it."})
public final class PluginsCommand implements Callable<Integer> {

    @Mixin
    private PluginOptions plugins;

    @Spec
    private CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PluginHost host = plugins.start();
        out.println("Plugins directory: " + host.pluginsDir());
        out.println();
        out.println("Plugins:");
        if (host.plugins().isEmpty()) {
            out.println("  (none)");
        }
        for (PluginWrapper p : host.plugins()) {
            out.printf("  %-12s %-16s %s%n", p.getPluginId(), p.getDescriptor().getVersion(),
                    p.getDescriptor().getPluginDescription());
        }
        out.println();
        out.println("Model formats:");
        for (Registered<ModelFormat> f : new FormatRegistry(host.extensions(ModelFormat.class)).all()) {
            out.printf("  %-12s %-28s %s%n", f.extension().id(), "[" + f.origin().id() + " " + f.origin().version() + "]",
                    f.extension().description());
        }
        out.println();
        out.println("Community algorithms:");
        for (Registered<CommunityAlgorithm> a : new AlgorithmRegistry(host.extensions(CommunityAlgorithm.class)).all()) {
            out.printf("  %-12s %-28s %s%n", a.extension().id(), "[" + a.origin().id() + " " + a.origin().version() + "]",
                    a.extension().description());
        }
        out.flush();
        return ExitCodes.OK;
    }
}
