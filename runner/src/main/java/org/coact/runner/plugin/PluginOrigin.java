package org.coact.runner.plugin;

import java.util.Objects;

/**
 * Which plugin provided an extension. Built-in extensions (shipped in the runner) have id
 * {@code builtin} and the runner's version.
 *
 * @param id plugin id
 * @param version plugin version
 */
public record PluginOrigin(String id, String version) {

    /** Validates. */
    public PluginOrigin {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(version, "version");
    }
}
