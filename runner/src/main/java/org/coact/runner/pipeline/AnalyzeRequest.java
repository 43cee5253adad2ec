package org.coact.runner.pipeline;

import java.nio.file.Path;
import java.util.Objects;
import org.coact.api.format.OpenOptions;
import org.coact.runner.config.AnalysisConfig;

/**
 * One {@code coact analyze} job.
 *
 * @param model model file or directory
 * @param format format id, or null to recognise
 * @param openOptions format-specific options
 * @param data dataset file (.npy or .npz)
 * @param labels separate labels file, or null
 * @param config effective configuration
 */
public record AnalyzeRequest(Path model, String format, OpenOptions openOptions, Path data, Path labels,
        AnalysisConfig config) {

    /** Validates. */
    public AnalyzeRequest {
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(openOptions, "openOptions");
        Objects.requireNonNull(data, "data");
        Objects.requireNonNull(config, "config");
    }
}
