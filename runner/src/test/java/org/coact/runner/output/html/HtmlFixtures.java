package org.coact.runner.output.html;

import org.coact.runner.evolve.Evolution;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import org.coact.api.community.WeightedGraph;
import org.coact.analysis.graph.NeuronGraph;
import org.coact.analysis.Settings;
import org.coact.runner.config.ConfigLoader;
import org.coact.runner.output.json.EvolutionReport;
import org.coact.runner.output.json.Report;

/**
 * Synthetic but realistic inputs for the HTML reports: an MLP-like model of three layers
 * (16, 16 and 8 neurons), ten classes, 2,000 samples, and a series of eleven checkpoints
 * along which accuracy and modularity rise and entropy falls. Everything is seeded.
 */
final class HtmlFixtures {

    static final String XSS_IMG = "<img src=x onerror=alert(1)>";
    static final String XSS_SCRIPT = "</script><script>alert(2)</script>";
    static final String[] PLAIN_LAYERS = {"/fc1/Relu", "/fc2/Relu", "/fc3/Relu"};
    static final String[] HOSTILE_LAYERS = {XSS_IMG, XSS_SCRIPT, "/fc3/Relu\u2028&amp;"};
    static final int[] LAYER_SIZES = {16, 16, 8};
    static final int CLASSES = 10;
    static final long SAMPLES = 2000;
    static final int CHECKPOINTS = 11;
    /** The transition whose flows the fixture leaves empty (the Sankey diagram skips it). */
    static final int EMPTY_TRANSITION = 6;

    private HtmlFixtures() {
    }

    /** A checkpoint's analysis: {@code progress} in [0, 1] moves it from untrained to trained. */
    static Report report(String[] layerNames, String modelPath, double progress, Map<String, Integer> membership,
            long seed) {
        return report(layerNames, LAYER_SIZES, modelPath, progress, membership, seed);
    }

    /** As above with other layer sizes. */
    static Report report(String[] layerNames, int[] layerSizes, String modelPath, double progress,
            Map<String, Integer> membership, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        List<Report.NeuronFigures> neurons = new ArrayList<>();
        List<Report.LayerFigures> layers = new ArrayList<>();
        for (int l = 0; l < layerNames.length; l++) {
            List<Report.NeuronFigures> inLayer = new ArrayList<>();
            for (int i = 0; i < layerSizes[l]; i++) {
                inLayer.add(neuron(layerNames[l], i, progress, random));
            }
            neurons.addAll(inLayer);
            layers.add(layer(layerNames[l], inLayer));
        }
        Map<String, Integer> members = membership != null ? membership : membershipByClass(neurons);
        int[] sizes = sizes(members);
        int withoutSingletons = (int) java.util.Arrays.stream(sizes).filter(s -> s >= 2).count();
        double modularity = 0.05 + 0.35 * progress;
        com.fasterxml.jackson.databind.node.ObjectNode summary =
                com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode();
        summary.put("layers", layers.size());
        summary.put("neurons", neurons.size());
        summary.put("meanEntropyBits", mean(neurons, Report.NeuronFigures::entropyBits));
        summary.put("meanConditionalEntropyBits", mean(neurons, Report.NeuronFigures::conditionalEntropyBits));
        summary.put("meanMutualInformationBits", mean(neurons, Report.NeuronFigures::mutualInformationBits));
        summary.put("dead", (int) neurons.stream().filter(n -> n.activeCount() == 0).count());
        summary.put("alwaysOn", 0);
        summary.put("modularity", modularity);
        summary.put("communities", sizes.length);
        WeightedGraph g = graph(layerSizes, seed).graph();
        double accuracy = accuracy(progress);
        return new Report(Report.SCHEMA, new Report.Tool("coact", "0.1.0-SNAPSHOT"),
                new Report.ModelInfo(modelPath, "ab".repeat(32), "onnx", new Report.Plugin("onnx", "0.1.0"),
                        Map.of(), "logits", new org.coact.analysis.Decoding("logits", "argmax", CLASSES, null,
                                "[N, 10] output: argmax over 10 classes"), java.util.List.of()),
                new Report.DatasetInfo("/data/mnist/test.npz", "cd".repeat(32), null, null, SAMPLES, CLASSES,
                        new long[] {200, 200, 200, 200, 200, 200, 200, 200, 200, 200}),
                accuracy, Math.round(accuracy * SAMPLES), config(), summary, layers, neurons,
                new Report.GraphSummary("adjacent", "frequency", neurons.size(), g.edgeCount(), g.totalWeight(),
                        g.edgeCount()),
                new Report.Communities("louvain", new Report.Plugin("builtin", "0.1.0"),
                        Map.of("resolution", 1.0, "options", Map.of()), 42, sizes.length, withoutSingletons,
                        modularity, sizes, 0.4 + 0.4 * progress, 0.6 - 0.3 * progress, 0.3 + 0.5 * progress,
                        0.2 + 0.5 * progress, (int) neurons.stream().filter(n -> n.preferredClass() != null).count(),
                        new Report.NullModelFigures(20, 0.02 + 0.02 * progress, 0.01, (modularity - 0.02 - 0.02 * progress)
                                / 0.01, 0.05, 0.01, new double[] {0.02, 0.03}), members),
                List.of(), List.of(), new LinkedHashMap<>(Map.of("loadModel", 0.12, "extract", 1.5, "total", 2.0)));
    }

