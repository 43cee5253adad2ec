package org.coact.runner.plugin;

import org.coact.analysis.Origin;
import java.util.Objects;

/**
 * An extension together with the plugin that provided it.
 *
 * @param extension the extension instance
 * @param origin its plugin
 * @param <T> the extension point
 */
public record Registered<T>(T extension, Origin origin) {

    /** Validates. */
    public Registered {
        Objects.requireNonNull(extension, "extension");
        Objects.requireNonNull(origin, "origin");
    }
}
