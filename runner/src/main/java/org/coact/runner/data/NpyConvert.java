package org.coact.runner.data;

import java.nio.ByteBuffer;

/**
 * Converts raw .npy element bytes to Java floats and longs, honouring the header's dtype
 * and byte order. Stateless; linear in the number of bytes.
 */
final class NpyConvert {
    private NpyConvert() {
    }

    /**
     * Converts {@code len} bytes (whole elements) of {@code buf} into {@code out} from {@code off}.
     * Integer elements are multiplied by {@code scale}; floats and bools are not.
     */
    static void toFloats(NpyHeader h, byte[] buf, int len, float[] out, int off, double scale) {
        ByteBuffer bb = ByteBuffer.wrap(buf, 0, len).order(h.byteOrder());
        int n = len / h.dtype().itemSize();
        switch (h.dtype()) {
            case FLOAT32 -> bb.asFloatBuffer().get(out, off, n);
            case FLOAT64 -> {
                for (int i = 0; i < n; i++) {
                    out[off + i] = (float) bb.getDouble();
                }
            }
            case BOOL -> {
                for (int i = 0; i < n; i++) {
                    out[off + i] = buf[i] != 0 ? 1f : 0f;
                }
            }
            default -> {
                for (int i = 0; i < n; i++) {
                    out[off + i] = (float) (integer(h.dtype(), bb, buf, i) * scale);
                }
            }
        }
    }

    /**
     * Converts {@code len} bytes (whole elements) of {@code buf} into {@code out} from {@code off}.
     *
     * @return -1, or the index within this chunk of the first float element that is not a
     *     whole number (conversion stops there)
     */
    static int toLongs(NpyHeader h, byte[] buf, int len, long[] out, int off) {
        ByteBuffer bb = ByteBuffer.wrap(buf, 0, len).order(h.byteOrder());
        int n = len / h.dtype().itemSize();
        for (int i = 0; i < n; i++) {
            if (h.dtype().isFloat()) {
                double v = h.dtype() == NpyDType.FLOAT32 ? bb.getFloat() : bb.getDouble();
                if (v != Math.rint(v) || Double.isInfinite(v)) {
                    return i;
                }
                out[off + i] = (long) v;
            } else if (h.dtype() == NpyDType.BOOL) {
                out[off + i] = buf[i] != 0 ? 1 : 0;
            } else {
                out[off + i] = integer(h.dtype(), bb, buf, i);
            }
        }
        return -1;
    }

    /** Element {@code i} of an integer dtype; multi-byte types are read relative from {@code bb}. */
    private static long integer(NpyDType t, ByteBuffer bb, byte[] buf, int i) {
        return switch (t) {
            case UINT8 -> buf[i] & 0xff;
            case INT8 -> buf[i];
            case INT16 -> bb.getShort();
            case UINT16 -> bb.getShort() & 0xffff;
            case INT32 -> bb.getInt();
            case UINT32 -> bb.getInt() & 0xffff_ffffL;
            case INT64 -> bb.getLong();
            default -> throw new IllegalStateException("not an integer dtype: " + t);
        };
    }
}
