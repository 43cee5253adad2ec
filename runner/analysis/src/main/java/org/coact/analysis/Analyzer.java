package org.coact.analysis;

import java.util.Set;
import java.util.TreeSet;
import org.coact.analysis.community.CommunityFigures;
import org.coact.analysis.entropy.EntropyFigures;
import org.coact.analysis.graph.GraphBuilder;
import org.coact.analysis.graph.NeuronGraph;
import org.coact.api.CoactException;
import org.coact.api.ConfigException;
import org.coact.api.community.AlgorithmParameters;
import org.coact.api.community.CommunityAlgorithm;
import org.coact.api.community.Partition;
import org.coact.api.format.Names;

/**
 * Builds an {@link Analysis} from a {@link Measurement} (METHOD.md 5-7): the entropy figures,
 * the neuron graph, the communities of the chosen algorithm and their quality, and the
 * warnings. The options the settings pass to the algorithm are checked against the keys the
 * algorithm declares before it runs, so no algorithm has to check them itself. Deterministic
 * for a deterministic algorithm; cost dominated by the algorithm.
 */
public final class Analyzer {

    private Analyzer() {
    }

    /**
     * @param measured the counts
     * @param algorithm the community algorithm the settings name
     * @param origin where the algorithm comes from
     * @param timings stage timings so far; the entropy, graph and communities stages are added
     * @return the analysis
     * @throws CoactException naming the algorithm and option when the options do not fit it, or
     *     what the algorithm reports
     */
    public static Analysis analyze(Measurement measured, CommunityAlgorithm algorithm, Origin origin, Timings timings)
            throws CoactException {
        Settings settings = measured.settings();
        AlgorithmParameters parameters = settings.community().parameters();
        checkOptions(algorithm, parameters);
        EntropyFigures entropy = EntropyFigures.of(measured.statistics());
        timings.lap("entropy");
        NeuronGraph graph = new GraphBuilder(settings.graph()).build(measured.statistics());
        timings.lap("graph");
        Partition partition = algorithm.detect(graph.graph(), parameters);
        if (partition == null || partition.size() != graph.graph().nodeCount()) {
            throw new CoactException("community algorithm '" + algorithm.id() + "' (" + origin.id() + " "
                    + origin.version() + ") returned " + (partition == null ? "no partition" : partition.size()
                    + " memberships") + " for " + graph.graph().nodeCount() + " neurons");
        }
        CommunityFigures figures = CommunityFigures.of(graph.graph(), partition, parameters.resolution(),
                entropy.preferredClasses());
        timings.lap("communities");
        CommunityResult communities = new CommunityResult(algorithm.id(), origin, parameters, partition, figures);
        return new Analysis(measured, entropy, graph, communities, Warnings.of(measured.statistics(), graph),
                timings.result());
    }

    /**
     * @param algorithm an algorithm
     * @param parameters what it is to be called with
     * @throws ConfigException naming the first option key the algorithm does not declare
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
    }
}
