package org.coact.runner.evolve;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.coact.analysis.Analysis;

/**
 * The result of {@code coact evolve} (METHOD.md 8): every checkpoint's complete
 * {@link Analysis}, the correlation of each model-level figure with accuracy across the series,
 * and community tracking between consecutive checkpoints. Immutable; every writer of
 * {@code evolve}'s files reads this.
 *
 * @param checkpoints the series, in order
 * @param tracking the community-tracking settings
 * @param correlations of each model-level figure with accuracy
 * @param transitions community tracking between consecutive checkpoints
 * @param timings wall-clock seconds per checkpoint and in all
 */
public record Evolution(List<Checkpoint> checkpoints, TrackingOptions tracking, List<Correlation> correlations,
        List<Transition> transitions, Map<String, Double> timings) {

    /** Validates and copies. */
    public Evolution {
        checkpoints = List.copyOf(checkpoints);
        Objects.requireNonNull(tracking, "tracking");
        correlations = List.copyOf(correlations);
        transitions = List.copyOf(transitions);
        timings = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(timings));
    }

    /** @return the last checkpoint's analysis */
    public Analysis last() {
        return checkpoints.get(checkpoints.size() - 1).analysis();
    }

    /**
     * One checkpoint of the series.
     *
     * @param index position in the series, from 0
     * @param epoch the epoch number parsed from the file name, or null
     * @param label a short name (the file name without extension)
     * @param analysis its analysis
     */
    public record Checkpoint(int index, Integer epoch, String label, Analysis analysis) {
    }

    /**
     * @param minJaccard a match needs at least this Jaccard overlap
     * @param includeSingletons whether one-neuron communities are tracked
     */
    public record TrackingOptions(double minJaccard, boolean includeSingletons) {
    }

    /**
     * Correlation of one model-level figure with accuracy across the series.
     *
     * @param figure the figure's name (as in {@code summary} or {@code communities})
     * @param n number of checkpoints at which the figure is defined (all, except e.g. z where a null has no spread)
     * @param pearson Pearson's r and its two-sided p-value
     * @param spearman Spearman's rho (Pearson on average ranks) and its two-sided p-value
     */
    @JsonPropertyOrder({"figure", "n", "pearson", "spearman"})
    public record Correlation(String figure, int n, Coefficient pearson, Coefficient spearman) {
    }

    /**
     * A correlation with accuracy and how much it rests on single checkpoints.
     *
     * @param value the coefficient, or null when undefined (n &lt; 3, a constant series, or a
     *     figure undefined at some checkpoint)
     * @param pValue two-sided p-value of the t-test with n-2 degrees of freedom, or null
     * @param looMin the smallest coefficient with one checkpoint left out, or null (n &lt; 4)
     * @param looMax the largest, or null
     * @param drivenBy the index of the checkpoint whose removal moves the coefficient most, or null
     * @param fragile whether leaving one checkpoint out flips the coefficient's sign or moves it by
     *     more than 0.5: one checkpoint drives the value
     */
    @JsonPropertyOrder({"value", "pValue", "looMin", "looMax", "drivenBy", "fragile"})
    public record Coefficient(Double value, Double pValue, Double looMin, Double looMax, Integer drivenBy,
            boolean fragile) {

        /** Without a leave-one-out range. */
        public Coefficient(Double value, Double pValue) {
            this(value, pValue, null, null, null, false);
        }
    }

    /**
     * Community tracking from checkpoint {@code from} to {@code to}.
     *
     * @param from index of the earlier checkpoint
     * @param to index of the later checkpoint
     * @param continuations communities whose best matches are each other
     * @param births later communities matched by none
     * @param deaths earlier communities matching none
     * @param splits earlier communities that are the best match of two or more later ones
     * @param merges later communities that are the best match of two or more earlier ones
     * @param flows every pair of tracked communities sharing neurons, with the overlap
     * @param events the events, one per community involved
     */
    @JsonPropertyOrder({"from", "to", "continuations", "births", "deaths", "splits", "merges", "flows", "events"})
    public record Transition(int from, int to, int continuations, int births, int deaths, int splits, int merges,
            List<Flow> flows, List<Event> events) {
    }

    /**
     * @param source community id at the earlier checkpoint
     * @param target community id at the later checkpoint
     * @param overlap neurons in both
     * @param jaccard overlap / size of the union
     */
    public record Flow(int source, int target, int overlap, double jaccard) {
    }

    /**
     * @param kind {@code continuation}, {@code birth}, {@code death}, {@code split} or {@code merge}
     * @param from community ids at the earlier checkpoint
     * @param to community ids at the later checkpoint
     * @param jaccard the Jaccard overlap of the best match involved (0 for births and deaths)
     */
    @JsonPropertyOrder({"kind", "from", "to", "jaccard"})
    public record Event(String kind, List<Integer> from, List<Integer> to, double jaccard) {
    }
}
