package org.coact.runner.config;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.coact.analysis.Settings;

/** The analysis settings of a config file that sets one key, over the defaults. */
final class OneKeyConfig {

    private OneKeyConfig() {
    }

    /**
     * @param dir where to write {@code c.yaml}
     * @param key a top-level key
     * @param yaml its value, as YAML text
     * @return the settings the file gives
     */
    static Settings load(Path dir, String key, String yaml) throws Exception {
        Path file = dir.resolve("c.yaml");
        Files.writeString(file, key + ": " + yaml + "\n");
        return new ConfigLoader().load(file, Map.of()).analysis();
    }
}
