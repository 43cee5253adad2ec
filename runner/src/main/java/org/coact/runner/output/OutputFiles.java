package org.coact.runner.output;

import org.coact.runner.output.json.Report;
import java.util.List;

/**
 * The files each command writes into its {@code --out} directory, in the order a person should
 * open them: the one list that the commands' summaries, their help texts and the README table
 * follow.
 */
public final class OutputFiles {

    /**
     * @param name the file name inside the output directory
     * @param what what it holds, a few words
     */
    public record OutputFile(String name, String what) {
    }

    /** What {@code coact analyze} writes. */
    public static final List<OutputFile> ANALYZE = List.of(
            new OutputFile("report.html", "the report: open it in a browser (self-contained, offline)"),
            new OutputFile("report.json", "every figure, with provenance (schema " + Report.SCHEMA + ")"),
            new OutputFile("neurons.csv", "one row per neuron"),
            new OutputFile("layers.csv", "one row per layer"),
            new OutputFile("graph.graphml", "the neuron graph for Gephi, Cytoscape, networkx"),
            new OutputFile("graph.gexf", "the neuron graph for Gephi"));

    /** What {@code coact evolve} writes. */
    public static final List<OutputFile> EVOLVE = List.of(
            new OutputFile("evolution.html", "the charts: open it in a browser (self-contained, offline)"),
            new OutputFile("evolution.json", "every figure per checkpoint, correlations, community tracking"),
            new OutputFile("checkpoints.csv", "one row per checkpoint"),
            new OutputFile("layers.csv", "one row per layer and checkpoint"),
            new OutputFile("neurons.csv", "one row per neuron and checkpoint"));

    private OutputFiles() {
    }

    /** @param files a command's files @return their names, comma-separated, for help texts */
    public static String names(List<OutputFile> files) {
        return String.join(", ", files.stream().map(OutputFile::name).toList());
    }
}
