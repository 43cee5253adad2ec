package org.coact.analysis;

import java.util.ArrayList;
import java.util.List;
import org.coact.analysis.activity.CoactivationStats;
import org.coact.analysis.graph.NeuronGraph;
import org.coact.analysis.activity.Scope;

/**
 * The caveats a report carries: settings or data under which a figure is trivial or says
 * nothing, each one sentence naming the cause and what to change.
 */
final class Warnings {

    private Warnings() {
    }

    /**
     * @param stats the counts
     * @param graph the graph built from them
     * @return the warnings, in a fixed order
     */
    static List<String> of(CoactivationStats stats, NeuronGraph graph) {
        List<String> w = new ArrayList<>();
        if (stats.layers().size() == 1 && stats.scope() == Scope.ADJACENT) {
            w.add("only one layer (" + stats.layers().get(0).name() + ") is selected and graph.scope 'adjacent' "
                    + "pairs neurons of consecutive layers, so the graph has no edges, every neuron is its own "
                    + "community and modularity is 0; select two or more layers (--layers)");
        } else if (graph.graph().edgeCount() == 0) {
            w.add("the graph has no edges (no two neurons in scope are ever active together, or min_weight/top_k "
                    + "removed them all), so every neuron is its own community and modularity is 0");
        }
        int seen = 0;
        for (int c = 0; c < stats.classes(); c++) {
            seen += stats.samples(c) > 0 ? 1 : 0;
        }
        if (seen < 2) {
            w.add("the labels hold " + (seen == 0 ? "no class" : "a single class") + ", so mutual information is 0 "
                    + "and accuracy and class alignment (purity, NMI) say nothing about the classifier");
        }
        return w;
    }
}
