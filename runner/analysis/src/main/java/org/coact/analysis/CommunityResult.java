package org.coact.analysis;

import java.util.Objects;
import org.coact.analysis.community.CommunityFigures;
import org.coact.analysis.significance.NullModel;
import org.coact.api.community.AlgorithmParameters;
import org.coact.api.community.Partition;

/**
 * The partition of the neuron graph and its quality (METHOD.md section 6).
 *
 * @param algorithm the algorithm id that ran
 * @param plugin where it came from
 * @param parameters what it was called with
 * @param partition every neuron's community
 * @param figures the partition's quality
 * @param nullModel the null model measured beside it, or null when {@code null_samples} is 0
 */
public record CommunityResult(String algorithm, Origin plugin, AlgorithmParameters parameters, Partition partition,
        CommunityFigures figures, NullModel nullModel) {

    /** Validates. */
    public CommunityResult {
        Objects.requireNonNull(algorithm, "algorithm");
        Objects.requireNonNull(plugin, "plugin");
        Objects.requireNonNull(parameters, "parameters");
        Objects.requireNonNull(partition, "partition");
        Objects.requireNonNull(figures, "figures");
    }
}
