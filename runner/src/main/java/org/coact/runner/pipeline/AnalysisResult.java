package org.coact.runner.pipeline;

import java.util.Objects;
import org.coact.runner.analysis.NeuronGraph;
import org.coact.runner.report.Report;

/**
 * A finished analysis: the report, and the neuron graph it summarises (node ids in report
 * order; community membership is in the report).
 *
 * @param report the report
 * @param graph the weighted neuron graph
 */
public record AnalysisResult(Report report, NeuronGraph graph) {

    /** Validates. */
    public AnalysisResult {
        Objects.requireNonNull(report, "report");
        Objects.requireNonNull(graph, "graph");
    }
}
