package org.coact.runner.data;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.Objects;
import org.coact.api.DataException;

/**
 * One array of a dataset, its header known, that can be opened as many times as needed, each
 * time as a fresh reader at its first sample: a plain .npy file, one entry of an .npz, an .npy
 * that another file system streams ({@link #npy}), or rows from elsewhere ({@link #of}: a column
 * of a Parquet dataset, described by the header an .npy of it would have).
 *
 * @param name the array's name (the .npz entry without {@code .npy}, the name given to a .npy
 *     file, a column's name)
 * @param file the file (or dataset) it is in, as messages name it
 * @param where file (and array) for messages
 * @param header its shape and element type
 * @param source opens a reader at sample 0
 */
public record ArrayRef(String name, String file, String where, NpyHeader header, Source source) {

    /** Opens a reader at the first sample. */
    @FunctionalInterface
    public interface Source {
        /**
         * @param scale factor for integer elements, see {@link NpyReader}
         * @return a new reader at sample 0; the caller closes it
         * @throws DataException naming the array if it cannot be opened
         */
        RowReader open(float scale) throws DataException;
    }

    /** Opens a stream at the first byte of an .npy. */
    @FunctionalInterface
    public interface Opener {
        /**
         * @return the stream; skipping should seek where the stream can
         * @throws IOException if it cannot be opened
         */
        InputStream open() throws IOException;
    }

    /** Validates. */
    public ArrayRef {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(where, "where");
        Objects.requireNonNull(header, "header");
        Objects.requireNonNull(source, "source");
    }

    /**
     * An array whose rows come from elsewhere.
     *
     * @param name the array's name
     * @param file the dataset it is in, for messages
     * @param where file and array, for messages
     * @param header the header an .npy of the array would have: its shape (samples first) and dtype
     * @param source opens a reader at sample 0
     * @return the array
     */
    public static ArrayRef of(String name, String file, String where, NpyHeader header, Source source) {
        return new ArrayRef(name, file, where, header, source);
    }

    /**
     * An .npy read through {@code opener}: reads its header and checks the stored size is enough
     * for the data.
     *
     * @param name the name the dataset gives it
     * @param file the file, for messages
     * @param where file and array, for messages
     * @param storedBytes the size of the .npy bytes if known (file or uncompressed entry size), else -1
     * @param opener opens a stream at the start of the .npy bytes
     * @return the array
     * @throws DataException if the header cannot be read, or the bytes are fewer than it announces
     */
    public static ArrayRef npy(String name, String file, String where, long storedBytes, Opener opener)
            throws DataException {
        NpyHeader header;
        try (InputStream in = opener.open()) {
            header = NpyHeader.read(in, where);
        } catch (IOException e) {
            throw NpyReader.readError(where, e);
        }
        long expected = header.dataOffset() + header.dataBytes();
        if (storedBytes >= 0 && storedBytes < expected) {
            throw new DataException(where + " is truncated: shape " + Arrays.toString(header.shape()) + " "
                    + header.dtype().numpyName() + " needs " + expected + " bytes (" + header.dataOffset()
                    + " of header) but it has " + storedBytes);
        }
        return new ArrayRef(name, file, where, header, scale -> openNpy(opener, where, scale));
    }

    /** @return a reader at sample 0 of the .npy {@code opener} streams */
    static NpyReader openNpy(Opener opener, String where, float scale) throws DataException {
        try {
            return NpyReader.open(opener.open(), where, scale);
        } catch (IOException e) {
            throw new DataException("cannot open " + where + ": " + e.getMessage(), e);
        }
    }

    /**
     * @param scale factor for integer elements, see {@link NpyReader}
     * @return a new reader at sample 0; the caller closes it
     * @throws DataException naming the array if it cannot be opened
     */
    RowReader open(float scale) throws DataException {
        return source.open(scale);
    }
}
