package org.coact.plugin.dl4j;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.coact.api.FloatTensor;
import org.coact.api.format.BatchResult;
import org.coact.api.format.ExtractionRequest;
import org.coact.api.format.Extractor;
import org.coact.api.format.LayerInfo;
import org.coact.api.format.LayerRole;
import org.coact.api.format.ModelHandle;
import org.coact.api.format.OpenOptions;
import org.coact.api.format.TensorSpec;
import org.coact.plugin.testkit.TestModels;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every bundled DL4J checkpoint (epochs 00-10) opens, lists its layers, picks the ReLU layers for
 * {@code auto}, and predicts the 2,000 test digits with torch's accuracy
 * ({@code onnx/<net>/training.json}).
 */
class AllCheckpointsTest {

    private static final Pattern ACCURACY = Pattern.compile("\"testAccuracy\":\\s*([0-9.]+)");

    @ParameterizedTest(name = "epoch {0}")
    @ValueSource(ints = {0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10})
    void everyCheckpointRunsWithTorchsAccuracy(int epoch) throws Exception {
        var test = TestModels.npz(TestModels.model("mnist/test.npz"));
        float[] x = test.get("x").floats();
        long[] y = test.get("y").longs();
        for (String net : List.of("mlp", "cnn")) {
            try (ModelHandle h = new Dl4jFormat().open(TestModels.dl4j(net, epoch), OpenOptions.NONE)) {
                List<String> auto = h.describe().layers().stream()
                        .filter(l -> l.is(LayerRole.ACTIVATION) && !l.is(LayerRole.MODEL_OUTPUT)).map(LayerInfo::name)
                        .toList();
                assertEquals(net.equals("mlp") ? List.of("fc1", "fc2") : List.of("conv1", "conv2", "fc1"), auto);
                TensorSpec in = h.describe().inputs().get(0);
                int correct = 0;
                try (Extractor ex = h.extractor(new ExtractionRequest(auto, h.describe().outputs().get(0).name()))) {
                    for (int from = 0; from < y.length; from += 500) {
                        int to = Math.min(y.length, from + 500);
                        long[] shape = in.shape();
                        shape[0] = to - from;
                        BatchResult r = ex.run(Map.of(in.name(),
                                new FloatTensor(shape, Arrays.copyOfRange(x, from * 784, to * 784))));
                        float[] logits = r.output().data();
                        for (int i = 0; i < to - from; i++) {
                            int best = 0;
                            for (int k = 1; k < 10; k++) {
                                best = logits[i * 10 + k] > logits[i * 10 + best] ? k : best;
                            }
                            correct += best == y[from + i] ? 1 : 0;
                        }
                    }
                }
                assertEquals(torchAccuracy(net, epoch), correct / (double) y.length, 1e-12, net + " epoch " + epoch);
            }
        }
    }

    private static double torchAccuracy(String net, int epoch) throws Exception {
        Matcher m = ACCURACY.matcher(Files.readString(TestModels.model("onnx/" + net + "/training.json")));
        for (int e = 0; e <= epoch; e++) {
            m.find();
        }
        return Double.parseDouble(m.group(1));
    }
}
