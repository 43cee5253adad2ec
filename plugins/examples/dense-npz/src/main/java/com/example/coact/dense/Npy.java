package com.example.coact.dense;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The two kinds of .npy array this format stores: little-endian float32 ({@code <f4}) weights,
 * and a unicode string ({@code <U n}) naming the activation. Format 1.0/2.0 headers, C order.
 *
 * @param shape the array's shape
 * @param floats its values, row-major (float32 arrays)
 * @param text its value (string arrays)
 */
record Npy(long[] shape, float[] floats, String text) {

    private static final Pattern DESCR = Pattern.compile("'descr':\\s*'([^']*)'");
    private static final Pattern SHAPE = Pattern.compile("'shape':\\s*\\(([^)]*)\\)");

    static Npy read(InputStream in, String where) throws IOException {
        byte[] magic = in.readNBytes(8);
        if (magic.length < 8 || (magic[0] & 0xff) != 0x93 || magic[1] != 'N' || magic[6] < 1 || magic[6] > 3) {
            throw new IOException(where + " is not an .npy array");
        }
        int headerBytes = magic[6] == 1
                ? ByteBuffer.wrap(in.readNBytes(2)).order(ByteOrder.LITTLE_ENDIAN).getShort() & 0xffff
                : ByteBuffer.wrap(in.readNBytes(4)).order(ByteOrder.LITTLE_ENDIAN).getInt();
        if (headerBytes < 0 || headerBytes > 65536) {
            throw new IOException(where + " has a header of " + headerBytes + " bytes");
        }
        String header = new String(in.readNBytes(headerBytes), StandardCharsets.ISO_8859_1);
        if (header.contains("'fortran_order': True")) {
            throw new IOException(where + " is in Fortran order; save it in C order");
        }
        Matcher d = DESCR.matcher(header);
        Matcher s = SHAPE.matcher(header);
        if (!d.find() || !s.find()) {
            throw new IOException(where + " has an unreadable header: " + header.strip());
        }
        long[] shape = Arrays.stream(s.group(1).split(",")).map(String::strip).filter(x -> !x.isEmpty())
                .mapToLong(Long::parseLong).toArray();
        long count = Arrays.stream(shape).reduce(1, Math::multiplyExact);
        if (count < 0 || count > Integer.MAX_VALUE / 4) {
            throw new IOException(where + " has " + count + " values, too many");
        }
        String descr = d.group(1);
        if (descr.equals("<f4")) {
            byte[] bytes = in.readNBytes((int) count * 4);
            if (bytes.length != count * 4) {
                throw new IOException(where + " is truncated");
            }
            float[] v = new float[(int) count];
            ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(v);
            return new Npy(shape, v, null);
        }
        if (descr.startsWith("<U") && count == 1) {
            int chars = Integer.parseInt(descr.substring(2));
            byte[] bytes = in.readNBytes(chars * 4);
            String text = new String(bytes, "UTF-32LE");
            int nul = text.indexOf('\0');
            return new Npy(shape, null, nul < 0 ? text : text.substring(0, nul));
        }
        throw new IOException(where + " has dtype " + descr + "; weights must be float32 ('<f4') and the activation "
                + "one string");
    }
}
