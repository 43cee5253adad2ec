package org.coact.runner.cli;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.coact.api.format.OpenOptions;
import picocli.CommandLine.Option;

/** Options naming a model and how to open it. */
public final class ModelOptions {

    @Option(names = {"-m", "--model"}, required = true, paramLabel = "MODEL",
            description = "Model file or directory (ONNX, ... see 'coact plugins').")
    Path model;

    @Option(names = "--format", paramLabel = "ID",
            description = "Model format id; default: the plugin that recognises the file.")
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
