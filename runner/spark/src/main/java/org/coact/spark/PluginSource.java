package org.coact.spark;

import java.io.Serializable;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;

/**
 * Where a shard task finds its plugins: the unpacked distribution's {@code plugins/} when the
 * executor has it ({@code --archives coact-dist.tgz#coact} unpacks into {@code ./coact}), else
 * the driver's plugins directory (a path every executor reads). Only the plugin of the job's
 * format is needed there.
 *
 * @param dist the distribution as executors see it, relative to their working directory or absolute
 * @param driverPlugins the driver's plugins directory, absolute
 * @param pluginId the id of the format's plugin ({@code plugin.id} of its {@code plugin.properties}),
 *     or null for a format built into the runner
 */
record PluginSource(String dist, String driverPlugins, String pluginId) implements Serializable {

    /** Validates. */
    PluginSource {
        Objects.requireNonNull(dist, "dist");
        Objects.requireNonNull(driverPlugins, "driverPlugins");
    }

    /** @return the plugins directory as this executor reaches it */
    Path executorPlugins() {
        Path shipped = Path.of(dist, "plugins");
        return Files.isDirectory(shipped) ? shipped : Path.of(driverPlugins);
    }
}
