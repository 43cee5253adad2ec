package org.coact.runner.crossformat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.coact.runner.testing.TestEnv;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code coact evolve} on the same MLP and CNN series in every bundled format gives the same
 * evolution, within what arithmetic allows. Runtimes round differently (by about 1e-6), so a
 * neuron's count may differ only by the samples whose numpy pre-activation lies within 1e-5 of
 * the threshold ({@link NearThreshold}), and the prediction count by the samples whose two best
 * logits are that close. A checkpoint with no such value must give identical figures (summary,
 * layers, communities); the series' correlations and tracking are compared exactly when every
 * checkpoint is such. The test prints how many flips it saw and what it compared exactly, so a
 * machine on which the bound is used says so. Layer names differ across formats, so layers are
 * compared by position.
 */
class EvolveAcrossFormatsTest {

    @TempDir
    Path tmp;

    private Path evolve(String name, String models, String... extra) {
        Path out = tmp.resolve(name);
        String[] base = {"evolve", "--models", models, "--data", TestEnv.model("mnist/test.npz").toString(), "--out",
            out.toString(), "--quiet"};
        TestEnv.Run run = TestEnv.coact(java.util.stream.Stream.concat(java.util.Arrays.stream(base),
                java.util.Arrays.stream(extra)).toArray(String[]::new));
        assertEquals(0, run.exitCode(), run.err());
        return out;
    }

    static void assertSameEvolution(Path expectedDir, Path actualDir, String net, String format) throws Exception {
        ObjectMapper json = new ObjectMapper();
        JsonNode expected = json.readTree(expectedDir.resolve("evolution.json").toFile());
        JsonNode actual = json.readTree(actualDir.resolve("evolution.json").toFile());
        List<long[]> expectedCounts = activeCounts(expectedDir);
        List<long[]> actualCounts = activeCounts(actualDir);
        assertEquals(expected.get("checkpoints").size(), actual.get("checkpoints").size(), format);
        int flips = 0;
        List<Integer> exact = new ArrayList<>();
        boolean allClean = true;
        for (int i = 0; i < expected.get("checkpoints").size(); i++) {
            JsonNode e = expected.get("checkpoints").get(i);
            JsonNode a = actual.get("checkpoints").get(i);
            int epoch = e.get("epoch").asInt();
            assertEquals(epoch, a.get("epoch").asInt(), format);
            String where = format + " epoch " + epoch;
            int[] near = NearThreshold.neurons(net, epoch);
            long[] ce = expectedCounts.get(i);
            long[] ca = actualCounts.get(i);
            assertEquals(near.length, ce.length, where + ": neurons vs fixture");
            assertEquals(ce.length, ca.length, where + ": neurons");
            for (int j = 0; j < ce.length; j++) {
                long diff = Math.abs(ce[j] - ca[j]);
                assertTrue(diff <= near[j], where + " neuron " + j + ": counts " + ca[j] + " vs " + ce[j] + " but only "
                        + near[j] + " pre-activations lie within 1e-5 of the threshold");
                flips += (int) diff;
            }
            long correct = Math.abs(e.get("correct").asLong() - a.get("correct").asLong());
            assertTrue(correct <= NearThreshold.logits(net, epoch), where + ": correct predictions differ by " + correct);
            if (!NearThreshold.clean(net, epoch)) {
                allClean = false;
                continue;
            }
            exact.add(epoch);
            assertEquals(e.get("accuracy"), a.get("accuracy"), where);
            assertEquals(e.get("summary"), a.get("summary"), where);
            assertEquals(e.get("communities"), a.get("communities"), where);
            for (int l = 0; l < e.get("layers").size(); l++) {
                for (String f : new String[] {"neurons", "meanActiveFraction", "meanEntropyBits",
                    "meanMutualInformationBits", "dead", "alwaysOn", "classMeanEntropyBits"}) {
                    assertEquals(e.get("layers").get(l).get(f), a.get("layers").get(l).get(f), where + " " + f);
                }
            }
        }
        // The series figures are functions of the checkpoints' figures (correlations) and of the
        // memberships (tracking): where those agree, on this machine, so must they.
        boolean sameFigures = true;
        for (int i = 0; i < expected.get("checkpoints").size(); i++) {
            JsonNode e = expected.get("checkpoints").get(i);
            JsonNode a = actual.get("checkpoints").get(i);
            sameFigures &= e.get("accuracy").equals(a.get("accuracy")) && e.get("summary").equals(a.get("summary"))
                    && e.get("communities").equals(a.get("communities"));
        }
        if (allClean || sameFigures) {
            assertEquals(expected.get("correlations"), actual.get("correlations"), format);
        }
        boolean sameMembership = column(expectedDir, "community").equals(column(actualDir, "community"));
        if (allClean || sameMembership) {
            assertEquals(expected.get("transitions"), actual.get("transitions"), format);
        }
        System.out.printf("evolve %s %s vs onnx: %d activity flips at the threshold; checkpoints compared exactly: %s;"
                + " correlations compared: %s; tracking compared: %s%n", net, format, flips, exact,
                allClean || sameFigures, allClean || sameMembership);
    }

