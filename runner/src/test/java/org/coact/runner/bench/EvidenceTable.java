package org.coact.runner.bench;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.commons.math3.stat.correlation.SpearmansCorrelation;
import org.coact.analysis.Analysis;
import org.coact.analysis.Analyzer;
import org.coact.analysis.Measurement;
import org.coact.analysis.Timings;
import org.coact.analysis.entropy.EntropySummary;
import org.coact.analysis.significance.NullModel;
import org.coact.api.community.CommunityAlgorithm;
import org.coact.runner.pipeline.AnalysisPipeline;
import org.coact.runner.pipeline.ProgressListener;
import org.coact.runner.plugin.AlgorithmRegistry;
import org.coact.runner.plugin.PluginHost;
import org.coact.runner.plugin.Registered;
import org.coact.runner.testing.TestEnv;

/**
 * The evidence behind the defaults (docs/METHOD.md 12): the bundled MLP and CNN series under
 * every weighting x scope x activity option, with the null model, printed as Markdown tables.
 * Each checkpoint is measured once per (activity, scope) and analysed under every weighting.
 * Run from the repository root after {@code mvn -B install -DskipTests}:
 *
 * <pre>
 * mvn -B -q -o -pl runner test-compile exec:java -Dexec.classpathScope=test \
 *     -Dexec.mainClass=org.coact.runner.bench.EvidenceTable -Dexec.args="target/evidence.md"
 * </pre>
 */
public final class EvidenceTable {

    private static final String[] WEIGHTS = {"frequency", "count", "jaccard", "phi", "lift"};
    private static final String[] SCOPES = {"adjacent", "all"};

    private EvidenceTable() {
    }

    /** @param args the Markdown file to write */
    public static void main(String[] args) throws Exception {
        System.setProperty("coact.test.plugins", System.getProperty("coact.test.plugins", "runner/target/test-plugins"));
        System.setProperty("coact.testmodels", System.getProperty("coact.testmodels", "testmodels"));
        PluginHost host = PluginHost.start(TestEnv.plugins());
        AnalysisPipeline pipeline = AnalysisPipeline.of(host);
        Registered<CommunityAlgorithm> louvain = new AlgorithmRegistry(host.extensions(CommunityAlgorithm.class))
                .select("louvain");
        Map<String, Map<String, Object>> activities = new LinkedHashMap<>();
        activities.put("threshold 0, mean", Map.of("reduce", "mean"));
        activities.put("threshold 0, fraction 0.25", Map.of("reduce", "fraction", "active_fraction", 0.25));
        activities.put("threshold 0, fraction 0.5", Map.of("reduce", "fraction", "active_fraction", 0.5));
        activities.put("quantile 0.5, mean", Map.of("threshold", "quantile 0.5", "reduce", "mean"));
        StringBuilder md = new StringBuilder();
        md.append("| net | activity | scope | weight | Q (epoch 10) | null mean | null sd | z | p | baseline Q | "
                + "Spearman(Q, acc) | Spearman(z, acc) |\n|---|---|---|---|---|---|---|---|---|---|---|---|\n");
        StringBuilder activity = new StringBuilder();
        activity.append("| net | activity | conv neurons always on / dead (epoch 10) | conv mean entropy | conv mean MI "
                + "| all mean MI | Spearman(mean MI, acc) |\n|---|---|---|---|---|---|---|\n");
        for (String net : new String[] {"mlp", "cnn"}) {
            for (Map.Entry<String, Map<String, Object>> act : activities.entrySet()) {
                if (net.equals("mlp") && !act.getKey().equals("threshold 0, mean")) {
                    continue; // dense layers: the reduction does not apply
                }
                for (String scope : SCOPES) {
                    List<Measurement> series = new ArrayList<>();
                    for (int epoch = 0; epoch <= 10; epoch++) {
                        Map<String, Object> o = new LinkedHashMap<>(act.getValue());
                        o.put("graph.scope", scope);
                        series.add(pipeline.measure(TestEnv.mnistRequest(
                                String.format(Locale.ROOT, "onnx/%s/%s-epoch%02d.onnx", net, net, epoch), o),
                                ProgressListener.NONE));
                    }
                    if (scope.equals("adjacent")) {
                        activity.append(activityRow(net, act.getKey(), series));
                    }
                    for (String weight : WEIGHTS) {
                        List<Analysis> analyses = new ArrayList<>();
                        for (int epoch = 0; epoch <= 10; epoch++) {
                            Map<String, Object> o = new LinkedHashMap<>(act.getValue());
                            o.put("graph.scope", scope);
                            o.put("graph.weight", weight);
                            Measurement m = series.get(epoch);
                            Measurement reweighted = new Measurement(m.provenance(),
                                    TestEnv.mnistRequest("onnx/mlp/mlp-epoch10.onnx", o).settings(), m.layers(),
                                    m.statistics(), m.taus(), m.quantilePasses());
                            analyses.add(Analyzer.analyze(reweighted, louvain.extension(), louvain.origin(),
                                    new Timings()));
                        }
                        String row = row(net, act.getKey(), scope, weight, analyses);
                        System.out.print(row);
                        System.out.flush();
                        md.append(row);
                    }
                }
            }
        }
        String text = "## Community figures\n\n" + md + "\n## Activity of conv channels (CNN) and of all neurons\n\n"
                + activity;
        Path out = Path.of(args.length > 0 ? args[0] : "target/evidence.md");
        Files.createDirectories(out.toAbsolutePath().getParent());
        Files.writeString(out, text);
        PrintStream o = System.out;
        o.println();
        o.println(text);
    }

