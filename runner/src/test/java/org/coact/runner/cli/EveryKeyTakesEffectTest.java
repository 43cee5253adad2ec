package org.coact.runner.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.coact.runner.config.ConfigLoader;
import org.coact.runner.data.NpyReader;
import org.coact.runner.data.NpzArchive;
import org.coact.runner.testing.NpyFiles;
import org.coact.runner.testing.TestEnv;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import picocli.CommandLine;

/**
 * Every documented configuration key and every flag of {@code analyze} and {@code evolve} takes
 * effect or is refused by name: each is set to a non-default value on the bundled MLP (the CNN
 * for {@code reduce}, which needs conv channels) and the run's figures must differ from the run
 * without it, or the value must be refused with an error naming the key, or, for the settings
 * documented to change speed only ({@code batch_size}, {@code threads}), the figures must be
 * the same and the report must record the value that ran. Two meta-tests fail when a key of
 * {@code coact.yaml} or an option of a command has no case here.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class EveryKeyTakesEffectTest {

    private static final String CNN = "onnx/cnn/cnn-epoch10.onnx";
    private static final String MLP = "onnx/mlp/mlp-epoch10.onnx";
    private static final ObjectMapper JSON = new ObjectMapper();

    /** What setting a key must do. */
    enum Effect {
        /** The figures differ from the base run's. */
        CHANGES,
        /** The figures equal the base run's, and the report records the value. */
        RECORDED,
        /** Exit 2 with one error line naming the key. */
        REFUSED
    }

    /**
     * @param key the documented key (dotted)
     * @param model the model inside testmodels
     * @param base YAML every run of this case starts from ("" for the defaults)
     * @param yaml YAML added on top, setting the key
     * @param effect what it must do
     */
    record Case(String key, String model, String base, String yaml, Effect effect) {
        @Override
        public String toString() {
            return key + ": " + yaml.replace('\n', ' ') + " -> " + effect;
        }
    }

    /** One CLI run into its own output directory. */
    record Ran(int exitCode, String stdout, String err, Path out) {
        List<String> errLines() {
            return err.lines().filter(l -> !l.isBlank()).toList();
        }
    }

    private Path tmp;

    private final Map<String, Ran> runs = new HashMap<>();
    private int count;
    private Path uint8Data;
    private Path renamedData;
    private Path nanData;
    private Path npyData;
    private Path npyLabels;

    @BeforeAll
    void data(@TempDir Path dir) throws Exception {
        tmp = dir;
        float[] x;
        long[] y;
        try (NpzArchive npz = NpzArchive.open(TestEnv.model("mnist/test.npz"));
                NpyReader xs = npz.reader("x", 1f); NpyReader ys = npz.reader("y", 1f)) {
            x = xs.readFloats((int) xs.header().rows());
            y = ys.readLongs((int) ys.header().rows());
        }
        byte[] grey = new byte[x.length];
        for (int i = 0; i < x.length; i++) {
            grey[i] = (byte) Math.round(x[i] * 255);
        }
        Map<String, byte[]> u8 = new LinkedHashMap<>();
        u8.put("x", NpyFiles.uint8(grey, y.length, 784));
        u8.put("y", NpyFiles.int64(y, y.length));
        uint8Data = NpyFiles.npz(tmp.resolve("uint8.npz"), u8);
        Map<String, byte[]> renamed = new LinkedHashMap<>();
        renamed.put("pixels", NpyFiles.float32(x, y.length, 784));
        renamed.put("digits", NpyFiles.int64(y, y.length));
        renamedData = NpyFiles.npz(tmp.resolve("renamed.npz"), renamed);
        float[] withNan = x.clone();
        for (int i = 0; i < 10; i++) {
            withNan[i * 784 + 400] = Float.NaN; // one pixel of the first ten digits
        }
        Map<String, byte[]> nan = new LinkedHashMap<>();
        nan.put("x", NpyFiles.float32(withNan, y.length, 784));
        nan.put("y", NpyFiles.int64(y, y.length));
        nanData = NpyFiles.npz(tmp.resolve("nan.npz"), nan);
        npyData = Files.write(tmp.resolve("x.npy"), NpyFiles.float32(x, y.length, 784));
        npyLabels = Files.write(tmp.resolve("y.npy"), NpyFiles.int64(y, y.length));
    }

    static List<Case> cases() {
        List<Case> c = new ArrayList<>();
        c.add(new Case("layers", MLP, "", "layers: [/act1/Relu]", Effect.CHANGES));
        c.add(new Case("threshold", MLP, "", "threshold: 0.05", Effect.CHANGES));
        c.add(new Case("threshold", MLP, "", "threshold: quantile 0.5", Effect.CHANGES));
        // for ReLU channels and threshold 0, mean > 0 exactly when max > 0: reduce matters above 0
        c.add(new Case("reduce", CNN, "threshold: 0.5\n", "reduce: max", Effect.CHANGES));
        c.add(new Case("reduce", CNN, "", "reduce: mean", Effect.CHANGES));
        c.add(new Case("reduce", CNN, "", "reduce: median", Effect.REFUSED));
        c.add(new Case("active_fraction", CNN, "", "active_fraction: 0.5", Effect.CHANGES));
        c.add(new Case("active_fraction", CNN, "", "active_fraction: 1.5", Effect.REFUSED));
        c.add(new Case("graph.scope", MLP, "", "graph: {scope: all}", Effect.CHANGES));
        c.add(new Case("graph.scope", MLP, "", "graph: {scope: every}", Effect.REFUSED));
        for (String weight : List.of("frequency", "count", "phi", "lift")) {
            c.add(new Case("graph.weight", MLP, "", "graph: {weight: " + weight + "}", Effect.CHANGES));
        }
        c.add(new Case("graph.weight", MLP, "", "graph: {weight: cosine}", Effect.REFUSED));
        c.add(new Case("graph.per_class", MLP, "", "graph: {per_class: true}", Effect.CHANGES));
        c.add(new Case("community.null_samples", MLP, "", "community: {null_samples: 5}", Effect.CHANGES));
        c.add(new Case("community.null_samples", MLP, "", "community: {null_samples: -1}", Effect.REFUSED));
        c.add(new Case("community.alignment_alpha", MLP, "", "community: {alignment_alpha: 0.5}", Effect.CHANGES));
        c.add(new Case("community.alignment_alpha", MLP, "", "community: {alignment_alpha: 0}", Effect.REFUSED));
        c.add(new Case("graph.min_weight", MLP, "", "graph: {min_weight: 0.2}", Effect.CHANGES));
        c.add(new Case("graph.top_k", MLP, "", "graph: {top_k: 3}", Effect.CHANGES));
        c.add(new Case("community.algorithm", MLP, "", "community: {algorithm: leiden}", Effect.CHANGES));
        c.add(new Case("community.resolution", MLP, "", "community: {resolution: 0.5}", Effect.CHANGES));
        c.add(new Case("community.seed", MLP, "", "community: {seed: 1}", Effect.CHANGES));
        c.add(new Case("community.options", MLP, "", "community: {options: {bogus: 1}}", Effect.REFUSED));
        c.add(new Case("community.options", MLP, "community: {algorithm: louvain}\n",
                "community: {options: {iterations: 1}}", Effect.CHANGES));
        c.add(new Case("community.options", MLP, "community: {algorithm: louvain}\n",
                "community: {options: {random_starts: 5}}", Effect.CHANGES));
        c.add(new Case("community.options", MLP, "community: {algorithm: leiden}\n",
                "community: {options: {randomness: 1.0}}", Effect.CHANGES));
        // label propagation ignores weights: on the dense graph it finds one community whatever the
        // iterations; on a sparse one a single iteration stops it early
        c.add(new Case("community.options", MLP, "community: {algorithm: label-propagation}\ngraph: {top_k: 2}\n",
                "community: {options: {iterations: 1}}", Effect.CHANGES));
        // Girvan-Newman recomputes edge betweenness after each removal: a sparse graph keeps it to seconds
        c.add(new Case("community.options", MLP, "community: {algorithm: girvan-newman}\ngraph: {top_k: 1}\n",
                "community: {options: {communities: 8}}", Effect.CHANGES));
        c.add(new Case("batch_size", MLP, "", "batch_size: 7", Effect.RECORDED));
        c.add(new Case("output", MLP, "", "output: logits", Effect.RECORDED));
        c.add(new Case("output", MLP, "", "output: probabilities", Effect.REFUSED));
        // binary heads and their thresholds change figures in WildModelsEndToEndTest; on a 10-way head:
        c.add(new Case("prediction.decode", MLP, "", "prediction: {decode: binary}", Effect.REFUSED));
        c.add(new Case("prediction.decode", MLP, "", "prediction: {decode: pooled}", Effect.RECORDED));
        c.add(new Case("prediction.threshold", MLP, "", "prediction: {threshold: 0.5}", Effect.REFUSED));
        c.add(new Case("prediction.threshold", MLP, "", "prediction: {threshold: high}", Effect.REFUSED));
        // constant inputs change figures in WildModelsEndToEndTest (silero-like); here:
        c.add(new Case("inputs", MLP, "", "inputs: {input: 0}", Effect.REFUSED));
        c.add(new Case("inputs", MLP, "", "inputs: {nope: 1}", Effect.REFUSED));
        c.add(new Case("inputs", MLP, "", "inputs: {input: lots}", Effect.REFUSED));
        // the files' size policy never changes a figure (GraphFilesTest checks the files)
        c.add(new Case("outputs.graph_edges", MLP, "", "outputs: {graph_edges: 100}", Effect.RECORDED));
        c.add(new Case("outputs.graph_edges", MLP, "", "outputs: {graph_edges: -1}", Effect.REFUSED));
        // on clean data failing on NaN changes nothing; on data with NaN it does: dataKeysTakeEffect()
        c.add(new Case("data.non_finite", MLP, "", "data: {non_finite: fail}", Effect.RECORDED));
        c.add(new Case("data.non_finite", MLP, "", "data: {non_finite: ignore}", Effect.REFUSED));
        // data.scale, data.features and data.labels need other data files: dataKeysTakeEffect()
        return c;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void everyKeyChangesTheResultOrIsRefusedOrIsRecorded(Case c) throws Exception {
        Ran base = analyze(c.model(), c.base(), TestEnv.model("mnist/test.npz"));
        assertEquals(0, base.exitCode(), base.err());
        Ran run = analyze(c.model(), merged(c.base(), c.yaml()), TestEnv.model("mnist/test.npz"));
        check(c, base, run);
    }

    @Test
    void dataKeysTakeEffect() throws Exception {
        Path mnist = TestEnv.model("mnist/test.npz");
        Ran floats = analyze("", mnist);
        // data.scale multiplies integer inputs: the uint8 digits read unscaled (0..255) differ from /255
        Ran raw = analyze("", uint8Data);
        Ran scaled = analyze("data: {scale: 0.00392156862745098}", uint8Data);
        check(new Case("data.scale", MLP, "", "data: {scale: 0.00392156862745098}", Effect.CHANGES), raw, scaled);
        Ran flag = analyze("", uint8Data, "--scale", "0.00392156862745098");
        assertTrue(figures(report(scaled), true).equals(figures(report(flag), true)), "--scale = data.scale");
        // data.features and data.labels name the .npz arrays; the same arrays under other names give the same figures
        Ran renamed = analyze("data: {features: pixels, labels: digits}", renamedData);
        assertEquals(0, renamed.exitCode(), renamed.err());
        assertTrue(figures(report(floats), false).equals(figures(report(renamed), false)), "renamed arrays");
        assertEquals("pixels", report(renamed).at("/config/data/features").asText());
        assertEquals("digits", report(renamed).at("/config/data/labels").asText());
        refused("data.features", analyze("data: {features: nope, labels: digits}", renamedData), ExitCodes.DATA,
                "data.features");
        refused("data.labels", analyze("data: {features: pixels, labels: nope}", renamedData), ExitCodes.DATA, "nope");
        // a plain .npy has no arrays to choose: naming one is refused, not ignored
        Ran npy = analyze("", npyData, "--labels", npyLabels.toString());
        assertEquals(0, npy.exitCode(), npy.err());
        refused("data.features", analyze("data: {features: bogus}", npyData, "--labels", npyLabels.toString()),
                ExitCodes.DATA, "config key data.features ('bogus') has no array to select");
        refused("data.labels", analyze("data: {labels: bogus}", npyData, "--labels", npyLabels.toString()),
                ExitCodes.DATA, "config key data.labels ('bogus') has no array to select");
        // data.non_finite: NaN inputs are counted and warned about, or stop the run naming the layer
        Ran warned = analyze("", nanData);
        assertEquals(0, warned.exitCode(), warned.err());
        JsonNode r = report(warned);
        assertEquals(10, r.at("/dataset/nonFinite").asLong(), "ten NaN pixels");
        long layerValues = r.at("/layers/0/nonFinite").asLong();
        assertEquals(10L * r.at("/layers/0/neurons").asLong(), layerValues, "a NaN pixel makes its digit's first "
                + "layer NaN");
        assertEquals(layerValues + r.at("/layers/1/nonFinite").asLong(), r.at("/summary/nonFinite").asLong());
        assertTrue(warned.errLines().stream().anyMatch(l -> l.startsWith("coact: warning: 10 input values of the data "
                + "are NaN or infinite and ")), warned.err());
        refused("data.non_finite", analyze("data: {non_finite: fail}", nanData), ExitCodes.DATA,
                "layer '/act1/Relu' of ");
        assertEquals(0, report(analyze("", TestEnv.model("mnist/test.npz"))).at("/summary/nonFinite").asLong());
    }

    @Test
    void labelsFormatAndModelOptionFlagsTakeEffect() throws Exception {
        Path mnist = TestEnv.model("mnist/test.npz");
        Ran base = analyze("", mnist);
        // --labels: a separate labels file is read and recorded; other labels change the figures
        long[] y;
        try (NpzArchive npz = NpzArchive.open(mnist); NpyReader ys = npz.reader("y", 1f)) {
            y = ys.readLongs((int) ys.header().rows());
        }
        long[] shifted = y.clone();
        for (int i = 0; i < shifted.length; i++) {
            shifted[i] = (shifted[i] + 1) % 10;
        }
        Path labels = Files.write(tmp.resolve("shifted.npy"), NpyFiles.int64(shifted, shifted.length));
        Ran relabelled = analyze("", mnist, "--labels", labels.toString());
        assertEquals(0, relabelled.exitCode(), relabelled.err());
        assertEquals(labels.toAbsolutePath().toString(), report(relabelled).at("/dataset/labelsPath").asText());
        assertTrue(!figures(report(base), true).equals(figures(report(relabelled), true)), "--labels");
        // --format: the named format opens the model, a wrong one is refused by name
        Ran named = analyze("", mnist, "--format", "onnx");
        assertTrue(figures(report(base), true).equals(figures(report(named), true)), "--format onnx");
        refused("--format", analyze("", mnist, "--format", "tensorflow"), ExitCodes.MODEL, "TensorFlow SavedModel");
        // --model-option: recorded; threads change speed only; an unknown option is refused by name
        Ran threads = analyze("", mnist, "--model-option", "threads=1", "--model-option", "optimization=none");
        assertEquals(0, threads.exitCode(), threads.err());
        assertEquals("1", report(threads).at("/model/options/threads").asText());
        assertEquals("none", report(threads).at("/model/options/optimization").asText());
        // (no equality of figures here: another thread count or graph optimisation may round differently)
        refused("--model-option", analyze("", mnist, "--model-option", "bogus=1"), "bogus");
        // --set: any key, its value read as YAML, the same as in a file; a bad key or value refused by name
        Ran set = analyze("", mnist, "--set", "graph.weight=frequency", "--set", "community.options={iterations: 2}");
        Ran filed = analyze("graph: {weight: frequency}\ncommunity: {options: {iterations: 2}}", mnist);
        assertEquals(0, set.exitCode(), set.err());
        assertTrue(figures(report(set), true).equals(figures(report(filed), true)), "--set = the same keys in a file");
        assertEquals("frequency", report(set).at("/config/graph/weight").asText());
        assertEquals(2, report(set).at("/config/community/options/iterations").asInt());
        refused("--set", analyze("", mnist, "--set", "graph.wieght=frequency"), "graph.wieght");
        refused("--set", analyze("", mnist, "--set", "graph.weight="), "graph.weight");
        refused("--set", analyze("", mnist, "--set", "graph.weight=[unclosed"), "graph.weight");
        // every command-line override is recorded in the config
        Ran flags = analyze("", mnist, "--algorithm", "leiden", "--seed", "3", "--resolution", "0.75",
                "--threshold", "0.05", "--batch-size", "9", "--layers", "/act1/Relu,/act2/Relu");
        assertEquals(0, flags.exitCode(), flags.err());
        JsonNode config = report(flags).get("config");
        assertEquals("leiden", config.at("/community/algorithm").asText());
        assertEquals(3, config.at("/community/seed").asLong());
        assertEquals(0.75, config.at("/community/resolution").asDouble());
        assertEquals(0.05, config.at("/threshold").asDouble());
        assertEquals(9, config.at("/batch_size").asInt());
        assertEquals("[\"/act1/Relu\",\"/act2/Relu\"]", config.get("layers").toString());
    }

    @Test
    void tensorFlowSignatureAndTagAreRecordedOrRefused() throws Exception {
        Path mnist = TestEnv.model("mnist/test.npz");
        String model = TestEnv.model("tensorflow/graph/cnn-epoch10").toString();
        Ran ok = run("analyze", "--model", model, "--data", mnist.toString(), "--signature", "serving_default",
                "--tag", "serve");
        assertEquals(0, ok.exitCode(), ok.err());
        assertEquals("serving_default", report(ok).at("/model/options/signature").asText());
        assertEquals("serve", report(ok).at("/model/options/tag").asText());
        refused("--signature", run("analyze", "--model", model, "--data", mnist.toString(), "--signature", "nope"), "nope");
        refused("--tag", run("analyze", "--model", model, "--data", mnist.toString(), "--tag", "train"), "'train'");
    }

    @Test
    void quietSilencesTheSummaryAndProgress() throws Exception {
        Ran quiet = analyze("", TestEnv.model("mnist/test.npz"));
        assertEquals("", quiet.stdout());
        assertEquals("", quiet.err());
        Path out = tmp.resolve("loud");
        TestEnv.Run loud = TestEnv.coact("analyze", "--model", TestEnv.model(CNN).toString(), "--data",
                TestEnv.model("mnist/test.npz").toString(), "--out", out.toString());
        assertTrue(loud.out().contains("Communities"), loud.out());
    }

    @Test
    void evolveFlagsTakeEffect() throws Exception {
        List<String> models = Stream.of(0, 1, 10).map(e -> TestEnv.model(String.format("onnx/mlp/mlp-epoch%02d.onnx", e))
                .toString()).toList();
        JsonNode base = evolve(String.join(",", models));
        List<String> backwards = new ArrayList<>(models);
        java.util.Collections.reverse(backwards);
        JsonNode reversed = evolve(String.join(",", backwards));
        assertEquals(List.of(10, 1, 0), epochs(reversed), "--models order is kept for a list");
        JsonNode byEpoch = evolve(String.join(",", backwards), "--order", "epoch");
        assertEquals(List.of(0, 1, 10), epochs(byEpoch), "--order epoch");
        JsonNode singletons = evolve(String.join(",", models), "--include-singletons");
        assertTrue(singletons.at("/tracking/includeSingletons").asBoolean());
        assertNotEquals(base.get("transitions"), singletons.get("transitions"), "--include-singletons");
        JsonNode strict = evolve(String.join(",", models), "--min-jaccard", "0.95");
        assertEquals(0.95, strict.at("/tracking/minJaccard").asDouble());
        assertNotEquals(base.get("transitions"), strict.get("transitions"), "--min-jaccard");
        Path yaml = Files.writeString(tmp.resolve("evolve.yaml"), "evolve: {min_jaccard: 0.95, include_singletons: true}\n");
        JsonNode configured = evolve(String.join(",", models), "--config", yaml.toString());
        assertEquals(0.95, configured.at("/tracking/minJaccard").asDouble(), "evolve.min_jaccard from a file");
        assertTrue(configured.at("/tracking/includeSingletons").asBoolean(), "evolve.include_singletons from a file");
        Ran bad = run("evolve", "--models", String.join(",", models), "--data",
                TestEnv.model("mnist/test.npz").toString(), "--order", "size");
        refused("--order", bad, "size");
    }

    @Test
    void everyKeyOfTheDefaultConfigurationHasACase() throws Exception {
        Set<String> documented = new TreeSet<>();
        try (InputStream in = ConfigLoader.class.getResourceAsStream("coact.yaml")) {
            leaves((ObjectNode) new YAMLMapper().readTree(in), "", documented);
        }
        Set<String> covered = new TreeSet<>();
        cases().forEach(c -> covered.add(c.key()));
        covered.addAll(List.of("data.scale", "data.features", "data.labels")); // dataKeysTakeEffect
        covered.addAll(List.of("evolve.order", "evolve.min_jaccard", "evolve.include_singletons")); // evolveFlags...
        assertEquals(documented, covered, "keys of coact.yaml vs keys this test sets");
    }

    @Test
    void everyOptionOfAnalyzeAndEvolveHasACase() {
        Set<String> covered = Set.of("--model", "--data", "--out", "--labels", "--layers", "--config", "--algorithm",
                "--seed", "--resolution", "--threshold", "--batch-size", "--scale", "--format", "--model-option",
                "--signature", "--tag", "--quiet", "--plugins-dir", "--help", "--version", "--models", "--order",
                "--min-jaccard", "--include-singletons", "--set");
        CommandLine cli = org.coact.runner.cli.Main.commandLine();
        for (String command : List.of("analyze", "evolve")) {
            for (CommandLine.Model.OptionSpec o : cli.getSubcommands().get(command).getCommandSpec().options()) {
                assertTrue(covered.contains(o.longestName()), command + " " + o.longestName() + " has no case here");
            }
        }
    }

    /** @return the YAML of {@code top} deep-merged over {@code base} */
    private static String merged(String base, String top) throws Exception {
        YAMLMapper yaml = new YAMLMapper();
        JsonNode b = base.isBlank() ? yaml.createObjectNode() : yaml.readTree(base);
        JsonNode t = yaml.readTree(top);
        return yaml.writeValueAsString(yaml.readerForUpdating(b).readValue(t));
    }

    private static void leaves(ObjectNode node, String prefix, Set<String> out) {
        Iterator<Map.Entry<String, JsonNode>> it = node.fields();
        while (it.hasNext()) {
            Map.Entry<String, JsonNode> e = it.next();
            String key = prefix + e.getKey();
            if (e.getValue().isObject() && !key.equals("community.options") && !key.equals("inputs")) {
                leaves((ObjectNode) e.getValue(), key + ".", out);
            } else {
                out.add(key);
            }
        }
    }

    private void check(Case c, Ran base, Ran run) throws Exception {
        switch (c.effect()) {
            case REFUSED -> refused(c.key(), run, c.key().startsWith("community.options") ? "bogus" : c.key());
            case CHANGES -> {
                assertEquals(0, run.exitCode(), c + ": " + run.err());
                assertTrue(!figures(report(base), true).equals(figures(report(run), true)), c + " changed nothing");
            }
            case RECORDED -> {
                assertEquals(0, run.exitCode(), c + ": " + run.err());
                assertTrue(figures(report(base), true).equals(figures(report(run), true)), c + " changed the figures");
                JsonNode set = new YAMLMapper().readTree(c.yaml());
                JsonNode recorded = report(run).get("config");
                for (String part : c.key().split("\\.")) {
                    set = set.get(part);
                    recorded = recorded.get(part);
                }
                assertEquals(set.asText(), recorded.asText(), c + " is recorded as it ran");
            }
            default -> throw new AssertionError(c.effect());
        }
    }

    private static void refused(String key, Ran run, String mustContain) {
        refused(key, run, ExitCodes.USAGE, mustContain);
    }

    private static void refused(String key, Ran run, int exitCode, String mustContain) {
        assertEquals(exitCode, run.exitCode(), key + ": " + run.err());
        assertEquals(1, run.errLines().size(), key + ": one line: " + run.err());
        assertTrue(run.err().contains(mustContain), key + ": '" + run.err().strip() + "' names " + mustContain);
    }

    /** The report without what only echoes the input: config, timings, provenance, parameters. */
    private static Map<String, JsonNode> figures(JsonNode report, boolean withDataset) {
        Map<String, JsonNode> f = new LinkedHashMap<>();
        for (String key : List.of("accuracy", "correct", "summary", "layers", "neurons", "graph", "warnings",
                "classGraphs")) {
            f.put(key, report.get(key));
        }
        ObjectNode graph = report.get("graph").deepCopy();
        graph.remove("fileEdges"); // what the files hold, not a figure
        f.put("graph", graph);
        ObjectNode communities = report.get("communities").deepCopy();
        communities.remove(List.of("algorithm", "plugin", "parameters", "seed"));
        f.put("communities", communities);
        if (withDataset) {
            f.put("dataset", report.at("/dataset/classCounts"));
        }
        return f;
    }

    private JsonNode report(Ran run) throws Exception {
        assertEquals(0, run.exitCode(), run.err());
        return JSON.readTree(run.out().resolve("report.json").toFile());
    }

    private Ran analyze(String yaml, Path data, String... flags) throws Exception {
        return analyze(MLP, yaml, data, flags);
    }

    private Ran analyze(String model, String yaml, Path data, String... flags) throws Exception {
        String key = model + "|" + yaml + "|" + data + "|" + String.join(" ", flags);
        Ran cached = runs.get(key);
        if (cached != null) {
            return cached;
        }
        List<String> args = new ArrayList<>(List.of("analyze", "--model", TestEnv.model(model).toString(), "--data",
                data.toString()));
        if (!yaml.isBlank()) {
            Path config = Files.writeString(tmp.resolve("config-" + (++count) + ".yaml"), yaml);
            args.addAll(List.of("--config", config.toString()));
        }
        args.addAll(List.of(flags));
        Ran r = run(args.toArray(String[]::new));
        runs.put(key, r);
        return r;
    }

    /** Runs quietly into a fresh --out. */
    private Ran run(String... args) {
        Path out = tmp.resolve("out-" + (++count));
        String[] all = Stream.concat(Stream.of(args), Stream.of("--out", out.toString(), "--quiet"))
                .toArray(String[]::new);
        TestEnv.Run r = TestEnv.coact(all);
        return new Ran(r.exitCode(), r.out(), r.err(), out);
    }

    private JsonNode evolve(String models, String... flags) throws Exception {
        Path out = tmp.resolve("evolve-" + (++count));
        String[] all = Stream.concat(Stream.of("evolve", "--models", models, "--data",
                TestEnv.model("mnist/test.npz").toString(), "--out", out.toString(), "--quiet"), Stream.of(flags))
                .toArray(String[]::new);
        TestEnv.Run r = TestEnv.coact(all);
        assertEquals(0, r.exitCode(), r.err());
        return JSON.readTree(out.resolve("evolution.json").toFile());
    }

    private static List<Integer> epochs(JsonNode evolution) {
        List<Integer> e = new ArrayList<>();
        evolution.get("checkpoints").forEach(c -> e.add(c.get("epoch").asInt()));
        return e;
    }
}