    /** One column of neurons.csv, every row. */
    private static List<String> column(Path dir, String name) throws Exception {
        List<String> lines = Files.readAllLines(dir.resolve("neurons.csv"));
        int c = List.of(lines.get(0).split(",")).indexOf(name);
        return lines.subList(1, lines.size()).stream().map(l -> l.split(",")[c]).toList();
    }

    /** activeCount of every neuron, per checkpoint, in the order of neurons.csv. */
    private static List<long[]> activeCounts(Path dir) throws Exception {
        List<String> lines = Files.readAllLines(dir.resolve("neurons.csv"));
        List<String> header = List.of(lines.get(0).split(","));
        int checkpoint = header.indexOf("checkpoint");
        int count = header.indexOf("activeCount");
        List<long[]> out = new ArrayList<>();
        List<Long> current = new ArrayList<>();
        String last = null;
        for (String line : lines.subList(1, lines.size())) {
            String[] cells = line.split(",");
            if (last != null && !cells[checkpoint].equals(last)) {
                out.add(current.stream().mapToLong(Long::longValue).toArray());
                current = new ArrayList<>();
            }
            last = cells[checkpoint];
            current.add(Long.parseLong(cells[count]));
        }
        out.add(current.stream().mapToLong(Long::longValue).toArray());
        return out;
    }

    @Test
    void tensorFlowAndDl4jSeriesEvolveLikeTheOnnxSeries() throws Exception {
        Path onnx = evolve("onnx", TestEnv.model("onnx/mlp").toString());
        Path tf = evolve("tf", TestEnv.model("tensorflow/graph").resolve("mlp-epoch*").toString());
        assertSameEvolution(onnx, tf, "mlp", "tensorflow");
        Path dl4j = evolve("dl4j", TestEnv.model("dl4j").resolve("mlp-epoch*.zip").toString());
        assertSameEvolution(onnx, dl4j, "mlp", "dl4j");
    }

    @Test
    void cnnSeriesEvolvesAlikeInOnnxTensorFlowAndDl4j() throws Exception {
        Path onnx = evolve("onnx-cnn", TestEnv.model("onnx/cnn").toString());
        Path tf = evolve("tf-cnn", TestEnv.model("tensorflow/graph").resolve("cnn-epoch*").toString(),
                "--signature", "serving_default");
        assertSameEvolution(onnx, tf, "cnn", "tensorflow");
        Path dl4j = evolve("dl4j-cnn", TestEnv.model("dl4j").resolve("cnn-epoch*.zip").toString());
        assertSameEvolution(onnx, dl4j, "cnn", "dl4j");
    }
}
