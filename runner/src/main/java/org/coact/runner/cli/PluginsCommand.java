package org.coact.runner.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
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
        List<List<String>> plugins = new ArrayList<>();
        plugins.add(List.of("ID", "VERSION", "DESCRIPTION"));
        for (PluginWrapper p : host.plugins()) {
            plugins.add(List.of(p.getPluginId(), p.getDescriptor().getVersion(),
                    String.valueOf(p.getDescriptor().getPluginDescription())));
        }
        print(out, plugins);
        out.println();
        out.println("Model formats:");
        List<List<String>> formats = new ArrayList<>();
        formats.add(List.of("ID", "PLUGIN", "DESCRIPTION"));
        for (Registered<ModelFormat> f : new FormatRegistry(host.extensions(ModelFormat.class)).all()) {
            formats.add(List.of(f.extension().id(), f.origin().id() + " " + f.origin().version(),
                    f.extension().description()));
        }
        print(out, formats);
        out.println();
        out.println("Community algorithms:");
        List<List<String>> algorithms = new ArrayList<>();
        algorithms.add(List.of("ID", "PLUGIN", "DESCRIPTION"));
        for (Registered<CommunityAlgorithm> a : new AlgorithmRegistry(host.extensions(CommunityAlgorithm.class)).all()) {
            algorithms.add(List.of(a.extension().id(), a.origin().id() + " " + a.origin().version(),
                    a.extension().description()));
        }
        print(out, algorithms);
        out.flush();
        return ExitCodes.OK;
    }

    private static void print(PrintWriter out, List<List<String>> rows) {
        if (rows.size() == 1) {
            out.println("  (none)");
            return;
        }
        Text.table(rows, 2).forEach(line -> out.println("  " + line));
    }
}
