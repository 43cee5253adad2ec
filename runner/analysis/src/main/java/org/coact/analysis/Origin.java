package org.coact.analysis;

import java.util.Objects;

/**
 * Where an extension (a model format, a community algorithm) comes from: its plugin's id and
 * version, or {@code builtin} and Coact's version.
 *
 * @param id the plugin id
 * @param version the plugin version
 */
public record Origin(String id, String version) {

    /** Validates. */
    public Origin {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(version, "version");
    }
}
