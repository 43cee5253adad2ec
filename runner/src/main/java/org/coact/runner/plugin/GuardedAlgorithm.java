package org.coact.runner.plugin;

import java.util.Set;
import org.coact.analysis.Origin;
import org.coact.api.CoactException;
import org.coact.api.ConfigException;
import org.coact.api.community.AlgorithmCapability;
import org.coact.api.community.AlgorithmParameters;
import org.coact.api.community.CommunityAlgorithm;
import org.coact.api.community.DetectionProgress;
import org.coact.api.community.Partition;
import org.coact.api.community.WeightedGraph;

/**
 * A plugin's {@link CommunityAlgorithm} behind a {@link Guard}: a {@code detect} that throws
 * anything but Coact's own exceptions, or returns no partition, becomes a configuration error
 * (exit 2: the algorithm is the user's choice) naming the algorithm, the plugin and its version.
 * Id, description, capabilities and option keys are read once, when the plugin is loaded.
 */
final class GuardedAlgorithm implements CommunityAlgorithm {

    private final CommunityAlgorithm delegate;
    private final Guard guard;
    private final String description;
    private final Set<AlgorithmCapability> capabilities;
    private final Set<String> optionKeys;

    /**
     * @param delegate the plugin's algorithm
     * @param origin its plugin
     * @throws IllegalStateException if the id is null or blank
     */
    GuardedAlgorithm(CommunityAlgorithm delegate, Origin origin) {
        this.delegate = delegate;
        String id = delegate.id();
        if (id == null || id.isBlank()) {
            throw new IllegalStateException("its community algorithm " + delegate.getClass().getName() + " has "
                    + (id == null ? "a null" : "a blank") + " id");
        }
        this.guard = new Guard(PluginFailure.Kind.ALGORITHM, id, origin);
        String d = delegate.description();
        this.description = d == null ? "" : d;
        Set<AlgorithmCapability> caps = delegate.capabilities();
        this.capabilities = caps == null ? Set.of() : Set.copyOf(caps);
        Set<String> keys = delegate.optionKeys();
        this.optionKeys = keys == null ? Set.of() : Set.copyOf(keys);
    }

    @Override
    public String id() {
        return guard.id();
    }

    @Override
    public String description() {
        return description;
    }

    @Override
    public Set<AlgorithmCapability> capabilities() {
        return capabilities;
    }

    @Override
    public Set<String> optionKeys() {
        return optionKeys;
    }

    @Override
    public void validate(AlgorithmParameters parameters) throws ConfigException {
        try {
            delegate.validate(parameters);
        } catch (ConfigException e) {
            throw e;
        } catch (Throwable t) {
            throw guard.unchecked("validate", t);
        }
    }

    @Override
    public Partition detect(WeightedGraph graph, AlgorithmParameters parameters) throws CoactException {
        Partition p;
        try {
            p = delegate.detect(graph, parameters);
        } catch (CoactException e) {
            throw e;
        } catch (Throwable t) { // a plugin may throw anything; it is reported as its own error
            throw guard.checked("detect", t);
        }
        return checked(p);
    }

    @Override
    public Partition detect(WeightedGraph graph, AlgorithmParameters parameters, DetectionProgress progress)
            throws CoactException {
        Partition p;
        try {
            p = delegate.detect(graph, parameters, progress);
        } catch (CoactException e) {
            throw e;
        } catch (Throwable t) {
            throw guard.checked("detect", t);
        }
        return checked(p);
    }

    private Partition checked(Partition p) throws CoactException {
        if (p == null) {
            throw guard.checked("detect", new NullPointerException("returned no partition"));
        }
        return p;
    }
}
