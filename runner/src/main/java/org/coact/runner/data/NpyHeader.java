package org.coact.runner.data;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteOrder;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.coact.api.DataException;

/**
 * The header of an .npy array, format versions 1.0, 2.0 and 3.0 (see numpy's
 * {@code numpy/lib/format.py}): the magic {@code \x93NUMPY}, a major and minor version
 * byte, a little-endian header length (2 bytes in 1.0, 4 in 2.0 and 3.0) and a Python
 * dict literal with {@code descr}, {@code fortran_order} and {@code shape}, latin-1 in
 * 1.0/2.0 and UTF-8 in 3.0. The data follows at {@link #dataOffset()}.
 *
 * @param version {@code "1.0"}, {@code "2.0"} or {@code "3.0"}
 * @param descr the numpy descr, e.g. {@code "<f4"}
 * @param dtype the element type descr names
 * @param shape dimensions, at least one; the first is the sample axis
 * @param dataOffset bytes from the start of the file to the first element
 */
public record NpyHeader(String version, String descr, NpyDType dtype, long[] shape, long dataOffset) {

    private static final byte[] MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y'};
    /** numpy itself refuses headers over 10,000 bytes by default; be a little more lenient. */
    private static final int MAX_HEADER_BYTES = 1 << 20;
    /** Most dimensions accepted (numpy 2's limit; numpy 1 allowed 32). */
    static final int MAX_DIMS = 64;

    /** Validates and copies. */
    public NpyHeader {
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(descr, "descr");
        Objects.requireNonNull(dtype, "dtype");
        shape = Objects.requireNonNull(shape, "shape").clone();
        if (shape.length == 0 || Arrays.stream(shape).anyMatch(d -> d < 0)) {
            throw new IllegalArgumentException("bad shape " + Arrays.toString(shape));
        }
    }

    /** @return a copy of the shape */
    @Override
    public long[] shape() {
        return shape.clone();
    }

    /** @return the byte order of the elements */
    public ByteOrder byteOrder() {
        return NpyDType.byteOrder(descr);
    }

    /** @return the length of the first axis: the number of samples */
    public long rows() {
        return shape[0];
    }

    /** @return the shape of one sample: the shape without its first axis */
    public long[] sampleShape() {
        return Arrays.copyOfRange(shape, 1, shape.length);
    }

    /** @return elements per sample, the product of {@link #sampleShape()} */
    public long sampleElements() {
        long n = 1;
        for (int i = 1; i < shape.length; i++) {
            n = Math.multiplyExact(n, shape[i]);
        }
        return n;
    }

    /** @return bytes per sample */
    public long rowBytes() {
        return Math.multiplyExact(sampleElements(), (long) dtype.itemSize());
    }

    /** @return bytes of data after the header */
    public long dataBytes() {
        return Math.multiplyExact(rowBytes(), rows());
    }

    /**
     * Reads a header and leaves {@code in} at the first data byte.
     *
     * @param in a stream at the start of an .npy file
     * @param where the file (and, inside an .npz, the array) for messages
     * @return the header
     * @throws DataException if this is no .npy, or is an .npy Coact cannot read (Fortran
     *     order, unsupported dtype, scalar, truncated header); the message names {@code where}
     */
    public static NpyHeader read(InputStream in, String where) throws DataException {
        try {
            byte[] preamble = readExactly(in, 8, where, "preamble");
            if (!Arrays.equals(preamble, 0, 6, MAGIC, 0, 6)) {
                throw new DataException(where + " is not an .npy array (no \\x93NUMPY magic)");
            }
            int major = preamble[6] & 0xff;
            int minor = preamble[7] & 0xff;
            if (major < 1 || major > 3 || minor != 0) {
                throw new DataException(where + " has .npy format version " + major + "." + minor
                        + "; supported: 1.0, 2.0, 3.0");
            }
            int lengthBytes = major == 1 ? 2 : 4;
            byte[] len = readExactly(in, lengthBytes, where, "header length");
            long headerLength = 0;
            for (int i = lengthBytes - 1; i >= 0; i--) {
                headerLength = (headerLength << 8) | (len[i] & 0xff);
            }
            if (headerLength > MAX_HEADER_BYTES) {
                throw new DataException(where + " declares a " + headerLength + "-byte .npy header; at most "
                        + MAX_HEADER_BYTES + " are accepted");
            }
            Charset cs = major == 3 ? StandardCharsets.UTF_8 : StandardCharsets.ISO_8859_1;
            String dict = new String(readExactly(in, (int) headerLength, where, "header"), cs);
            return parse(dict, major + ".0", 8 + lengthBytes + headerLength, where);
        } catch (IOException e) {
            throw NpyReader.readError(where, e);
        }
    }

