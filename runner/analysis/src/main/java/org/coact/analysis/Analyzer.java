package org.coact.analysis;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.coact.analysis.activity.CoactivationStats;
import org.coact.analysis.activity.Counts;
import org.coact.analysis.community.CommunityFigures;
import org.coact.analysis.entropy.EntropyFigures;
import org.coact.analysis.graph.GraphBuilder;
import org.coact.analysis.graph.NeuronGraph;
import org.coact.analysis.significance.NullModel;
import org.coact.api.CoactException;
import org.coact.api.ConfigException;
import org.coact.api.community.AlgorithmParameters;
import org.coact.api.community.CommunityAlgorithm;
import org.coact.api.community.DetectionProgress;
import org.coact.api.community.Partition;
import org.coact.api.format.Names;

/**
 * Builds an {@link Analysis} from a {@link Measurement} (METHOD.md 5-7): the entropy figures,
 * the neuron graph, the communities of the chosen algorithm with their quality and null model,
 * each class's own graph when asked for, and the warnings. The options the settings pass to the
 * algorithm are checked against the keys the algorithm declares before it runs, so no algorithm
 * has to check them itself. Deterministic for a deterministic algorithm; cost dominated by the
 * algorithm, run once plus {@code null_samples} times (per class graph too).
 */
public final class Analyzer {

    /** Receives progress: the task, and steps done of total. */
    @FunctionalInterface
    public interface Progress {
        /** Ignores everything. */
        Progress NONE = (task, done, total) -> {
        };

        /**
         * @param task what is being done
         * @param done steps finished
         * @param total steps in all
         */
        void update(String task, long done, long total);
    }

    private Analyzer() {
    }

    /**
     * @param measured the counts
     * @param algorithm the community algorithm the settings name
     * @param origin where the algorithm comes from
     * @param timings stage timings so far; {@code entropy}, {@code graph}, {@code communities}
     *     and (with null samples) {@code nullModel} are added
     * @return the analysis
     * @throws CoactException naming the algorithm and option when the options do not fit it, or
     *     what the algorithm reports
     */
    public static Analysis analyze(Measurement measured, CommunityAlgorithm algorithm, Origin origin, Timings timings)
            throws CoactException {
        return analyze(measured, algorithm, origin, timings, Progress.NONE);
    }

    /**
     * @param measured the counts
     * @param algorithm the community algorithm the settings name
     * @param origin where the algorithm comes from
     * @param timings stage timings so far
     * @param progress receives the algorithm's and the null model's progress
     * @return the analysis
     * @throws CoactException naming the culprit
     */
    public static Analysis analyze(Measurement measured, CommunityAlgorithm algorithm, Origin origin, Timings timings,
            Progress progress) throws CoactException {
        Settings settings = measured.settings();
        AlgorithmParameters parameters = settings.community().parameters();
        checkOptions(algorithm, parameters);
        CoactivationStats stats = measured.statistics();
        EntropyFigures entropy = EntropyFigures.of(stats, settings.community().alignmentAlpha());
        timings.lap("entropy");
        GraphBuilder builder = new GraphBuilder(settings.graph());
        long edges = builder.countEdges(stats);
        HeapBudget.requireGraph(edges, HeapBudget.Heap.runtime());
        NeuronGraph graph = builder.build(stats, edges);
        timings.lap("graph");
        Partition partition = detect(algorithm, origin, graph, parameters, progress);
        CommunityFigures figures = CommunityFigures.of(graph.graph(), partition, parameters.resolution(),
                entropy.preferredClasses());
        timings.lap("communities");
        int samples = settings.community().nullSamples();
        NullModel nulls = samples == 0 ? null
                : nullModel(stats, figures.modularity(), settings, algorithm, parameters, progress, "Null model");
        List<ClassGraph> classGraphs = new ArrayList<>();
        if (settings.graph().perClass()) {
            for (int c = 0; c < stats.classes(); c++) {
                if (stats.samples(c) > 0) {
                    classGraphs.add(classGraph(stats, c, settings, algorithm, origin, parameters, progress));
                }
            }
        }
        if (samples > 0 || !classGraphs.isEmpty()) {
            timings.lap("nullModel");
        }
        CommunityResult communities = new CommunityResult(algorithm.id(), origin, parameters, partition, figures, nulls);
        return new Analysis(measured, entropy, graph, communities, classGraphs,
                Warnings.of(measured, entropy, graph, communities), timings.result());
    }

    private static ClassGraph classGraph(CoactivationStats stats, int c, Settings settings, CommunityAlgorithm algorithm,
            Origin origin, AlgorithmParameters parameters, Progress progress) throws CoactException {
        Counts counts = stats.forClass(c);
        NeuronGraph graph = new GraphBuilder(settings.graph()).build(counts);
        Partition partition = detect(algorithm, origin, graph, parameters, progress);
        int[] unaligned = new int[graph.graph().nodeCount()];
        Arrays.fill(unaligned, -1);
        CommunityFigures figures = CommunityFigures.of(graph.graph(), partition, parameters.resolution(), unaligned);
        NullModel nulls = settings.community().nullSamples() == 0 ? null
                : nullModel(counts, figures.modularity(), settings, algorithm, parameters, progress,
                        "Null model, class " + c);
        return new ClassGraph(c, counts.samples(), graph,
                new CommunityResult(algorithm.id(), origin, parameters, partition, figures, nulls));
    }

    private static NullModel nullModel(Counts counts, double q, Settings settings, CommunityAlgorithm algorithm,
            AlgorithmParameters parameters, Progress progress, String task) throws CoactException {
        return NullModel.of(counts, q, settings.graph(), algorithm, parameters, settings.community().nullSamples(),
                (done, total) -> progress.update(task, done, total));
    }

    private static Partition detect(CommunityAlgorithm algorithm, Origin origin, NeuronGraph graph,
            AlgorithmParameters parameters, Progress progress) throws CoactException {
        DetectionProgress p = (done, total) -> progress.update("Communities (" + algorithm.id() + ")", done, total);
        Partition partition = algorithm.detect(graph.graph(), parameters, p);
        if (partition == null || partition.size() != graph.graph().nodeCount()) {
            throw new CoactException("community algorithm '" + algorithm.id() + "' (" + origin.id() + " "
                    + origin.version() + ") returned " + (partition == null ? "no partition" : partition.size()
                    + " memberships") + " for " + graph.graph().nodeCount() + " neurons");
        }
        return partition;
    }

    /**
     * @param algorithm an algorithm
     * @param parameters what it is to be called with
     * @throws ConfigException naming the first option key the algorithm does not declare, or
     *     the first value it refuses ({@link CommunityAlgorithm#validate})
     */
    public static void checkOptions(CommunityAlgorithm algorithm, AlgorithmParameters parameters)
            throws ConfigException {
        Set<String> known = algorithm.optionKeys();
        for (String key : parameters.options().keySet()) {
            if (!known.contains(key)) {
                throw new ConfigException("unknown option '" + key + "' for algorithm " + algorithm.id()
                        + Names.didYouMean(key, known) + "; known: " + new TreeSet<>(known));
            }
        }
        algorithm.validate(parameters);
    }
}
