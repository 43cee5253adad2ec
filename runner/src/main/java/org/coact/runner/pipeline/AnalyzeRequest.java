package org.coact.runner.pipeline;

import java.nio.file.Path;
import java.util.Objects;
import org.coact.analysis.Settings;
import org.coact.api.format.OpenOptions;
import org.coact.runner.data.DataSource;
import org.coact.runner.data.FileSource;

/**
 * One {@code coact analyze} job.
 *
 * @param model model file or directory, as this JVM reads it
 * @param modelLocation the model as the report and shard tasks elsewhere name it (a URI whose
 *     copy {@code model} is), or null for {@code model}'s absolute path
 * @param format format id, or null to recognise
 * @param openOptions format-specific options
 * @param data the dataset
 * @param settings the analysis settings
 * @param shards how many row ranges the dataset is split into; the figures do not depend on it
 */
public record AnalyzeRequest(Path model, String modelLocation, String format, OpenOptions openOptions,
        DataSource data, Settings settings, int shards) {

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

    /**
     * A job on files of this machine.
     *
     * @param model model file or directory
     * @param format format id, or null to recognise
     * @param openOptions format-specific options
     * @param data dataset file (.npy or .npz)
     * @param labels separate labels file, or null
     * @param settings the analysis settings
     * @param shards how many row ranges the dataset is split into
     */
    public AnalyzeRequest(Path model, String format, OpenOptions openOptions, Path data, Path labels,
            Settings settings, int shards) {
        this(model, null, format, openOptions, FileSource.of(Objects.requireNonNull(data, "data"), labels), settings,
                shards);
    }

    /** One shard, files of this machine. */
    public AnalyzeRequest(Path model, String format, OpenOptions openOptions, Path data, Path labels,
            Settings settings) {
        this(model, format, openOptions, data, labels, settings, 1);
    }

    /** @param count shards @return this request with another split */
    public AnalyzeRequest withShards(int count) {
        return new AnalyzeRequest(model, modelLocation, format, openOptions, data, settings, count);
    }
}
