package org.coact.runner.pipeline;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.coact.api.community.AlgorithmParameters;
import org.coact.api.community.CommunityAlgorithm;
import org.coact.api.community.Partition;
import org.coact.api.format.LayerInfo;
import org.coact.api.format.ModelFormat;
import org.coact.runner.CoactVersion;
import org.coact.runner.analysis.CoactivationStats;
import org.coact.runner.analysis.CommunityFigures;
import org.coact.runner.analysis.EntropyFigures;
import org.coact.runner.analysis.EntropySummary;
import org.coact.runner.analysis.GraphOptions;
import org.coact.runner.analysis.NeuronEntropy;
import org.coact.runner.analysis.NeuronGraph;
import org.coact.runner.analysis.Threshold;
import org.coact.runner.config.AnalysisConfig;
import org.coact.runner.plugin.Registered;
import org.coact.runner.report.Report;

/** Turns the analysis results into the {@link Report} records. */
final class ReportAssembler {

    /** Provenance and settings of one run. */
    record Sources(Path model, String modelSha256, Registered<ModelFormat> format, Map<String, String> openOptions,
            String output, Path data,
            String dataSha256, Path labels, String labelsSha256, List<LayerInfo> layers, AnalysisConfig config,
            Registered<CommunityAlgorithm> algorithm, AlgorithmParameters parameters) {
    }

    private final CoactivationStats stats;
    private final Threshold threshold;
    private final EntropyFigures entropy;
    private final NeuronGraph graph;
    private final GraphOptions graphOptions;
    private final Partition partition;
    private final CommunityFigures communities;
    /** H_j|c per neuron and class, computed once for the layer means and the neuron rows. */
    private final double[][] classEntropy;

    ReportAssembler(CoactivationStats stats, Threshold threshold, EntropyFigures entropy, NeuronGraph graph,
            GraphOptions graphOptions, Partition partition, CommunityFigures communities) {
        this.stats = stats;
        this.threshold = threshold;
        this.entropy = entropy;
        this.graph = graph;
        this.graphOptions = graphOptions;
        this.partition = partition;
        this.communities = communities;
        this.classEntropy = new double[stats.neuronCount()][];
        for (int j = 0; j < classEntropy.length; j++) {
            classEntropy[j] = classEntropies(stats, j);
        }
    }

    Report assemble(Sources s, Timings timings) {
        long n = stats.samples();
        long[] classCounts = new long[stats.classes()];
        for (int c = 0; c < classCounts.length; c++) {
            classCounts[c] = stats.samples(c);
        }
        EntropySummary model = entropy.model();
        Report.Summary summary = new Report.Summary(s.layers().size(), model.neurons(), model.meanEntropy(),
                model.meanConditionalEntropy(), model.meanMutualInformation(), model.dead(), model.alwaysOn(),
                communities.modularity(), communities.communities());
        return new Report(Report.SCHEMA,
                new Report.Tool("coact", CoactVersion.get()),
                new Report.ModelInfo(s.model().toString(), s.modelSha256(), s.format().extension().id(),
                        new Report.Plugin(s.format().origin().id(), s.format().origin().version()), s.openOptions(),
                        s.output()),
                new Report.DatasetInfo(s.data().toString(), s.dataSha256(),
                        s.labels() == null ? null : s.labels().toString(), s.labelsSha256(), n, stats.classes(),
                        classCounts),
                stats.accuracy(), stats.correct(), s.config(), summary, layers(s.layers(), n), neurons(n),
                new Report.GraphSummary(stats.scope().id(), graphOptions.weighting().id(),
                        graph.graph().nodeCount(), graph.graph().edgeCount(), graph.graph().totalWeight()),
                communities(s),
                Warnings.of(stats, graph),
                timings.result());
    }

    private List<Report.LayerFigures> layers(List<LayerInfo> infos, long n) {
        List<Report.LayerFigures> result = new ArrayList<>();
        for (int t = 0; t < infos.size(); t++) {
            LayerInfo info = infos.get(t);
            EntropySummary e = entropy.layers().get(t);
            int offset = stats.layerOffset(t);
            double activeSum = 0;
            double[] classMean = new double[stats.classes()];
            for (int j = offset; j < offset + e.neurons(); j++) {
                activeSum += (double) stats.active(j) / n;
                double[] h = classEntropy[j];
                for (int c = 0; c < h.length; c++) {
                    classMean[c] += h[c];
                }
            }
            for (int c = 0; c < classMean.length; c++) {
                classMean[c] /= e.neurons();
            }
            result.add(new Report.LayerFigures(info.name(), info.opType(), info.outputShape(),
                    info.rank() == 4 ? info.channelAxis() : -1, e.neurons(), activeSum / e.neurons(), e.meanEntropy(),
                    e.meanConditionalEntropy(), e.meanMutualInformation(), e.dead(), e.alwaysOn(), classMean));
        }
        return result;
    }

    private List<Report.NeuronFigures> neurons(long n) {
        List<Report.NeuronFigures> result = new ArrayList<>(entropy.neurons().size());
        for (int t = 0; t < stats.layers().size(); t++) {
            String layer = stats.layers().get(t).name();
            double[] taus = threshold.taus(t, stats.layers().get(t));
            int offset = stats.layerOffset(t);
            for (int i = 0; i < stats.layers().get(t).neurons(); i++) {
                int j = offset + i;
                NeuronEntropy e = entropy.neurons().get(j);
                long[] classActive = new long[stats.classes()];
                for (int c = 0; c < classActive.length; c++) {
                    classActive[c] = stats.active(j, c);
                }
                result.add(new Report.NeuronFigures(e.id(), layer, i, taus[i], e.active(), (double) e.active() / n, e.entropy(),
                        e.conditionalEntropy(), e.mutualInformation(),
                        e.hasPreferredClass() ? e.preferredClass() : null, classActive, classEntropy[j]));
            }
        }
        return result;
    }

    /** H_j|c = H(c_jc / n_c) for every class; 0 for a class without samples. */
    private static double[] classEntropies(CoactivationStats stats, int j) {
        double[] h = new double[stats.classes()];
        for (int c = 0; c < h.length; c++) {
            long nc = stats.samples(c);
            h[c] = nc == 0 ? 0.0 : EntropyFigures.binaryEntropy((double) stats.active(j, c) / nc);
        }
        return h;
    }

    private Report.Communities communities(Sources s) {
        Map<String, Object> parameters = new LinkedHashMap<>();
        parameters.put("resolution", s.parameters().resolution());
        parameters.put("options", s.parameters().options());
        Map<String, Integer> membership = new LinkedHashMap<>();
        for (int node = 0; node < graph.nodeIds().size(); node++) {
            membership.put(graph.nodeIds().get(node), partition.communityOf(node));
        }
        int[] sizes = communities.sizes().stream().mapToInt(Integer::intValue).toArray();
        return new Report.Communities(s.algorithm().extension().id(),
                new Report.Plugin(s.algorithm().origin().id(), s.algorithm().origin().version()), parameters,
                s.parameters().seed(), communities.communities(), communities.nonSingletonCommunities(),
                communities.modularity(), sizes, communities.coverage(), communities.meanConductance(),
                communities.purity(), communities.nmi(), membership);
    }
}
