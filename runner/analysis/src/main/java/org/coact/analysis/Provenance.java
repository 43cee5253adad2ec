package org.coact.analysis;

import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * What an analysis was computed from, as every report records it: the tool, the model and the
 * dataset, each file with its SHA-256.
 *
 * @param toolVersion the version of Coact that ran
 * @param model the model
 * @param data the dataset
 */
public record Provenance(String toolVersion, Model model, Data data) {

    /** Validates. */
    public Provenance {
        Objects.requireNonNull(toolVersion, "toolVersion");
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(data, "data");
    }

    /**
     * @param path the model file or directory, absolute
     * @param sha256 its SHA-256 (of every file, in path order, for a directory)
     * @param format the format id
     * @param plugin the plugin that read it
     * @param options the format options it was opened with, sorted
     * @param output the model output used for predictions
     * @param prediction how that output was decoded into classes
     * @param rewrites what the format did to the model in memory before the run (e.g. "folded 1
     *     If node with {sr=16000.0}"), empty if nothing; the file itself is never modified
     */
    public record Model(String path, String sha256, String format, Origin plugin, Map<String, String> options,
            String output, Decoding prediction, java.util.List<String> rewrites) {

        /** Validates and copies the options, sorted. */
        public Model {
            Objects.requireNonNull(path, "path");
            Objects.requireNonNull(format, "format");
            Objects.requireNonNull(plugin, "plugin");
            Objects.requireNonNull(prediction, "prediction");
            rewrites = rewrites == null ? java.util.List.of() : java.util.List.copyOf(rewrites);
            options = options == null ? Map.of() : Collections.unmodifiableMap(new TreeMap<>(options));
        }
    }

    /**
     * @param path the data file, absolute
     * @param sha256 its SHA-256
     * @param labelsPath the separate labels file, or null
     * @param labelsSha256 its SHA-256, or null
     */
    public record Data(String path, String sha256, String labelsPath, String labelsSha256) {

        /** Validates. */
        public Data {
            Objects.requireNonNull(path, "path");
        }
    }
}
