package org.coact.plugin.testkit;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.coact.api.FloatTensor;

/**
 * One numpy array (an {@code .npy} file or an {@code .npz} entry): little-endian, C order, of dtype
 * {@code <f4}, {@code <f8} or {@code <i8}.
 *
 * @param descr the numpy dtype string, e.g. {@code <f4}
 * @param shape the dimensions
 * @param data the raw values, little-endian
 */
public record Npy(String descr, long[] shape, ByteBuffer data) {

    private static final Pattern DESCR = Pattern.compile("'descr':\\s*'([^']+)'");
    private static final Pattern SHAPE = Pattern.compile("'shape':\\s*\\(([^)]*)\\)");

    /**
     * Parses an .npy file (format version 1 or 2).
     *
     * @param b the file's bytes
     * @return the array, its data a view of {@code b}
     */
    public static Npy parse(byte[] b) {
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
        long[] shape = Arrays.stream(s.group(1).split(","))
                .map(String::strip).filter(x -> !x.isEmpty()).mapToLong(Long::parseLong).toArray();
        ByteBuffer data = ByteBuffer.wrap(b, start + headerLen, b.length - start - headerLen).slice()
                .order(ByteOrder.LITTLE_ENDIAN);
        return new Npy(d.group(1), shape, data);
    }

    /** @return the values as float32 (float64 and int64 are narrowed) */
    public float[] floats() {
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

    /** @return the values as float64 (exact for float64 arrays) */
    public double[] doubles() {
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

    /** @return the values of an int64 array */
    public long[] longs() {
        if (!descr.equals("<i8")) {
            throw new IllegalStateException("dtype " + descr + " is not <i8");
        }
        long[] out = new long[count()];
        for (int i = 0; i < out.length; i++) {
            out[i] = data.getLong(8 * i);
        }
        return out;
    }

    /** @return the array as a float32 tensor of the same shape */
    public FloatTensor tensor() {
        return new FloatTensor(shape, floats());
    }

    /** @return the number of values */
    public int count() {
        long n = 1;
        for (long d : shape) {
            n *= d;
        }
        return Math.toIntExact(n);
    }
}
