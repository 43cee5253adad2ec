package org.coact.runner.output.json;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.coact.analysis.Analysis;
import org.coact.analysis.ClassGraph;
import org.coact.analysis.ModelFigure;
import org.coact.analysis.Origin;
import org.coact.analysis.Provenance;
import org.coact.analysis.activity.CoactivationStats;
import org.coact.analysis.community.CommunityFigures;
import org.coact.analysis.entropy.EntropySummary;
import org.coact.analysis.entropy.NeuronEntropy;
import org.coact.analysis.significance.NullModel;
import org.coact.api.format.LayerInfo;

/**
 * The JSON view of an {@link Analysis} ({@code report.json}, schema {@value Report#SCHEMA}): a
 * projection only, every figure taken from the analysis as computed, neurons in global order.
 */
public final class Reports {

    private Reports() {
    }

    /**
     * @param a an analysis
     * @return its report
     */
    public static Report of(Analysis a) {
        CoactivationStats stats = a.statistics();
        long[] classCounts = new long[stats.classes()];
        for (int c = 0; c < classCounts.length; c++) {
            classCounts[c] = stats.samples(c);
        }
        Provenance.Data data = a.provenance().data();
        return new Report(Report.SCHEMA, new Report.Tool("coact", a.provenance().toolVersion()), model(a),
                new Report.DatasetInfo(data.path(), data.sha256(), data.labelsPath(), data.labelsSha256(),
                        stats.samples(), stats.classes(), classCounts, a.measured().nonFiniteInputs(),
                        a.measured().batchSize()),
                stats.accuracy(), stats.correct(), a.settings(), summary(a), layers(a), neurons(a),
                new Report.GraphSummary(a.settings().graph().scope().id(), a.settings().graph().weight().id(),
                        a.graph().graph().nodeCount(), a.graph().graph().edgeCount(), a.graph().graph().totalWeight(),
                        org.coact.runner.output.GraphFiles.keptCount(a.graph().graph(),
                                a.settings().outputs().graphEdges())),
                communities(a), classGraphs(a), a.warnings(), a.timings());
    }

    /** @return the model's provenance as reports write it */
    public static Report.ModelInfo model(Analysis a) {
        Provenance.Model m = a.provenance().model();
        return new Report.ModelInfo(m.path(), m.sha256(), m.format(), plugin(m.plugin()), m.options(), m.output(),
                m.prediction(), m.rewrites());
    }

    /**
     * @return {@code layers}, {@code neurons}, then every summary figure in {@link ModelFigure}
     *     order, then {@code nonFinite} (NaN or infinite neuron values over all layers); a JSON
     *     object, not a map, so that no writer reorders it
     */
    public static ObjectNode summary(Analysis a) {
        ObjectNode s = JsonNodeFactory.instance.objectNode();
        s.put("layers", a.layers().size());
        s.put("neurons", a.statistics().neuronCount());
        for (ModelFigure f : ModelFigure.values()) {
            if (f.inSummary()) {
                double v = f.of(a);
                if (Double.isNaN(v)) {
                    s.putNull(f.key());
                } else if (f.isCount()) {
                    s.put(f.key(), (int) v);
                } else {
                    s.put(f.key(), v);
                }
            }
        }
        s.put("nonFinite", a.statistics().nonFinite());
        return s;
    }

    /** @return every layer's figures */
    public static List<Report.LayerFigures> layers(Analysis a) {
        List<Report.LayerFigures> result = new ArrayList<>();
        for (int t = 0; t < a.layers().size(); t++) {
            LayerInfo info = a.layers().get(t);
            EntropySummary e = a.entropy().layers().get(t);
            result.add(new Report.LayerFigures(info.name(), info.opType(), info.outputShape(),
                    info.rank() == 4 ? info.channelAxis() : -1, e.neurons(), e.meanActiveFraction(), e.meanEntropy(),
                    e.meanConditionalEntropy(), e.meanMutualInformation(), e.dead(), e.alwaysOn(),
                    e.classMeanEntropy(), a.statistics().nonFinite(t)));
        }
        return result;
    }

    private static List<Report.NeuronFigures> neurons(Analysis a) {
        CoactivationStats stats = a.statistics();
        long n = stats.samples();
        List<Report.NeuronFigures> result = new ArrayList<>(stats.neuronCount());
        for (int t = 0; t < stats.layers().size(); t++) {
            String layer = stats.layers().get(t).name();
            double[] taus = a.taus().of(t, stats.layers().get(t));
            int offset = stats.layerOffset(t);
            for (int i = 0; i < stats.layers().get(t).neurons(); i++) {
                int j = offset + i;
                NeuronEntropy e = a.entropy().neurons().get(j);
                long[] classActive = new long[stats.classes()];
                for (int c = 0; c < classActive.length; c++) {
                    classActive[c] = stats.active(j, c);
                }
                result.add(new Report.NeuronFigures(e.id(), layer, i, taus[i], e.active(), (double) e.active() / n,
                        e.entropy(), e.conditionalEntropy(), e.mutualInformation(),
                        e.hasPreferredClass() ? e.preferredClass() : null, e.classAssociationP(), classActive,
                        e.classEntropy()));
            }
        }
        return result;
    }

    private static Report.Communities communities(Analysis a) {
        Map<String, Object> parameters = new LinkedHashMap<>();
        parameters.put("resolution", a.communities().parameters().resolution());
        parameters.put("options", a.communities().parameters().options());
        Map<String, Integer> membership = new LinkedHashMap<>();
        for (int node = 0; node < a.graph().nodeIds().size(); node++) {
            membership.put(a.graph().nodeIds().get(node), a.communities().partition().communityOf(node));
        }
        CommunityFigures f = a.communities().figures();
        int[] sizes = f.sizes().stream().mapToInt(Integer::intValue).toArray();
        return new Report.Communities(a.communities().algorithm(), plugin(a.communities().plugin()), parameters,
                a.communities().parameters().seed(), f.communities(), f.nonSingletonCommunities(), f.modularity(), sizes,
                f.coverage(), f.meanConductance(), f.purity(), f.nmi(), f.alignedNeurons(),
                nullModel(a.communities().nullModel()), membership);
    }

    /** @return the null model as reports write it, or null */
    public static Report.NullModelFigures nullModel(NullModel n) {
        return n == null ? null : new Report.NullModelFigures(n.samples(), n.mean(), n.sd(), n.z(), n.p(), n.baseline(),
                n.modularity());
    }

    private static List<Report.ClassGraphFigures> classGraphs(Analysis a) {
        List<Report.ClassGraphFigures> out = new ArrayList<>();
        for (ClassGraph g : a.classGraphs()) {
            CommunityFigures f = g.communities().figures();
            out.add(new Report.ClassGraphFigures(g.classIndex(), g.samples(), g.graph().graph().nodeCount(),
                    g.graph().graph().edgeCount(), g.graph().graph().totalWeight(), f.communities(),
                    f.nonSingletonCommunities(), f.modularity(), f.sizes().stream().mapToInt(Integer::intValue).toArray(),
                    nullModel(g.communities().nullModel())));
        }
        return out;
    }

    /** @param origin where an extension comes from @return it as reports write it */
    public static Report.Plugin plugin(Origin origin) {
        return new Report.Plugin(origin.id(), origin.version());
    }
}