    /** The graph of a fixture report: adjacent layers, weights in (0, 0.5]. */
    static NeuronGraph graph(Report report, long seed) {
        int[] sizes = report.layers().stream().mapToInt(Report.LayerFigures::neurons).toArray();
        List<String> ids = report.neurons().stream().map(Report.NeuronFigures::id).toList();
        return new NeuronGraph(ids, graph(sizes, seed).graph());
    }

    private static NeuronGraph graph(int[] layerSizes, long seed) {
        int nodes = java.util.Arrays.stream(layerSizes).sum();
        SplittableRandom random = new SplittableRandom(seed ^ 0x5DEECE66DL);
        List<int[]> pairs = new ArrayList<>();
        List<Double> weights = new ArrayList<>();
        int offset = 0;
        for (int l = 0; l + 1 < layerSizes.length; l++) {
            int next = offset + layerSizes[l];
            for (int a = offset; a < next; a++) {
                for (int b = next; b < next + layerSizes[l + 1]; b++) {
                    if (random.nextDouble() < 0.55) {
                        pairs.add(new int[] {a, b});
                        weights.add(0.01 + 0.49 * random.nextDouble() * random.nextDouble());
                    }
                }
            }
            offset = next;
        }
        int[] s = new int[pairs.size()];
        int[] t = new int[pairs.size()];
        double[] w = new double[pairs.size()];
        for (int e = 0; e < s.length; e++) {
            s[e] = pairs.get(e)[0];
            t[e] = pairs.get(e)[1];
            w[e] = weights.get(e);
        }
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < nodes; i++) {
            ids.add("n" + i);
        }
        return new NeuronGraph(ids, new WeightedGraph(nodes, s, t, w));
    }

    /** Eleven checkpoints, epochs 0..10; returns the evolution and the last checkpoint's analysis. */
    static Series series(String[] layerNames) {
        List<Map<String, Integer>> memberships = memberships(layerNames);
        List<EvolutionReport.Checkpoint> checkpoints = new ArrayList<>();
        Report last = null;
        for (int c = 0; c < CHECKPOINTS; c++) {
            double progress = c / (double) (CHECKPOINTS - 1);
            String label = "mlp-epoch" + c;
            Report r = report(layerNames, "/models/" + label + ".onnx", progress, memberships.get(c), 1000 + c);
            Report.Communities k = r.communities();
            checkpoints.add(new EvolutionReport.Checkpoint(c, c, label, r.model(), r.accuracy(), r.correct(),
                    r.summary(), r.layers(), new EvolutionReport.CommunitySummary(k.algorithm(), k.count(),
                            k.countWithoutSingletons(), k.modularity(), k.sizes(), k.coverage(), k.meanConductance(),
                            k.purity(), k.nmi(), k.alignedNeurons(), k.nullModel())));
            last = r;
        }
        List<Evolution.Transition> transitions = new ArrayList<>();
        for (int c = 0; c + 1 < CHECKPOINTS; c++) {
            transitions.add(transition(c, memberships.get(c), memberships.get(c + 1)));
        }
        List<Evolution.Correlation> correlations = List.of(
                new Evolution.Correlation("modularity", CHECKPOINTS, new Evolution.Coefficient(0.97, 1e-6),
                        new Evolution.Coefficient(1.0, 0.0)),
                new Evolution.Correlation("meanEntropyBits", CHECKPOINTS,
                        new Evolution.Coefficient(-0.91, 9.6e-5), new Evolution.Coefficient(-0.88, 3.4e-4)),
                new Evolution.Correlation("alwaysOn", CHECKPOINTS, new Evolution.Coefficient(null, null),
                        new Evolution.Coefficient(null, null)));
        EvolutionReport evolution = new EvolutionReport(EvolutionReport.SCHEMA, new Report.Tool("coact", "0.1.0-SNAPSHOT"),
                last.dataset(), last.config(), new Evolution.TrackingOptions(0.1, false), checkpoints, correlations,
                transitions, new LinkedHashMap<>(Map.of("total", 21.5)));
        return new Series(evolution, last, graph(last, 1000 + CHECKPOINTS - 1));
    }

    /** An evolution, the last checkpoint's analysis and its graph. */
    record Series(EvolutionReport evolution, Report last, NeuronGraph lastGraph) {
    }

    static Settings config() {
        try {
            return new ConfigLoader().defaultsConfig().analysis();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static Report.NeuronFigures neuron(String layer, int index, double progress, SplittableRandom random) {
        boolean dead = random.nextDouble() < 0.06;
        double fraction = dead ? 0 : 0.05 + 0.9 * random.nextDouble() * (1 - 0.5 * progress);
        double h = entropy(fraction);
        double mi = dead ? 0 : h * (0.05 + 0.4 * progress) * random.nextDouble();
        long[] classCounts = new long[CLASSES];
        double[] classEntropy = new double[CLASSES];
        int preferred = random.nextInt(CLASSES);
        for (int c = 0; c < CLASSES; c++) {
            double p = dead ? 0 : Math.min(1, fraction * (c == preferred ? 1.6 : 0.7 + 0.3 * random.nextDouble()));
            classCounts[c] = Math.round(p * 200);
            classEntropy[c] = entropy(classCounts[c] / 200.0);
        }
        long active = java.util.Arrays.stream(classCounts).sum();
        return new Report.NeuronFigures(layer + ":" + index, layer, index, 0.0, active, active / (double) SAMPLES, h,
                h - mi, mi, dead ? null : preferred, dead ? 1.0 : 0.001, classCounts, classEntropy);
    }

    private static Report.LayerFigures layer(String name, List<Report.NeuronFigures> neurons) {
        double[] classMean = new double[CLASSES];
        for (Report.NeuronFigures n : neurons) {
            for (int c = 0; c < CLASSES; c++) {
                classMean[c] += n.classEntropyBits()[c] / neurons.size();
            }
        }
        return new Report.LayerFigures(name, "Relu", new long[] {-1, neurons.size()}, -1, neurons.size(),
                mean(neurons, Report.NeuronFigures::activeFraction), mean(neurons, Report.NeuronFigures::entropyBits),
                mean(neurons, Report.NeuronFigures::conditionalEntropyBits),
                mean(neurons, Report.NeuronFigures::mutualInformationBits),
                (int) neurons.stream().filter(n -> n.activeCount() == 0).count(), 0, classMean);
    }

    /** Live neurons grouped by preferred class (mod 6), dead ones alone; numbered by first neuron. */
    private static Map<String, Integer> membershipByClass(List<Report.NeuronFigures> neurons) {
        Map<String, Integer> raw = new LinkedHashMap<>();
        int singleton = 100;
        for (Report.NeuronFigures n : neurons) {
            raw.put(n.id(), n.preferredClass() == null ? singleton++ : n.preferredClass() % 6);
        }
        return renumber(raw);
    }

    /** Memberships along the series: four groups that drift and split into more as training goes on. */
    private static List<Map<String, Integer>> memberships(String[] layerNames) {
        SplittableRandom random = new SplittableRandom(7);
        List<String> ids = new ArrayList<>();
        for (int l = 0; l < layerNames.length; l++) {
            for (int i = 0; i < LAYER_SIZES[l]; i++) {
                ids.add(layerNames[l] + ":" + i);
            }
        }
        List<Map<String, Integer>> out = new ArrayList<>();
        Map<String, Integer> current = new LinkedHashMap<>();
        for (int i = 0; i < ids.size(); i++) {
            current.put(ids.get(i), i % 4);
        }
        for (int c = 0; c < CHECKPOINTS; c++) {
            int groups = 4 + c / 3;
            Map<String, Integer> next = new LinkedHashMap<>();
            for (String id : ids) {
                int g = current.get(id);
                next.put(id, random.nextDouble() < 0.15 ? random.nextInt(groups) : g);
            }
            next.put(ids.get(ids.size() - 1), 99); // one singleton throughout
            current = next;
            out.add(renumber(next));
        }
        return out;
    }

    private static Evolution.Transition transition(int from, Map<String, Integer> a, Map<String, Integer> b) {
        Map<Integer, Integer> sizeA = new TreeMap<>();
        Map<Integer, Integer> sizeB = new TreeMap<>();
        Map<List<Integer>, Integer> overlap = new TreeMap<>((x, y) -> x.get(0).equals(y.get(0))
                ? Integer.compare(x.get(1), y.get(1)) : Integer.compare(x.get(0), y.get(0)));
        a.forEach((id, ca) -> {
            int cb = b.get(id);
            sizeA.merge(ca, 1, Integer::sum);
            sizeB.merge(cb, 1, Integer::sum);
            overlap.merge(List.of(ca, cb), 1, Integer::sum);
        });
        List<Evolution.Flow> flows = new ArrayList<>();
        Map<Integer, Integer> bestOfA = new HashMap<>();
        Map<Integer, Double> bestJaccard = new HashMap<>();
        overlap.forEach((pair, o) -> {
            if (sizeA.get(pair.get(0)) < 2 || sizeB.get(pair.get(1)) < 2) {
                return;
            }
            double jaccard = o / (double) (sizeA.get(pair.get(0)) + sizeB.get(pair.get(1)) - o);
            flows.add(new Evolution.Flow(pair.get(0), pair.get(1), o, jaccard));
            if (jaccard > bestJaccard.getOrDefault(pair.get(0), 0.0)) {
                bestJaccard.put(pair.get(0), jaccard);
                bestOfA.put(pair.get(0), pair.get(1));
            }
        });
        Map<Integer, Integer> matchedB = new TreeMap<>();
        bestOfA.values().forEach(target -> matchedB.merge(target, 1, Integer::sum));
        int merges = (int) matchedB.values().stream().filter(v -> v >= 2).count();
        int continuations = (int) matchedB.values().stream().filter(v -> v == 1).count();
        int births = (int) sizeB.entrySet().stream().filter(e -> e.getValue() >= 2 && !matchedB.containsKey(e.getKey()))
                .count();
        boolean empty = from == EMPTY_TRANSITION;
        return new Evolution.Transition(from, from + 1, continuations, births, 0, from % 3 == 1 ? 1 : 0, merges,
                empty ? List.of() : flows, List.of());
    }

    private static Map<String, Integer> renumber(Map<String, Integer> raw) {
        Map<Integer, Integer> ids = new HashMap<>();
        Map<String, Integer> out = new LinkedHashMap<>();
        raw.forEach((id, c) -> out.put(id, ids.computeIfAbsent(c, k -> ids.size())));
        return out;
    }

    private static int[] sizes(Map<String, Integer> membership) {
        Map<Integer, Integer> counts = new TreeMap<>();
        membership.values().forEach(c -> counts.merge(c, 1, Integer::sum));
        return counts.values().stream().sorted(java.util.Comparator.reverseOrder()).mapToInt(Integer::intValue)
                .toArray();
    }

    private static double accuracy(double progress) {
        return Math.round((0.31 + 0.64 * (1 - Math.exp(-4 * progress))) * 10000) / 10000.0;
    }

    private static double entropy(double p) {
        if (p <= 0 || p >= 1) {
            return 0;
        }
        return -(p * Math.log(p) + (1 - p) * Math.log(1 - p)) / Math.log(2);
    }

    private static double mean(List<Report.NeuronFigures> neurons,
            java.util.function.ToDoubleFunction<Report.NeuronFigures> f) {
        return neurons.stream().mapToDouble(f).average().orElse(0);
    }
}
