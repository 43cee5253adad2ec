package org.coact.analysis;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.coact.analysis.activity.CoactivationStats;
import org.coact.analysis.activity.Taus;
import org.coact.analysis.entropy.EntropyFigures;
import org.coact.analysis.graph.NeuronGraph;
import org.coact.api.format.LayerInfo;

/**
 * One model's analysis, complete and immutable: what was measured and every figure of
 * METHOD.md sections 1-7. Every writer (JSON, CSV, GraphML, GEXF, HTML) reads this and nothing
 * else; neurons are addressed by their global index (layer order), never re-joined by id.
 *
 * @param measured the counts and what they were measured on
 * @param entropy every neuron's, layer's and the model's entropy figures
 * @param graph the neuron graph
 * @param communities the partition, its quality and its null model
 * @param classGraphs each class's own graph and partition ({@code graph.per_class}), else empty
 * @param warnings what a reader must know to judge the figures, one sentence each
 * @param timings wall-clock seconds per stage (the only part that differs between runs)
 */
public record Analysis(Measurement measured, EntropyFigures entropy, NeuronGraph graph, CommunityResult communities,
        List<ClassGraph> classGraphs, List<String> warnings, Map<String, Double> timings) {

    /** Validates and copies. */
    public Analysis {
        Objects.requireNonNull(measured, "measured");
        Objects.requireNonNull(entropy, "entropy");
        Objects.requireNonNull(graph, "graph");
        Objects.requireNonNull(communities, "communities");
        classGraphs = List.copyOf(classGraphs);
        warnings = List.copyOf(warnings);
        timings = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(timings));
    }

    /** @return the model, the data and the tool */
    public Provenance provenance() {
        return measured.provenance();
    }

    /** @return the settings that ran */
    public Settings settings() {
        return measured.settings();
    }

    /** @return the selected layers in forward order */
    public List<LayerInfo> layers() {
        return measured.layers();
    }

    /** @return the counts (frozen) */
    public CoactivationStats statistics() {
        return measured.statistics();
    }

    /** @return each neuron's threshold */
    public Taus taus() {
        return measured.taus();
    }

    /** @return n, the number of samples */
    public long samples() {
        return statistics().samples();
    }

    /** @return the fraction of samples predicted correctly */
    public double accuracy() {
        return statistics().accuracy();
    }
}
