package org.coact.runner.data;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.util.Objects;
import org.coact.api.DataException;

/**
 * Reads an .npy array sequentially, a few samples (rows along the first axis) at a time,
 * from any {@link InputStream}: a file, or one entry of an .npz. Memory is one fixed
 * 64 KiB buffer plus the arrays returned; the stream is never read ahead of the rows
 * asked for (beyond that buffer), so arrays far larger than the heap stream fine.
 *
 * <p>Conversions:
 * <ul>
 *   <li>{@link #readFloats}: float32 as is; float64 narrowed to the nearest float32;
 *       integer types times {@code scale} (computed in double, then rounded to float32,
 *       so uint8 255 × (1/255f) is exactly 1.0f); bool as 0 or 1, never scaled.
 *       {@code scale} does not apply to float arrays.</li>
 *   <li>{@link #readLongs} (labels): integer and bool types exactly; float types only when
 *       every value read is a whole number (numpy code often stores class indices as
 *       float), else a {@link DataException} naming the value and its index.</li>
 * </ul>
 *
 * <p>Not thread-safe. Closing the reader closes the stream.
 */
public final class NpyReader implements RowReader {
    private static final int CHUNK_BYTES = 1 << 16; // a multiple of every item size

    private final InputStream in;
    private final String where;
    private final NpyHeader header;
    private final double scale;
    private final byte[] chunk;
    private long rowsRead;
    private long bytesRead;

    private NpyReader(InputStream in, String where, NpyHeader header, float scale) {
        this.in = in;
        this.where = where;
        this.header = header;
        this.scale = scale;
        this.chunk = new byte[(int) Math.min(CHUNK_BYTES, Math.max(header.dataBytes(), 8))];
    }

    /**
     * Reads the header and positions the reader at the first sample. On failure the stream
     * is closed.
     *
     * @param in a stream at the start of an .npy file; the reader owns it from now on
     * @param where the file (and array) for messages, e.g. {@code "test.npz, array 'x'"}
     * @param scale factor applied to integer elements by {@link #readFloats}; 1 for none
     * @return a reader at sample 0
     * @throws DataException if the header cannot be read or describes an unsupported array
     */
    public static NpyReader open(InputStream in, String where, float scale) throws DataException {
        Objects.requireNonNull(in, "in");
        Objects.requireNonNull(where, "where");
        if (!Float.isFinite(scale)) {
            throw new IllegalArgumentException("scale must be finite: " + scale);
        }
        try {
            return new NpyReader(in, where, NpyHeader.read(in, where), scale);
        } catch (DataException | RuntimeException e) {
            closeQuietly(in, e);
            throw e;
        }
    }

    /** @return the array's header */
    public NpyHeader header() {
        return header;
    }

    @Override
    public long rowsRemaining() {
        return header.rows() - rowsRead;
    }

    /**
     * Reads the next samples as float32, row-major.
     *
     * @param rows how many samples to read at most; fewer are read at the end of the array
     * @return {@code min(rows, rowsRemaining()) × sampleElements} values; empty at the end
     * @throws DataException if the stream ends early (naming expected and actual byte
     *     counts) or cannot be read
     */
    @Override
    public float[] readFloats(int rows) throws DataException {
        int n = take(rows);
        float[] out = new float[elements(n)];
        readRows(n, (buf, len, off) -> NpyConvert.toFloats(header, buf, len, out, off, scale));
        return out;
    }

    /**
     * Reads the next samples as longs, for labels. See the class comment for float input.
     *
     * @param rows how many samples to read at most
     * @return {@code min(rows, rowsRemaining()) × sampleElements} values
     * @throws DataException if the stream ends early, or a float value is not a whole number
     */
    @Override
    public long[] readLongs(int rows) throws DataException {
        long firstIndex = rowsRead * header.sampleElements();
        int n = take(rows);
        long[] out = new long[elements(n)];
        readRows(n, (buf, len, off) -> {
            int bad = NpyConvert.toLongs(header, buf, len, out, off);
            if (bad >= 0) {
                double v = header.dtype() == NpyDType.FLOAT32
                        ? ByteBuffer.wrap(buf).order(header.byteOrder()).getFloat(bad * 4)
                        : ByteBuffer.wrap(buf).order(header.byteOrder()).getDouble(bad * 8);
                throw new DataException("labels in " + where + ": value " + v + " at index "
                        + (firstIndex + off + bad) + " is not a whole number; labels must be class indices");
            }
        });
        return out;
    }

