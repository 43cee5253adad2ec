package org.coact.plugin.tensorflow.generator;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Map;
import java.util.stream.Stream;
import org.coact.plugin.tensorflow.generator.Architectures.Net;
import org.coact.plugin.tensorflow.generator.Weights.Var;

/**
 * Writes {@code testmodels/tensorflow/}: the bundled PyTorch MLP and CNN checkpoints (read from
 * {@code testmodels/onnx/}) as TensorFlow SavedModels with the same weights. Graph-style for every
 * epoch ({@code graph/mlp-epochNN}, {@code graph/cnn-epochNN}), function-style (Keras/TF2 layout)
 * for epoch 10 ({@code function/mlp-epoch10}, {@code function/cnn-epoch10}). Deterministic.
 *
 * <p>Run from the repository root:
 * <pre>
 * mvn -B -q -pl plugins/tensorflow test-compile exec:java -Dexec.classpathScope=test \
 *     -Dexec.mainClass=org.coact.plugin.tensorflow.generator.GenerateTestModels -Dexec.args=testmodels
 * </pre>
 */
public final class GenerateTestModels {

    private GenerateTestModels() {
    }

    /** @param args the testmodels directory (default {@code testmodels}) */
    public static void main(String[] args) throws IOException {
        Path root = Path.of(args.length > 0 ? args[0] : "testmodels").toAbsolutePath().normalize();
        Path out = root.resolve("tensorflow");
        deleteTree(out.resolve("graph"));
        deleteTree(out.resolve("function"));
        for (Net net : Net.values()) {
            String name = net.name().toLowerCase(java.util.Locale.ROOT);
            for (int epoch = 0; epoch <= 10; epoch++) {
                String id = String.format("%s-epoch%02d", name, epoch);
                Map<String, Var> onnx = Weights.readOnnx(root.resolve("onnx/" + name + "/" + id + ".onnx"));
                Map<String, Var> vars = net == Net.MLP ? Weights.mlp(onnx) : Weights.cnn(onnx);
                Path graph = Files.createDirectories(out.resolve("graph").resolve(id));
                GraphStyle.write(net, vars, graph);
                System.out.println("wrote " + root.relativize(graph));
                if (epoch == 10) {
                    Path function = Files.createDirectories(out.resolve("function").resolve(id));
                    FunctionStyle.write(net, vars, function);
                    System.out.println("wrote " + root.relativize(function));
                }
            }
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
