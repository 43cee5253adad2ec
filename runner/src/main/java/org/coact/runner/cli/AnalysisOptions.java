package org.coact.runner.cli;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.coact.runner.config.ConfigLoader;
import org.coact.runner.config.Configuration;
import picocli.CommandLine.Option;

/** Dataset and analysis options shared by analyze, demo and evolve. */
public final class AnalysisOptions {

    @Option(names = {"-d", "--data"}, required = true, paramLabel = "DATA",
            description = "Dataset: .npz (arrays x and y, or named after the model inputs) or .npy.")
    Path data;

    @Option(names = {"-l", "--labels"}, paramLabel = "LABELS",
            description = "Labels as a .npy of integers 0..K-1 (default: array y of the .npz).")
    Path labels;

    @Option(names = "--layers", paramLabel = "LAYERS", split = ",",
            description = "auto (activation outputs, the default), or layer names/globs, comma-separated; "
                    + "see 'coact layers' (docs/METHOD.md 1).")
    List<String> layers;

    @Option(names = {"-c", "--config"}, paramLabel = "FILE.yaml",
            description = "YAML configuration overlaid on the defaults (conf/coact.yaml; every key in "
                    + "docs/METHOD.md 11).")
    Path configFile;

    @Option(names = "--algorithm", paramLabel = "ID", description = "Community algorithm: louvain (default), leiden, label-propagation, girvan-newman, or a "
            + "plugin's (docs/METHOD.md 6).")
    String algorithm;

    @Option(names = "--seed", paramLabel = "S", description = "Random seed of the community algorithm (default 42; docs/METHOD.md 6).")
    Long seed;

    @Option(names = "--resolution", paramLabel = "GAMMA", description = "Modularity resolution gamma (default 1.0; docs/METHOD.md 6).")
    Double resolution;

    @Option(names = "--threshold", paramLabel = "TAU|'quantile Q'",
            description = "Active iff value > threshold: a number (default 0.0), or 'quantile Q' for each "
                    + "neuron's own Q-quantile over the dataset (0 <= Q <= 1; exact, a few extra passes; "
                    + "docs/METHOD.md 3).")
    String threshold;

    @Option(names = "--batch-size", paramLabel = "N|auto", description = "Samples per forward pass, or auto "
            + "(default auto): 256, or less where its batches would not fit the heap; changes speed and memory, "
            + "never the figures (docs/METHOD.md 4).")
    String batchSize;

    @Option(names = "--scale", paramLabel = "X", description = "Multiplier for integer inputs, e.g. 0.00392156862745098 for uint8/255.")
    Double scale;

    @Option(names = "--set", paramLabel = "KEY=VALUE", mapFallbackValue = "",
            description = "Any configuration key, dotted, e.g. --set graph.weight=frequency --set reduce=mean "
                    + "--set community.options.iterations=5; the value is read as YAML; repeatable; applied "
                    + "after --config, before the flags above (docs/METHOD.md 11).")
    Map<String, String> set = new LinkedHashMap<>();

    /** @return the {@code --data} file */
    public Path data() {
        return data;
    }

    /** @return the {@code --labels} file, or null */
    public Path labels() {
        return labels;
    }

    /**
     * The effective configuration: defaults, {@code --config}, {@code --set}, the flags, then
     * {@code more}.
     *
     * @param more keys set last (a command's own flags), dotted
     * @return the validated configuration
     * @throws org.coact.api.ConfigException naming the bad key and its source
     */
    public Configuration config(Map<String, Object> more) throws org.coact.api.ConfigException {
        Map<String, Object> overrides = new LinkedHashMap<>();
        for (Map.Entry<String, String> e : set.entrySet()) {
            overrides.put(e.getKey(), ConfigLoader.yamlValue(e.getKey(), e.getValue()));
        }
        if (layers != null) {
            overrides.put("layers", layers);
        }
        put(overrides, "community.algorithm", algorithm);
        put(overrides, "community.seed", seed);
        put(overrides, "community.resolution", resolution);
        put(overrides, "threshold", threshold);
        put(overrides, "batch_size", batchSizeValue());
        put(overrides, "data.scale", scale);
        overrides.putAll(more);
        return new ConfigLoader().load(configFile, overrides);
    }

    /** @return {@code --batch-size}: a number as a number (so the key's own checks word it), else the text */
    private Object batchSizeValue() {
        if (batchSize == null || !batchSize.matches("-?[0-9]{1,18}")) {
            return batchSize;
        }
        long n = Long.parseLong(batchSize);
        return n >= Integer.MIN_VALUE && n <= Integer.MAX_VALUE ? (Object) (int) n : (Object) n;
    }

    private static void put(Map<String, Object> m, String key, Object value) {
        if (value != null) {
            m.put(key, value);
        }
    }
}
