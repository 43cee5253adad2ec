package org.coact.runner.output.json;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.coact.analysis.Analysis;
import org.coact.analysis.Settings;
import org.coact.analysis.community.CommunityFigures;
import org.coact.runner.evolve.Evolution;

/**
 * The JSON view of an {@link Evolution} ({@code evolution.json}, schema {@value #SCHEMA}).
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
public record EvolutionReport(String schema, Report.Tool tool, Report.DatasetInfo dataset, Settings config,
        Evolution.TrackingOptions tracking, List<Checkpoint> checkpoints, List<Evolution.Correlation> correlations,
        List<Evolution.Transition> transitions, Map<String, Double> timings) {

    /** Schema id of this format. */
    public static final String SCHEMA = "coact-evolution/1";

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
            long correct, com.fasterxml.jackson.databind.node.ObjectNode summary, List<Report.LayerFigures> layers, CommunitySummary communities) {
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
     * @param nmi normalised mutual information with the preferred class
     * @param alignedNeurons neurons with a preferred class
     * @param nullModel the null model beside the modularity, or null
     */
    @JsonPropertyOrder({"algorithm", "count", "countWithoutSingletons", "modularity", "sizes", "coverage",
        "meanConductance", "purity", "nmi", "alignedNeurons", "nullModel"})
    public record CommunitySummary(String algorithm, int count, int countWithoutSingletons, double modularity,
            int[] sizes, double coverage, double meanConductance, double purity, double nmi, int alignedNeurons,
            Report.NullModelFigures nullModel) {
    }

    /**
     * @param e an evolution
     * @return its report
     */
    public static EvolutionReport of(Evolution e) {
        List<Checkpoint> checkpoints = new ArrayList<>();
        for (Evolution.Checkpoint c : e.checkpoints()) {
            Analysis a = c.analysis();
            CommunityFigures f = a.communities().figures();
            checkpoints.add(new Checkpoint(c.index(), c.epoch(), c.label(), Reports.model(a), a.accuracy(),
                    a.statistics().correct(), Reports.summary(a), Reports.layers(a),
                    new CommunitySummary(a.communities().algorithm(), f.communities(), f.nonSingletonCommunities(),
                            f.modularity(), f.sizes().stream().mapToInt(Integer::intValue).toArray(), f.coverage(),
                            f.meanConductance(), f.purity(), f.nmi(), f.alignedNeurons(),
                            Reports.nullModel(a.communities().nullModel()))));
        }
        Report first = Reports.of(e.checkpoints().get(0).analysis());
        return new EvolutionReport(SCHEMA, first.tool(), first.dataset(), first.config(), e.tracking(), checkpoints,
                e.correlations(), e.transitions(), e.timings());
    }
}
