package org.coact.analysis;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.coact.analysis.activity.CoactivationStats;
import org.coact.analysis.activity.Scope;
import org.coact.analysis.community.CommunityFigures;
import org.coact.analysis.entropy.EntropyFigures;
import org.coact.analysis.entropy.EntropySummary;
import org.coact.analysis.graph.NeuronGraph;
import org.coact.analysis.significance.NullModel;

/**
 * The caveats a report carries: settings or data under which a figure is trivial or says
 * nothing, each one sentence naming the cause and, where there is one, what to change.
 */
final class Warnings {

    /** Significance level of the null-model caveat. */
    static final double ALPHA = 0.05;

    private Warnings() {
    }

    static List<String> of(Measurement m, EntropyFigures entropy, NeuronGraph graph, CommunityResult communities) {
        CoactivationStats stats = m.statistics();
        List<String> w = new ArrayList<>();
        String nonFinite = nonFinite(m);
        if (nonFinite != null) {
            w.add(nonFinite);
        }
        if (stats.layers().size() == 1 && stats.scope() == Scope.ADJACENT) {
            w.add("only one layer (" + stats.layers().get(0).name() + ") is selected and graph.scope 'adjacent' "
                    + "pairs neurons of consecutive layers, so the graph has no edges, every neuron is its own "
                    + "community and modularity is 0; select two or more layers (--layers) or use graph.scope 'all'");
        } else if (graph.graph().edgeCount() == 0) {
            w.add("the graph has no edges (no two neurons in scope are ever active together beyond what the weighting "
                    + "keeps, or min_weight/top_k removed them all), so every neuron is its own community and "
                    + "modularity is 0");
        }
        int seen = 0;
        for (int c = 0; c < stats.classes(); c++) {
            seen += stats.samples(c) > 0 ? 1 : 0;
        }
        if (seen < 2) {
            w.add("the labels hold " + (seen == 0 ? "no class" : "a single class") + ", so mutual information is 0 "
                    + "and accuracy and class alignment (purity, NMI) say nothing about the classifier");
        }
        EntropySummary model = entropy.model();
        int trivial = model.dead() + model.alwaysOn();
        if (trivial * 2 > model.neurons()) {
            w.add(String.format(Locale.ROOT, "%d of %d neurons are dead (%d) or always on (%d) under threshold %s and "
                    + "reduce '%s': their activity carries no information; %s", trivial, model.neurons(), model.dead(),
                    model.alwaysOn(), m.settings().threshold(), m.settings().reduce().id(),
                    m.settings().reduce() == org.coact.analysis.activity.Reduction.FRACTION
                            ? "try another active_fraction or a quantile threshold (docs/METHOD.md 3)"
                            : "for conv layers try reduce: fraction, or a quantile threshold (docs/METHOD.md 3)"));
        }
        CommunityFigures f = communities.figures();
        NullModel nulls = communities.nullModel();
        if (nulls != null && graph.graph().edgeCount() > 0) {
            // z below 2 (or undefined), or, with enough draws for p to reach 0.05, p above it
            boolean weakZ = nulls.z() == null || nulls.z() < 2;
            boolean weakP = nulls.samples() + 1 >= 1 / ALPHA && nulls.p() > ALPHA;
            if (weakZ || weakP) {
                w.add(String.format(Locale.ROOT, "modularity %s is not above its null model (neurons firing "
                        + "independently at their rates: mean %s, sd %s, z %s, p %.3f over %d draws): these communities "
                        + "are what chance co-activation gives", f4(f.modularity()), f4(nulls.mean()), f4(nulls.sd()),
                        nulls.z() == null ? "n/a" : String.format(Locale.ROOT, "%.1f", nulls.z()), nulls.p(),
                        nulls.samples()));
            }
            if (nulls.baseline() >= f.modularity()) {
                w.add(String.format(Locale.ROOT, "the layer-structure baseline (weights from firing rates only) "
                        + "reaches modularity %s, as much as the observed %s: the partition reflects firing rates "
                        + "and the layer layout, not co-activation", f4(nulls.baseline()), f4(f.modularity())));
            }
        }
        if (seen >= 2 && f.alignedNeurons() * 10 < model.neurons()) {
            w.add(String.format(Locale.ROOT, "only %d of %d neurons have a preferred class (activity depending on "
                    + "the class, G-test p < %s), so purity and NMI describe few neurons", f.alignedNeurons(),
                    model.neurons(), m.settings().community().alignmentAlpha()));
        }
        return w;
    }

    /**
     * @param m a measurement
     * @return one sentence on its NaN or infinite inputs and activation values, or null if none
     */
    static String nonFinite(Measurement m) {
        CoactivationStats stats = m.statistics();
        if (m.nonFiniteInputs() == 0 && stats.nonFinite() == 0) {
            return null;
        }
        StringBuilder sb = new StringBuilder();
        if (m.nonFiniteInputs() > 0) {
            sb.append(m.nonFiniteInputs()).append(" input values of the data are NaN or infinite");
        }
        if (stats.nonFinite() > 0) {
            sb.append(sb.length() > 0 ? " and " : "").append(stats.nonFinite())
                    .append(" activation values are NaN or infinite (");
            String sep = "";
            for (int t = 0; t < stats.layers().size(); t++) {
                if (stats.nonFinite(t) > 0) {
                    sb.append(sep).append(stats.layers().get(t).name()).append(": ").append(stats.nonFinite(t));
                    sep = ", ";
                }
            }
            sb.append("); a NaN counts as inactive and +Inf as active, so such neurons look dead or always on");
        }
        return sb.append("; check the data and the model, or set data.non_finite: fail to stop on them").toString();
    }

    /** Four decimals, without a "-0.0000" for a rounding residue. */
    private static String f4(double v) {
        String s = String.format(Locale.ROOT, "%.4f", v);
        return s.equals("-0.0000") ? "0.0000" : s;
    }
}
