package org.coact.runner.cli;

import java.util.LinkedHashMap;
import java.util.Map;
import org.coact.api.format.OpenOptions;
import picocli.CommandLine.Option;

/** How to open models: format id and format-specific options (shared by analyze, layers, evolve). */
public final class FormatOptions {

    @Option(names = "--format", paramLabel = "ID",
            description = "Model format id (see 'coact plugins'); default: the plugin that recognises each model.")
    String format;

    @Option(names = "--model-option", paramLabel = "KEY=VALUE",
            description = "Format-specific option, repeatable (e.g. threads=2 for ONNX).")
    Map<String, String> modelOptions = new LinkedHashMap<>();

    @Option(names = "--signature", paramLabel = "NAME",
            description = "SavedModel signature to run (default: serving_default); same as --model-option signature=NAME.")
    String signature;

    @Option(names = "--tag", paramLabel = "TAG",
            description = "SavedModel tag set to load (default: serve); same as --model-option tag=TAG.")
    String tag;

    OpenOptions openOptions() {
        Map<String, String> all = new LinkedHashMap<>(modelOptions);
        if (signature != null) {
            all.put("signature", signature);
        }
        if (tag != null) {
            all.put("tag", tag);
        }
        return new OpenOptions(all);
    }
}
