package org.coact.runner.pipeline;

import java.nio.file.Path;
import java.util.Objects;
import org.coact.analysis.Settings;
import org.coact.api.format.OpenOptions;

/**
 * One {@code coact analyze} job.
 *
 * @param model model file or directory
 * @param format format id, or null to recognise
 * @param openOptions format-specific options
 * @param data dataset file (.npy or .npz)
 * @param labels separate labels file, or null
 * @param settings the analysis settings
 * @param shards how many row ranges the dataset is split into; the figures do not depend on it
 */
public record AnalyzeRequest(Path model, String format, OpenOptions openOptions, Path data, Path labels,
        Settings settings, int shards) {

    /** Validates. */
    public AnalyzeRequest {
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(openOptions, "openOptions");
        Objects.requireNonNull(data, "data");
        Objects.requireNonNull(settings, "settings");
        if (shards < 1) {
            throw new IllegalArgumentException("shards must be >= 1, got " + shards);
        }
    }

    /** One shard. */
    public AnalyzeRequest(Path model, String format, OpenOptions openOptions, Path data, Path labels,
            Settings settings) {
        this(model, format, openOptions, data, labels, settings, 1);
    }

    /** @param count shards @return this request with another split */
    public AnalyzeRequest withShards(int count) {
        return new AnalyzeRequest(model, format, openOptions, data, labels, settings, count);
    }
}
