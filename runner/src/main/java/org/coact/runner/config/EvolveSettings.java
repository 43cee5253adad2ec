package org.coact.runner.config;

import java.util.Objects;

/**
 * {@code coact evolve}'s own settings (configuration section {@code evolve}, METHOD.md 8).
 *
 * @param order how the series is ordered
 * @param minJaccard the Jaccard overlap a community match needs, in (0, 1]
 * @param includeSingletons whether one-neuron communities are tracked too
 */
public record EvolveSettings(Order order, double minJaccard, boolean includeSingletons) {

    /** How a checkpoint series is ordered. */
    public enum Order {
        /** {@code epoch} for a directory or glob, {@code given} for a list of models. */
        AUTO,
        /** By the epoch number in the file names. */
        EPOCH,
        /** By file name. */
        NAME,
        /** As listed. */
        GIVEN
    }

    /** Validates. */
    public EvolveSettings {
        Objects.requireNonNull(order, "order");
        if (!(minJaccard > 0) || minJaccard > 1) {
            throw new IllegalArgumentException("min_jaccard: must be in (0, 1], got " + minJaccard);
        }
    }
}
