package org.coact.runner.cli;

import java.io.PrintWriter;
import java.util.Arrays;
import java.util.concurrent.Callable;
import org.coact.api.format.LayerInfo;
import org.coact.api.format.ModelDescription;
import org.coact.api.format.ModelFormat;
import org.coact.api.format.ModelHandle;
import org.coact.api.format.TensorSpec;
import org.coact.runner.pipeline.LayerSelection;
import org.coact.runner.plugin.FormatRegistry;
import org.coact.runner.plugin.PluginHost;
import org.coact.runner.plugin.Registered;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code coact layers}: a model's inputs, outputs and layers, marking those {@code auto} picks. */
@Command(name = "layers", mixinStandardHelpOptions = true,
        description = {"List a model's inputs, outputs and layers.",
            "Each layer with its op type, output shape and neuron count; '*' marks the layers 'auto' analyses."})
public final class LayersCommand implements Callable<Integer> {

    @Mixin
    private ModelOptions model;

    @Mixin
    private PluginOptions plugins;

    @Option(names = "--auto", description = "Only the layers 'auto' picks.")
    boolean onlyAuto;

    @Spec
    private CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PluginHost host = plugins.start();
        Registered<ModelFormat> format = new FormatRegistry(host.extensions(ModelFormat.class))
                .select(model.model, model.format());
        try (ModelHandle handle = format.extension().open(model.model, model.openOptions())) {
            ModelDescription d = handle.describe();
            out.println("Model: " + model.model + " (format " + format.extension().id() + ", plugin "
                    + format.origin().id() + " " + format.origin().version() + ")");
            for (TensorSpec in : d.inputs()) {
                out.println("Input:  " + in.name() + " " + in.dtype() + " " + Arrays.toString(in.shape()));
            }
            for (TensorSpec o : d.outputs()) {
                out.println("Output: " + o.name() + " " + o.dtype() + " " + Arrays.toString(o.shape()));
            }
            out.println();
            int width = Math.max(5, d.layers().stream().mapToInt(l -> l.name().length()).max().orElse(5));
            int typeWidth = Math.max(4, d.layers().stream().mapToInt(l -> l.opType().length()).max().orElse(4));
            String row = "%s %-" + width + "s  %-" + typeWidth + "s  %-22s  %s%n";
            out.printf(java.util.Locale.ROOT, row, " ", "LAYER", "TYPE", "SHAPE", "NEURONS");
            int auto = 0;
            for (LayerInfo l : d.layers()) {
                boolean picked = LayerSelection.isAuto(l);
                auto += picked ? 1 : 0;
                if (onlyAuto && !picked) {
                    continue;
                }
                out.printf(java.util.Locale.ROOT, row, picked ? "*" : " ", l.name(), l.opType(),
                        Arrays.toString(l.outputShape()), l.neurons() < 0 ? "?" : Long.toString(l.neurons()));
            }
            out.println();
            out.println(d.layers().size() + " layers; 'auto' picks " + auto + " (marked *).");
        }
        out.flush();
        return ExitCodes.OK;
    }
}