    private static String row(String net, String activity, String scope, String weight, List<Analysis> series) {
        Analysis last = series.get(series.size() - 1);
        NullModel n = last.communities().nullModel();
        double[] acc = series.stream().mapToDouble(Analysis::accuracy).toArray();
        double[] q = series.stream().mapToDouble(a -> a.communities().figures().modularity()).toArray();
        double[] z = series.stream().mapToDouble(a -> a.communities().nullModel().z() == null ? 0
                : a.communities().nullModel().z()).toArray();
        return String.format(Locale.ROOT, "| %s | %s | %s | %s | %.4f | %.4f | %.4f | %s | %.3f | %.4f | %s | %s |%n",
                net, activity, scope, weight, last.communities().figures().modularity(), n.mean(), n.sd(),
                n.z() == null ? "n/a" : String.format(Locale.ROOT, "%.1f", n.z()), n.p(), n.baseline(), rho(q, acc),
                rho(z, acc));
    }

    private static String activityRow(String net, String activity, List<Measurement> series) {
        List<Analysis> analyses = new ArrayList<>();
        double[] acc = new double[series.size()];
        double[] mi = new double[series.size()];
        for (int i = 0; i < series.size(); i++) {
            Measurement m = series.get(i);
            org.coact.analysis.entropy.EntropyFigures e = org.coact.analysis.entropy.EntropyFigures.of(m.statistics());
            acc[i] = m.statistics().accuracy();
            mi[i] = e.model().meanMutualInformation();
            if (i == series.size() - 1) {
                int convNeurons = 0;
                int on = 0;
                int dead = 0;
                double h = 0;
                double cmi = 0;
                for (int t = 0; t < m.layers().size(); t++) {
                    if (m.layers().get(t).rank() == 4) {
                        EntropySummary s = e.layers().get(t);
                        convNeurons += s.neurons();
                        on += s.alwaysOn();
                        dead += s.dead();
                        h += s.meanEntropy() * s.neurons();
                        cmi += s.meanMutualInformation() * s.neurons();
                    }
                }
                String conv = convNeurons == 0 ? "- | - | -" : String.format(Locale.ROOT, "%d / %d of %d | %.3f | %.3f",
                        on, dead, convNeurons, h / convNeurons, cmi / convNeurons);
                analyses.clear();
                return String.format(Locale.ROOT, "| %s | %s | %s | %.3f | %s |%n", net, activity, conv,
                        e.model().meanMutualInformation(), rho(mi, acc));
            }
        }
        return "";
    }

    private static String rho(double[] x, double[] y) {
        double r = new SpearmansCorrelation().correlation(x, y);
        return Double.isNaN(r) ? "n/a" : String.format(Locale.ROOT, "%+.2f", r);
    }
}
