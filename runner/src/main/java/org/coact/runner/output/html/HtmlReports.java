package org.coact.runner.output.html;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Objects;
import org.coact.analysis.graph.NeuronGraph;
import org.coact.runner.output.json.EvolutionReport;
import org.coact.runner.output.json.Report;

/**
 * The HTML reports: one self-contained page each, with Apache ECharts 5.3.1 inline, that
 * opens offline and fetches nothing. Names from the model are treated as untrusted input and
 * never become markup. Both methods are pure: the same inputs give the same string.
 *
 * <p>The embedded data ({@code <script type="application/json" id="coact-data">}) holds the
 * report itself (for {@code report.html} without the per-neuron list and the membership map,
 * which the charts carry in digested form) plus the derived chart data under {@code views}.
 */
public final class HtmlReports {

    private HtmlReports() {
    }

    /**
     * @param analysis an analysis
     * @return its page, {@code report.html}
     */
    public static String analysis(org.coact.analysis.Analysis analysis) {
        return analysis(org.coact.runner.output.json.Reports.of(analysis), analysis.graph());
    }

    /**
     * @param evolution an evolution
     * @return its page, {@code evolution.html}
     */
    public static String evolution(org.coact.runner.evolve.Evolution evolution) {
        return evolution(EvolutionReport.of(evolution), org.coact.runner.output.json.Reports.of(evolution.last()),
                evolution.last().graph());
    }

    /**
     * The page of {@code coact analyze} ({@code report.html}): provenance and accuracy, summary
     * figures, the layer table, per-layer entropy and mutual information, the community x
     * preferred-class heatmap, community sizes, the neuron graph drawn layer by layer and
     * coloured by community, and the histogram of neuron entropies.
     *
     * @param report the analysis
     * @param graph its neuron graph (node ids = the report's neuron ids), or null to leave the
     *     graph chart out
     * @return the HTML document
     * @throws IllegalArgumentException if a graph node is not a neuron of the report
     */
    public static String analysis(Report report, NeuronGraph graph) {
        Objects.requireNonNull(report, "report");
        ObjectMapper mapper = HtmlPage.mapper();
        ObjectNode data = mapper.createObjectNode();
        data.put("page", "analysis");
        ObjectNode tree = mapper.valueToTree(report);
        tree.remove("neurons");
        if (tree.get("communities") instanceof ObjectNode communities) {
            communities.remove("membership");
        }
        data.set("report", tree);
        data.set("views", lastViews(mapper, report, graph));
        return HtmlPage.render("analysis", "Coact report", data);
    }

    /**
     * The page of {@code coact evolve} ({@code evolution.html}): accuracy, modularity,
     * community counts, mean entropy and mutual information per checkpoint; per-layer mean
     * entropy as a heatmap; community flow as a Sankey diagram; the correlation, tracking and
     * checkpoint tables; and, for the final checkpoint, the community x preferred-class
     * heatmap, community sizes and the neuron graph.
     *
     * @param evolution the evolution report
     * @param last the final checkpoint's full analysis, or null to leave its charts out
     * @param lastGraph the final checkpoint's neuron graph, or null to leave the graph out
     * @return the HTML document
     * @throws IllegalArgumentException if a graph node is not a neuron of {@code last}
     */
    public static String evolution(EvolutionReport evolution, Report last, NeuronGraph lastGraph) {
        Objects.requireNonNull(evolution, "evolution");
        ObjectMapper mapper = HtmlPage.mapper();
        ObjectNode data = mapper.createObjectNode();
        data.put("page", "evolution");
        data.set("evolution", mapper.valueToTree(evolution));
        ObjectNode views = mapper.createObjectNode();
        views.set("labels", mapper.valueToTree(ChartViews.checkpointLabels(evolution)));
        views.put("axis", ChartViews.allEpochs(evolution) ? "epoch" : "checkpoint");
        views.set("layerEntropy", mapper.valueToTree(ChartViews.layerEntropy(evolution)));
        views.set("sankey", mapper.valueToTree(ChartViews.sankey(evolution)));
        if (last != null) {
            views.set("last", lastViews(mapper, last, lastGraph));
        }
        data.set("views", views);
        return HtmlPage.render("evolution", "Coact evolution", data);
    }

    /** The charts of one analysis: community x class, sizes, graph, entropy histogram. */
    private static JsonNode lastViews(ObjectMapper mapper, Report report, NeuronGraph graph) {
        ObjectNode views = mapper.createObjectNode();
        views.put("label", report.model() == null ? "" : fileName(report.model().path()));
        views.set("classHeatmap", mapper.valueToTree(ChartViews.classHeatmap(report)));
        views.set("communitySizes", mapper.valueToTree(ChartViews.communitySizes(report)));
        views.set("entropyHistogram", mapper.valueToTree(ChartViews.entropyHistogram(report)));
        if (graph != null) {
            views.set("communities", mapper.valueToTree(CommunityViews.of(report, graph)));
        }
        if (report.communities() != null && report.communities().nullModel() != null) {
            views.set("nullModel", mapper.valueToTree(report.communities().nullModel()));
            views.put("modularity", report.communities().modularity());
        }
        return views;
    }

    private static String fileName(String path) {
        if (path == null) {
            return "";
        }
        int slash = Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\'));
        return path.substring(slash + 1);
    }
}
