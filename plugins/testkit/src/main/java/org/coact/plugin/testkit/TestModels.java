package org.coact.plugin.testkit;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Collections;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * The bundled models in {@code testmodels/} (see its README.md and PYTORCH.md), their numpy
 * reference arrays and file hashes. The directory comes from the {@code coact.testmodels} system
 * property (each plugin's surefire and failsafe configuration sets it), else {@code ../../testmodels}.
 */
public final class TestModels {

    private TestModels() {
    }

    /** @return the testmodels directory, from the {@code coact.testmodels} system property */
    public static Path root() {
        Path p = Path.of(System.getProperty("coact.testmodels", "../../testmodels")).toAbsolutePath().normalize();
        assertTrue(Files.isDirectory(p), "testmodels directory missing: " + p);
        return p;
    }

    /**
     * @param relative a file's path below testmodels/, e.g. {@code mnist/test.npz}
     * @return the file, which must exist
     */
    public static Path model(String relative) {
        Path p = root().resolve(relative);
        assertTrue(Files.isRegularFile(p), "test model missing: " + p);
        return p;
    }

    /** @return testmodels/onnx/{net}/{net}-epochNN.onnx, {@code net} = mlp or cnn */
    public static Path onnx(String net, int epoch) {
        return model(String.format("onnx/%s/%s-epoch%02d.onnx", net, net, epoch));
    }

    /** @return testmodels/dl4j/{net}-epochNN.zip */
    public static Path dl4j(String net, int epoch) {
        return model(String.format("dl4j/%s-epoch%02d.zip", net, epoch));
    }

    /** @return testmodels/keras/{net}-epoch10.h5 */
    public static Path keras(String net) {
        return model("keras/" + net + "-epoch10.h5");
    }

    /** @return the SavedModel directory testmodels/tensorflow/{graph|function}/{mlp|cnn}-epochNN */
    public static Path savedModel(String style, String net, int epoch) {
        Path p = root().resolve(String.format("tensorflow/%s/%s-epoch%02d", style, net, epoch));
        assertTrue(Files.isRegularFile(p.resolve("saved_model.pb")), "SavedModel missing: " + p);
        return p;
    }

    /** @return testmodels/onnx/wild/{name}: models shaped like what users ship (testmodels/README.md) */
    public static Path wild(String name) {
        return model("onnx/wild/" + name);
    }

    /** @return testmodels/onnx/special/{name} */
    public static Path special(String name) {
        return model("onnx/special/" + name);
    }

    /**
     * Torch's float32 values of the epoch-10 {@code net} on the first 16 test digits: {@code input}
     * ([16,784] or [16,1,28,28]), {@code y}, {@code logits} and the full output of every activation
     * module, {@code act1}, {@code act2}(, {@code act3}), conv maps NCHW.
     *
     * @param net mlp or cnn
     * @return testmodels/onnx/special/{net}-fixed-batch-reference.npz
     */
    public static Path reference(String net) {
        return special(net + "-fixed-batch-reference.npz");
    }

    /**
     * Reads every array of a (possibly compressed) .npz; little-endian C-order arrays only.
     *
     * @return array name (without {@code .npy}) to array, in the archive's order
     */
    public static Map<String, Npy> npz(Path p) throws IOException {
        Map<String, Npy> out = new LinkedHashMap<>();
        try (ZipFile zip = new ZipFile(p.toFile())) {
            for (ZipEntry e : Collections.list(zip.entries())) {
                try (InputStream in = zip.getInputStream(e)) {
                    out.put(e.getName().replaceFirst("\\.npy$", ""), Npy.parse(in.readAllBytes()));
                }
            }
        }
        return out;
    }

    /** @return the lower-case hex SHA-256 of a file's bytes */
    public static String sha256(Path file) throws IOException {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Hashes a model file, or every file below a model directory (a SavedModel).
     *
     * @return relative path ({@code /}-separated; the file name for a file) to SHA-256, sorted
     */
    public static Map<String, String> sha256Tree(Path fileOrDir) throws IOException {
        Map<String, String> out = new TreeMap<>();
        if (Files.isRegularFile(fileOrDir)) {
            out.put(fileOrDir.getFileName().toString(), sha256(fileOrDir));
            return out;
        }
        try (Stream<Path> files = Files.walk(fileOrDir)) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                out.put(fileOrDir.relativize(f).toString().replace('\\', '/'), sha256(f));
            }
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
        return out;
    }
}
