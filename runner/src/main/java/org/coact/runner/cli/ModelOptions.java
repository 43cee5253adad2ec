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

    OpenOptions openOptions() {
        return new OpenOptions(modelOptions);
    }
}
