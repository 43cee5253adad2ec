package org.coact.runner.hardening;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.coact.runner.hardening.CatalogueTest.Case;
import org.coact.runner.hardening.CatalogueTest.Expect;
import org.coact.runner.testing.TestEnv;

/** The catalogue's cases: seeded mutations and hand-made hostile files, written into a temp dir. */
final class Mutations {

    private Mutations() {
    }

    /** Flips 1 to 16 random bytes of the model, half of the cases within its first 4 KiB (the graph's structure). */
    static List<Case> onnxBytes(Path model, Path dir, Path data, SplittableRandom random, int n) throws IOException {
        byte[] original = Files.readAllBytes(model);
        List<Case> cases = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            byte[] b = original.clone();
            int flips = 1 + random.nextInt(16);
            int span = i % 2 == 0 ? Math.min(4096, b.length) : b.length;
            for (int f = 0; f < flips; f++) {
                b[random.nextInt(span)] ^= (byte) (1 + random.nextInt(255));
            }
            Path file = Files.write(dir.resolve("bytes-" + i + ".onnx"), b);
            cases.add(new Case("onnx bytes", "bytes-" + i + " (" + flips + " flips)",
                    CatalogueTest.analyze(file, data, dir.resolve("out-onnx-bytes-" + i)), Expect.ANY));
        }
        return cases;
    }

    /** Cuts the model at random lengths. */
    static List<Case> onnxTruncations(Path model, Path dir, Path data, SplittableRandom random, int n)
            throws IOException {
        byte[] original = Files.readAllBytes(model);
        List<Case> cases = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            int length = random.nextInt(original.length);
            Path file = Files.write(dir.resolve("cut-" + i + ".onnx"), Arrays.copyOf(original, length));
            cases.add(new Case("onnx truncated", "cut at " + length,
                    CatalogueTest.analyze(file, data, dir.resolve("out-onnx-cut-" + i)), Expect.ANY));
        }
        return cases;
    }

    /** Changes one to four random bytes of the .npz (its stored members carry CRC-32s). */
    static List<Case> npzBytes(Path model, Path data, Path dir, SplittableRandom random, int n) throws IOException {
        byte[] original = Files.readAllBytes(data);
        List<Case> cases = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            byte[] b = original.clone();
            int flips = 1 + random.nextInt(4);
            for (int f = 0; f < flips; f++) {
                b[random.nextInt(b.length)] ^= (byte) (1 + random.nextInt(255));
            }
            Path file = Files.write(dir.resolve("bytes-" + i + ".npz"), b);
            cases.add(new Case("npz bytes", "bytes-" + i + " (" + flips + " changed)",
                    CatalogueTest.analyze(model, file, dir.resolve("out-npz-bytes-" + i)), Expect.FAIL_OR_SAME));
        }
        return cases;
    }

    /** Cuts the .npz at random lengths. */
    static List<Case> npzTruncations(Path model, Path data, Path dir, SplittableRandom random, int n)
            throws IOException {
        byte[] original = Files.readAllBytes(data);
        List<Case> cases = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            int length = random.nextInt(original.length);
            Path file = Files.write(dir.resolve("cut-" + i + ".npz"), Arrays.copyOf(original, length));
            cases.add(new Case("npz truncated", "cut at " + length,
                    CatalogueTest.analyze(model, file, dir.resolve("out-npz-cut-" + i)), Expect.FAIL_OR_SAME));
        }
        return cases;
    }

    /** Hostile .npy headers for x (y stays valid), each in a stored .npz as numpy writes it. */
    static List<Case> npyHeaders(Path model, Path dir) throws IOException {
        String nested = "[".repeat(3000) + "]".repeat(3000);
        String[][] headers = {
            {"nested-3000", "{'descr': '<f4', 'fortran_order': False, 'shape': (" + nested + ", 784), }"},
            {"negative-dim", "{'descr': '<f4', 'fortran_order': False, 'shape': (-2000, 784), }"},
            {"huge-dims", "{'descr': '<f4', 'fortran_order': False, 'shape': (4611686018427387904, 784), }"},
            {"overflowing-product", "{'descr': '<f4', 'fortran_order': False, 'shape': (2147483647, 2147483647), }"},
            {"bad-dtype", "{'descr': '<f3', 'fortran_order': False, 'shape': (2000, 784), }"},
            {"object-dtype", "{'descr': '|O', 'fortran_order': False, 'shape': (2000, 784), }"},
            {"fortran-order", "{'descr': '<f4', 'fortran_order': True, 'shape': (2000, 784), }"},
            {"missing-shape", "{'descr': '<f4', 'fortran_order': False, }"},
            {"not-a-dict", "[1, 2, 3]"},
            {"unterminated", "{'descr': '<f4', 'fortran_order': False, 'shape': (2000, 784"},
            {"more-rows-than-data", "{'descr': '<f4', 'fortran_order': False, 'shape': (4000, 784), }"},
            {"code", "__import__('os').system('true')"},
            {"long-string", "{'descr': '" + "x".repeat(60000) + "', 'fortran_order': False, 'shape': (2000, 784), }"},
        };
        float[] x = new float[2000 * 784];
        long[] y = new long[2000];
        for (int i = 0; i < y.length; i++) {
            y[i] = i % 10;
        }
        ByteBuffer xb = ByteBuffer.allocate(x.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        ByteBuffer yb = ByteBuffer.allocate(y.length * 8).order(ByteOrder.LITTLE_ENDIAN);
        for (long v : y) {
            yb.putLong(v);
        }
        List<Case> cases = new ArrayList<>();
        for (String[] h : headers) {
            Path file = dir.resolve("header-" + h[0] + ".npz");
            storedNpz(file, npy(h[1], xb.array()), npy("{'descr': '<i8', 'fortran_order': False, 'shape': (2000,), }",
                    yb.array()));
            cases.add(new Case("npy headers", h[0], CatalogueTest.analyze(model, file, dir.resolve("out-npy-" + h[0])),
                    Expect.ANY));
        }
        return cases;
    }

    /** Random edits of a valid config: lines dropped, duplicated, values replaced by hostile tokens. */
    static List<Case> configs(Path model, Path data, Path dir, SplittableRandom random, int n) throws IOException {
        List<String> lines = Files.readAllLines(TestEnv.testmodels().getParent().resolve("src/conf/coact.yaml"));
        String[] tokens = {"nan", "-1", "1e309", "2147483648", "[", "{", "'", "~", "true", "0x10", ".inf", "-.inf",
            "&a", "*a", "!!binary AAAA", "1.5", "\"\\u0000\"", "x".repeat(100000)};
        List<Case> cases = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            List<String> edited = new ArrayList<>(lines);
            int edits = 1 + random.nextInt(3);
            for (int e = 0; e < edits && !edited.isEmpty(); e++) {
                int at = random.nextInt(edited.size());
                String line = edited.get(at);
                switch (random.nextInt(4)) {
                    case 0 -> edited.remove(at);
                    case 1 -> edited.add(at, line);
                    case 2 -> edited.set(at, line.replaceFirst(":\\s*[^#]*", ": " + tokens[random.nextInt(tokens.length)] + " "));
                    default -> edited.set(at, line.isEmpty() ? line
                            : line.substring(0, random.nextInt(line.length())) + tokens[random.nextInt(tokens.length)]);
                }
            }
            Path file = Files.write(dir.resolve("config-" + i + ".yaml"), edited, StandardCharsets.UTF_8);
            List<String> args = CatalogueTest.analyze(model, data, dir.resolve("out-config-" + i));
            args.addAll(List.of("--config", file.toString()));
            cases.add(new Case("configs", "config-" + i + " (" + edits + " edits)", args, Expect.ANY));
        }
        return cases;
    }

    private static byte[] npy(String dict, byte[] data) {
        byte[] d = dict.getBytes(StandardCharsets.ISO_8859_1);
        int total = 10 + d.length + 1;
        int pad = (64 - total % 64) % 64;
        boolean v2 = d.length + 1 + pad > 65535;
        ByteBuffer b = ByteBuffer.allocate((v2 ? 12 : 10) + d.length + 1 + pad + data.length).order(ByteOrder.LITTLE_ENDIAN);
        b.put((byte) 0x93).put("NUMPY".getBytes(StandardCharsets.ISO_8859_1)).put((byte) (v2 ? 2 : 1)).put((byte) 0);
        if (v2) {
            b.putInt(d.length + 1 + pad);
        } else {
            b.putShort((short) (d.length + 1 + pad));
        }
        b.put(d);
        for (int i = 0; i < pad; i++) {
            b.put((byte) ' ');
        }
        b.put((byte) '\n');
        b.put(data);
        return b.array();
    }

    private static void storedNpz(Path file, byte[] x, byte[] y) throws IOException {
        try (ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(file))) {
            for (Object[] e : new Object[][] {{"x.npy", x}, {"y.npy", y}}) {
                byte[] bytes = (byte[]) e[1];
                ZipEntry entry = new ZipEntry((String) e[0]);
                entry.setMethod(ZipEntry.STORED);
                entry.setSize(bytes.length);
                CRC32 crc = new CRC32();
                crc.update(bytes);
                entry.setCrc(crc.getValue());
                zip.putNextEntry(entry);
                zip.write(bytes);
                zip.closeEntry();
            }
        }
    }
}
