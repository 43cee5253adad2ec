package org.coact.runner.cli;

import java.nio.file.Path;
import org.coact.api.format.OpenOptions;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** Options naming one model and how to open it. */
public final class ModelOptions {

    @Option(names = {"-m", "--model"}, required = true, paramLabel = "MODEL",
            description = "Model file or directory: ONNX, SavedModel, DL4J zip, Keras .h5 (see 'coact plugins').")
    Path model;

    @Mixin
    FormatOptions formatOptions;

    /** @return the {@code --model} path */
    public Path model() {
        return model;
    }

    /** @return the {@code --format} id, or null to recognise the model */
    public String format() {
        return formatOptions.format;
    }

    /** @return the format options ({@code --model-option}, {@code --signature}, {@code --tag}) */
    public OpenOptions openOptions() {
        return formatOptions.openOptions();
    }
}