    private static NpyHeader parse(String dict, String version, long offset, String where)
            throws DataException {
        Map<?, ?> map;
        try {
            map = PyLiteral.parse(dict.strip()) instanceof Map<?, ?> m ? m : null;
        } catch (IllegalArgumentException e) {
            throw new DataException(where + " has a malformed .npy header (" + e.getMessage() + "): " + shown(dict), e);
        }
        if (map != null && map.get("descr") instanceof List<?>) {
            throw new DataException(where + " has a structured dtype (" + map.get("descr")
                    + "), which Coact cannot read; save each field as an array of its own");
        }
        if (map == null || !(map.get("descr") instanceof String descr)
                || !(map.get("fortran_order") instanceof Boolean fortran)
                || !(map.get("shape") instanceof List<?> dims)
                || !dims.stream().allMatch(d -> d instanceof Long)) {
            throw new DataException(where + " has a malformed .npy header (needs 'descr', 'fortran_order' "
                    + "and 'shape'): " + shown(dict));
        }
        NpyDType dtype = NpyDType.fromDescr(descr).orElseThrow(() -> new DataException(where
                + " has dtype '" + descr + "', which Coact cannot read; supported: "
                + Stream.of(NpyDType.values()).map(NpyDType::numpyName).collect(Collectors.joining(", "))
                + " (either byte order)"));
        long[] shape = dims.stream().mapToLong(d -> (Long) d).toArray();
        if (Arrays.stream(shape).anyMatch(d -> d < 0)) {
            throw new DataException(where + " has shape " + Arrays.toString(shape)
                    + " with a negative dimension; the file is corrupt");
        }
        if (shape.length > MAX_DIMS) {
            throw new DataException(where + " has " + shape.length + " dimensions; at most " + MAX_DIMS
                    + " are accepted");
        }
        if (shape.length == 0) {
            throw new DataException(where + " is a 0-d array (shape ()); a dataset array needs a first axis of samples");
        }
        if (fortran && shape.length > 1) {
            throw new DataException(where + " is Fortran-ordered; save it with np.ascontiguousarray");
        }
        NpyHeader h = new NpyHeader(version, descr, dtype, shape, offset);
        try {
            h.dataBytes();
        } catch (ArithmeticException e) {
            throw new DataException(where + " has shape " + Arrays.toString(shape) + ", too large to address", e);
        }
        return h;
    }

    /** The header text on one line: control characters escaped, at most 200 characters. */
    private static String shown(String dict) {
        String d = dict.strip();
        StringBuilder sb = new StringBuilder();
        int i = 0;
        for (; i < d.length() && sb.length() < 200; i++) {
            char c = d.charAt(i);
            sb.append(Character.isISOControl(c) ? String.format(java.util.Locale.ROOT, "\\x%02x", (int) c) : c);
        }
        return i < d.length() ? sb + "... (" + d.length() + " characters)" : sb.toString();
    }

    private static byte[] readExactly(InputStream in, int n, String where, String part)
            throws IOException, DataException {
        byte[] b = in.readNBytes(n);
        if (b.length < n) {
            throw new DataException(where + " is truncated: its .npy " + part + " needs " + n
                    + " bytes but only " + b.length + " are there");
        }
        return b;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof NpyHeader h && version.equals(h.version) && descr.equals(h.descr)
                && dtype == h.dtype && Arrays.equals(shape, h.shape) && dataOffset == h.dataOffset;
    }

    @Override
    public int hashCode() {
        return Objects.hash(version, descr, dtype, Arrays.hashCode(shape), dataOffset);
    }

    @Override
    public String toString() {
        return "NpyHeader[" + version + " " + descr + " " + Arrays.toString(shape) + "]";
    }
}
