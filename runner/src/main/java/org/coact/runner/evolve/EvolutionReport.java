package org.coact.runner.evolve;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.List;
import java.util.Map;
import org.coact.runner.config.AnalysisConfig;
import org.coact.runner.report.Report;

/**
 * The result of {@code coact evolve} ({@code evolution.json}, schema {@value #SCHEMA}).
 * Everything but {@code timings} is a pure function of the checkpoints, the data and the
 * configuration.
 *
 * @param schema the schema id
 * @param tool the producing tool
 * @param dataset the dataset all checkpoints were analysed on
 * @param config the one configuration used for every checkpoint
 * @param tracking the community-tracking settings
 * @param checkpoints per checkpoint, in series order, every model- and layer-level figure
 * @param correlations of each model-level figure with accuracy across the series
 * @param transitions community tracking between consecutive checkpoints
 * @param timings wall-clock seconds (the only non-deterministic section)
 */
@JsonPropertyOrder({"schema", "tool", "dataset", "config", "tracking", "checkpoints", "correlations", "transitions",
    "timings"})
public record EvolutionReport(String schema, Report.Tool tool, Report.DatasetInfo dataset, AnalysisConfig config,
        TrackingOptions tracking, List<Checkpoint> checkpoints, List<Correlation> correlations,
        List<Transition> transitions, Map<String, Double> timings) {

    /** Schema id of this format. */
    public static final String SCHEMA = "coact-evolution/1";

    /**
     * @param minJaccard a match needs at least this Jaccard overlap
     * @param includeSingletons whether one-neuron communities are tracked
     */
    public record TrackingOptions(double minJaccard, boolean includeSingletons) {
    }

    /**
     * One checkpoint's figures.
     *
     * @param index position in the series, from 0
     * @param epoch the epoch number parsed from the file name, or null
     * @param label a short name (the file name without extension)
     * @param model the model's provenance
     * @param accuracy accuracy on the dataset
     * @param correct correctly predicted samples
     * @param summary model-level figures
     * @param layers layer-level figures
     * @param communities the partition's figures (membership omitted; see the CSV and tracking)
     */
    @JsonPropertyOrder({"index", "epoch", "label", "model", "accuracy", "correct", "summary", "layers", "communities"})
    public record Checkpoint(int index, Integer epoch, String label, Report.ModelInfo model, double accuracy,
            long correct, Report.Summary summary, List<Report.LayerFigures> layers, CommunitySummary communities) {
    }

    /**
     * @param algorithm algorithm id
     * @param count communities, singletons included
     * @param countWithoutSingletons communities of two or more neurons
     * @param modularity Q
     * @param sizes community sizes, largest first
     * @param coverage share of edge weight inside communities
     * @param meanConductance mean conductance
     * @param purity class purity
     * @param nmi NMI between community and preferred class
     */
    @JsonPropertyOrder({"algorithm", "count", "countWithoutSingletons", "modularity", "sizes", "coverage",
        "meanConductance", "purity", "nmi"})
    public record CommunitySummary(String algorithm, int count, int countWithoutSingletons, double modularity,
            int[] sizes, double coverage, double meanConductance, double purity, double nmi) {
    }

    /**
     * Correlation of one model-level figure with accuracy across the series.
     *
     * @param figure the figure's name (as in {@code summary} or {@code communities})
     * @param n number of checkpoints
     * @param pearson Pearson's r and its two-sided p-value
     * @param spearman Spearman's rho (Pearson on average ranks) and its two-sided p-value
     */
    @JsonPropertyOrder({"figure", "n", "pearson", "spearman"})
    public record Correlation(String figure, int n, Coefficient pearson, Coefficient spearman) {
    }

    /**
     * @param value the coefficient, or null when undefined (n &lt; 3 or a constant series)
     * @param pValue two-sided p-value of the t-test with n-2 degrees of freedom, or null
     */
    public record Coefficient(Double value, Double pValue) {
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
