package org.coact.plugin.dl4j;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.coact.api.FloatTensor;

/** Paths to the bundled models in {@code testmodels/} and a tiny .npz reader. */
final class TestModels {

    private TestModels() {
    }

    /** @return the testmodels directory, from the {@code coact.testmodels} system property */
    static Path root() {
        Path p = Path.of(System.getProperty("coact.testmodels", "../../testmodels")).toAbsolutePath().normalize();
        assertTrue(Files.isDirectory(p), "testmodels directory missing: " + p);
        return p;
    }

    static Path model(String relative) {
        Path p = root().resolve(relative);
        assertTrue(Files.isRegularFile(p), "test model missing: " + p);
        return p;
    }

    static Path onnx(String net, int epoch) {
        return model(String.format("onnx/%s/%s-epoch%02d.onnx", net, net, epoch));
    }

    static Path dl4j(String net, int epoch) {
        return model(String.format("dl4j/%s-epoch%02d.zip", net, epoch));
    }

    static Path keras(String net) {
        return model("keras/" + net + "-epoch10.h5");
    }

    static Path special(String name) {
        return model("onnx/special/" + name);
    }

    static String sha256(Path p) throws IOException {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(p)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** One array of an .npz file. */
    record Npy(String descr, long[] shape, ByteBuffer data) {

        float[] floats() {
            float[] out = new float[count()];
            for (int i = 0; i < out.length; i++) {
                out[i] = switch (descr) {
                    case "<f4" -> data.getFloat(4 * i);
                    case "<f8" -> (float) data.getDouble(8 * i);
                    case "<i8" -> data.getLong(8 * i);
                    default -> throw new IllegalStateException("dtype " + descr);
                };
            }
            return out;
        }

        double[] doubles() {
            if (!descr.equals("<f8")) {
                float[] f = floats();
                double[] out = new double[f.length];
                for (int i = 0; i < f.length; i++) {
                    out[i] = f[i];
                }
                return out;
            }
            double[] out = new double[count()];
            for (int i = 0; i < out.length; i++) {
                out[i] = data.getDouble(8 * i);
            }
            return out;
        }

        long[] longs() {
            long[] out = new long[count()];
            for (int i = 0; i < out.length; i++) {
                out[i] = data.getLong(8 * i);
            }
            return out;
        }

        FloatTensor tensor() {
            return new FloatTensor(shape, floats());
        }

        int count() {
            long n = 1;
            for (long d : shape) {
                n *= d;
            }
            return Math.toIntExact(n);
        }
    }

    private static final Pattern DESCR = Pattern.compile("'descr':\\s*'([^']+)'");
    private static final Pattern SHAPE = Pattern.compile("'shape':\\s*\\(([^)]*)\\)");

    /** Reads every array of a (possibly compressed) .npz; little-endian C-order arrays only. */
    static Map<String, Npy> npz(Path p) throws IOException {
        Map<String, Npy> out = new LinkedHashMap<>();
        try (ZipFile zip = new ZipFile(p.toFile())) {
            for (ZipEntry e : java.util.Collections.list(zip.entries())) {
                byte[] bytes;
                try (InputStream in = zip.getInputStream(e)) {
                    bytes = in.readAllBytes();
                }
                out.put(e.getName().replaceFirst("\\.npy$", ""), npy(bytes));
            }
        }
        return out;
    }

    private static Npy npy(byte[] b) {
        ByteBuffer buf = ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN);
        int major = b[6];
        int headerLen = major == 1 ? Short.toUnsignedInt(buf.getShort(8)) : buf.getInt(8);
        int start = major == 1 ? 10 : 12;
        String header = new String(b, start, headerLen, StandardCharsets.ISO_8859_1);
        if (header.contains("'fortran_order': True")) {
            throw new IllegalStateException("fortran order not supported");
        }
        Matcher d = DESCR.matcher(header);
        Matcher s = SHAPE.matcher(header);
        if (!d.find() || !s.find()) {
            throw new IllegalStateException("bad npy header " + header);
        }
        long[] shape = java.util.Arrays.stream(s.group(1).split(","))
                .map(String::strip).filter(x -> !x.isEmpty()).mapToLong(Long::parseLong).toArray();
        ByteBuffer data = ByteBuffer.wrap(b, start + headerLen, b.length - start - headerLen).slice()
                .order(ByteOrder.LITTLE_ENDIAN);
        return new Npy(d.group(1), shape, data);
    }

    /** @return max |a - b|, after checking the shapes agree */
    static double maxAbsDiff(FloatTensor a, FloatTensor b) {
        assertArrayEquals(a.shape(), b.shape(), "shapes differ");
        double max = 0;
        float[] x = a.data();
        float[] y = b.data();
        for (int i = 0; i < x.length; i++) {
            max = Math.max(max, Math.abs((double) x[i] - y[i]));
        }
        return max;
    }
}
