package org.coact.runner.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/** Writes small .npy/.npz files (little-endian float32 and int64, format 1.0) for tests. */
public final class NpyFiles {

    private NpyFiles() {
    }

    /** @return float32 .npy bytes */
    public static byte[] float32(float[] values, long... shape) {
        ByteBuffer b = ByteBuffer.allocate(values.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        b.asFloatBuffer().put(values);
        return concat(header("<f4", shape), b.array());
    }

    /** @return uint8 .npy bytes */
    public static byte[] uint8(byte[] values, long... shape) {
        return concat(header("|u1", shape), values.clone());
    }

    /** @return int64 .npy bytes */
    public static byte[] int64(long[] values, long... shape) {
        ByteBuffer b = ByteBuffer.allocate(values.length * 8).order(ByteOrder.LITTLE_ENDIAN);
        b.asLongBuffer().put(values);
        return concat(header("<i8", shape), b.array());
    }

    /**
     * Writes an .npz as {@code np.savez_compressed} does (a deflated zip of NAME.npy entries).
     *
     * @param file target
     * @param arrays array name to .npy bytes, in order
     * @return the file
     */
    public static Path npz(Path file, Map<String, byte[]> arrays) throws IOException {
        try (OutputStream os = Files.newOutputStream(file); ZipOutputStream zip = new ZipOutputStream(os)) {
            for (Map.Entry<String, byte[]> e : arrays.entrySet()) {
                zip.putNextEntry(new ZipEntry(e.getKey() + ".npy"));
                zip.write(e.getValue());
                zip.closeEntry();
            }
        }
        return file;
    }

    /**
     * Writes an .npz as {@code np.savez} does: every member stored, not deflated.
     *
     * @param file target
     * @param arrays array name to .npy bytes, in order
     * @return the file
     */
    public static Path storedNpz(Path file, Map<String, byte[]> arrays) throws IOException {
        try (OutputStream os = Files.newOutputStream(file); ZipOutputStream zip = new ZipOutputStream(os)) {
            for (Map.Entry<String, byte[]> e : arrays.entrySet()) {
                ZipEntry entry = new ZipEntry(e.getKey() + ".npy");
                java.util.zip.CRC32 crc = new java.util.zip.CRC32();
                crc.update(e.getValue());
                entry.setMethod(ZipEntry.STORED);
                entry.setSize(e.getValue().length);
                entry.setCompressedSize(e.getValue().length);
                entry.setCrc(crc.getValue());
                zip.putNextEntry(entry);
                zip.write(e.getValue());
                zip.closeEntry();
            }
        }
        return file;
    }

    /** @return an .npz with x (float32 [n, features]) filled with {@code fill} and y (int64 labels) */
    public static Path xy(Path file, int n, int features, float fill, long[] labels) throws IOException {
        float[] x = new float[n * features];
        Arrays.fill(x, fill);
        Map<String, byte[]> m = new LinkedHashMap<>();
        m.put("x", float32(x, n, features));
        m.put("y", int64(labels, labels.length));
        return npz(file, m);
    }

    private static byte[] header(String descr, long... shape) {
        String dims = Arrays.stream(shape).mapToObj(Long::toString).collect(Collectors.joining(", "));
        if (shape.length == 1) {
            dims += ",";
        }
        StringBuilder dict = new StringBuilder("{'descr': '" + descr + "', 'fortran_order': False, 'shape': (" + dims
                + "), }");
        while ((10 + dict.length() + 1) % 64 != 0) {
            dict.append(' ');
        }
        dict.append('\n');
        byte[] text = dict.toString().getBytes(StandardCharsets.ISO_8859_1);
        ByteBuffer len = ByteBuffer.allocate(2).order(ByteOrder.LITTLE_ENDIAN).putShort((short) text.length);
        return concat(new byte[] {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 1, 0}, len.array(), text);
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }
}