    /**
     * Skips samples without converting them (a stored stream seeks; a compressed one inflates
     * and discards).
     *
     * @param rows how many samples to skip at most
     * @throws DataException if the stream ends early or cannot be read
     */
    @Override
    public void skipRows(long rows) throws DataException {
        long n = Math.min(Math.max(0, rows), rowsRemaining());
        long bytes = n * header.rowBytes();
        try {
            in.skipNBytes(bytes);
        } catch (java.io.EOFException e) {
            throw new DataException(where + " is truncated: its data should be " + header.dataBytes()
                    + " bytes after a " + header.dataOffset() + "-byte header", e);
        } catch (IOException e) {
            throw readError(where, e);
        }
        bytesRead += bytes;
        rowsRead += n;
        verifyIfDone();
    }

    /** Closes the underlying stream. Safe to call twice. */
    @Override
    public void close() throws DataException {
        try {
            in.close();
        } catch (IOException e) {
            throw new DataException("cannot close " + where + ": " + e.getMessage(), e);
        }
    }

    private int take(int rows) {
        if (rows < 0) {
            throw new IllegalArgumentException("rows must be >= 0: " + rows);
        }
        return (int) Math.min(rows, rowsRemaining());
    }

    private int elements(int rows) {
        long n = rows * header.sampleElements();
        if (n > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException(rows + " samples of " + header.sampleElements()
                    + " values do not fit one Java array; use smaller batches");
        }
        return (int) n;
    }

    /** Reads {@code rows} rows chunk by chunk, handing each chunk and its element offset to {@code sink}. */
    private void readRows(int rows, ChunkSink sink) throws DataException {
        long remaining = rows * header.rowBytes();
        int item = header.dtype().itemSize();
        int offset = 0;
        try {
            while (remaining > 0) {
                int len = (int) Math.min(chunk.length, remaining);
                int got = in.readNBytes(chunk, 0, len);
                if (got < len) {
                    throw new DataException(where + " is truncated: its data should be " + header.dataBytes()
                            + " bytes (shape " + java.util.Arrays.toString(header.shape()) + ", "
                            + header.dtype().numpyName() + ") after a " + header.dataOffset()
                            + "-byte header, but only " + (bytesRead + got) + " are there");
                }
                sink.accept(chunk, len, offset);
                bytesRead += len;
                offset += len / item;
                remaining -= len;
            }
        } catch (IOException e) {
            throw readError(where, e);
        }
        rowsRead += rows;
        verifyIfDone();
    }

    /** Once every row is read, an .npz member's checksum is compared (reading any bytes after the data). */
    private void verifyIfDone() throws DataException {
        if (rowsRemaining() == 0 && in instanceof CheckedEntryStream checked) {
            try {
                checked.verifyToEnd();
            } catch (IOException e) {
                throw readError(where, e);
            }
        }
    }

    /**
     * @param where the file (and array) read
     * @param e what reading it threw
     * @return the data error: a checksum mismatch as it names itself, else "cannot read"
     */
    static DataException readError(String where, IOException e) {
        if (e instanceof CheckedEntryStream.ChecksumMismatch) {
            return new DataException(e.getMessage(), e);
        }
        if (e instanceof java.util.zip.ZipException) {
            return new DataException("cannot read " + where + ": its compressed data is corrupt (" + e.getMessage()
                    + "); write the archive again", e);
        }
        return new DataException("cannot read " + where + ": " + e.getMessage(), e);
    }

    private static void closeQuietly(InputStream in, Exception primary) {
        try {
            in.close();
        } catch (IOException e) {
            primary.addSuppressed(e);
        }
    }

    /** Receives {@code len} bytes of whole elements, the first of which is element {@code offset} of the output. */
    @FunctionalInterface
    private interface ChunkSink {
        void accept(byte[] buf, int len, int offset) throws DataException;
    }
}
