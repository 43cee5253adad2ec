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

    /** Widest name column: a longer name (up to 10 KB in the wild) overflows its column. */
    private static final int NAME_WIDTH = 60;

    @Mixin
    private ModelOptions model;

    @Mixin
    private PluginOptions plugins;

    @Option(names = "--auto", description = "Only the layers 'auto' picks.")
    boolean onlyAuto;

    @Option(names = "--all", description = "Also the primitive ops inside modules (hidden by default unless 'auto' "
            + "picks them or they are activations).")
    boolean all;

    @Option(names = "--input", paramLabel = "NAME=VALUE", description = {"Fix a model input to a number, zeros or ones, "
            + "as 'inputs:' in the config does for analyze (e.g. --input sr=16000): an If whose condition becomes "
            + "constant is then replaced by its taken branch, whose layers are listed as ordinary ones."})
    java.util.Map<String, String> inputs = new java.util.LinkedHashMap<>();

    @Spec
    private CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PluginHost host = plugins.start();
        Registered<ModelFormat> format = new FormatRegistry(host.extensions(ModelFormat.class))
                .select(model.model, model.format());
        try (ModelHandle handle = format.extension().open(model.model, model.openOptions())) {
            java.util.Map<String, Double> fixed = new java.util.TreeMap<>();
            for (java.util.Map.Entry<String, String> e : inputs.entrySet()) {
                try {
                    fixed.put(e.getKey(), org.coact.analysis.ConstantInput.parse(e.getValue()).value());
                } catch (IllegalArgumentException ex) {
                    throw new org.coact.api.ConfigException("--input " + e.getKey() + "=" + e.getValue() + ": "
                            + ex.getMessage());
                }
            }
            String rewrite = handle.fixInputs(fixed);
            ModelDescription d = handle.describe();
            org.coact.runner.pipeline.DeclaredShapes.check(model.model, d);
            out.println("Model: " + Text.safe(model.model) + " (format " + Text.safe(format.extension().id()) + ", plugin "
                    + Text.safe(format.origin().id() + " " + format.origin().version()) + ")");
            for (TensorSpec in : d.inputs()) {
                out.println("Input:  " + Text.safe(in.name()) + " " + in.dtype() + " " + Arrays.toString(in.shape()));
            }
            for (TensorSpec o : d.outputs()) {
                out.println("Output: " + Text.safe(o.name()) + " " + o.dtype() + " " + Arrays.toString(o.shape()));
            }
            if (!rewrite.isEmpty()) {
                out.println("In memory: " + Text.safe(rewrite) + " (the file is unchanged)");
            }
            out.println();
            java.util.List<LayerInfo> shown = new java.util.ArrayList<>();
            java.util.List<String> modules = d.layers().stream().filter(l -> l.is(org.coact.api.format.LayerRole.COMPOSITE))
                    .map(LayerInfo::name).toList();
            int hidden = 0;
            int auto = 0;
            int inBodies = 0;
            for (LayerInfo l : d.layers()) {
                boolean picked = LayerSelection.isAuto(l);
                auto += picked ? 1 : 0;
                inBodies += l.is(org.coact.api.format.LayerRole.IN_SUBGRAPH) ? 1 : 0;
                if (onlyAuto && !picked) {
                    continue;
                }
                boolean inside = modules.stream().anyMatch(m -> l.name().startsWith(m + "/"));
                if (!all && !onlyAuto && inside && !picked && !l.is(org.coact.api.format.LayerRole.ACTIVATION)
                        && !l.is(org.coact.api.format.LayerRole.IN_SUBGRAPH)) {
                    hidden++;
                    continue;
                }
                shown.add(l);
            }
            // names as the terminal shows them; a very long one overflows its column rather than widening every row
            int width = Math.min(NAME_WIDTH, Math.max(5, shown.stream().mapToInt(l -> shownWidth(l.name())).max().orElse(5)));
            int typeWidth = Math.min(NAME_WIDTH, Math.max(4, shown.stream().mapToInt(l -> shownWidth(l.opType())).max()
                    .orElse(4)));
            String row = "%s %-" + width + "s  %-" + typeWidth + "s  %-22s  %s%n";
            out.printf(java.util.Locale.ROOT, row, " ", "LAYER", "TYPE", "SHAPE", "NEURONS");
            for (LayerInfo l : shown) {
                String mark = LayerSelection.isAuto(l) ? "*" : l.is(org.coact.api.format.LayerRole.IN_SUBGRAPH) ? "-"
                        : l.is(org.coact.api.format.LayerRole.GATE) ? "g" : " ";
                out.printf(java.util.Locale.ROOT, row, mark, Text.safe(l.name()), Text.safe(l.opType()),
                        Arrays.toString(l.outputShape()), l.neurons() < 0 ? "?" : Long.toString(l.neurons()));
            }
            out.println();
            out.println(d.layers().size() + " layers; 'auto' picks " + auto + " (marked *)."
                    + (hidden > 0 ? " " + hidden + " ops inside modules are hidden; --all lists them." : ""));
            if (d.layers().stream().anyMatch(l -> l.is(org.coact.api.format.LayerRole.GATE))) {
                out.println("g: a gate (a Sigmoid that scales another tensor, as in squeeze-excite); 'auto' leaves it "
                        + "out, --layers can name it.");
            }
            if (inBodies > 0) {
                out.println("-: " + inBodies + " layers inside If/Loop/Scan bodies, which cannot be extracted; fix the "
                        + "inputs an If's condition depends on (--input NAME=VALUE here, inputs: in the config) to fold it.");
            }
        }
        out.flush();
        return ExitCodes.OK;
    }

    /** @return how many columns printf pads the name to, as the terminal shows it */
    private static int shownWidth(String name) {
        return Text.safe(name).length();
    }
}
