package org.coact.runner.config;

import java.util.Objects;
import org.coact.analysis.Settings;

/**
 * The effective configuration: the analysis settings every report records, and evolve's own.
 *
 * @param analysis what decides an analysis' figures
 * @param evolve how a checkpoint series is ordered and tracked
 */
public record Configuration(Settings analysis, EvolveSettings evolve) {

    /** Validates. */
    public Configuration {
        Objects.requireNonNull(analysis, "analysis");
        Objects.requireNonNull(evolve, "evolve");
    }
}
