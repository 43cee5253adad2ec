package org.coact.runner.data;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.coact.api.DataException;

/**
 * One array of a dataset, its header already read, that can be opened as many times as
 * needed, each time as a fresh stream from its first sample: a plain .npy file or one
 * entry of an .npz.
 *
 * @param name the array's name (the .npz entry without {@code .npy}, or the name given to a .npy file)
 * @param file the .npy or .npz file it is in
 * @param where file (and array) for messages
 * @param header its header
 * @param storedBytes the size of the .npy bytes if known (file or uncompressed entry size), else -1
 * @param opener opens a stream at the start of the .npy bytes
 */
record ArrayRef(String name, Path file, String where, NpyHeader header, long storedBytes, Opener opener) {

    /** Opens a stream at the first byte of an .npy. */
    @FunctionalInterface
    interface Opener {
        InputStream open() throws IOException;
    }

    /**
     * Reads the header of a plain .npy file.
     *
     * @param file an existing .npy
     * @param name the name the dataset gives it
     */
    static ArrayRef ofFile(Path file, String name) throws DataException {
        Opener opener = () -> Files.newInputStream(file);
        try {
            return create(name, file, file.toString(), Files.size(file), opener);
        } catch (IOException e) {
            throw new DataException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    /** Reads the header through {@code opener} and checks the stored size is enough for the data. */
    static ArrayRef create(String name, Path file, String where, long storedBytes, Opener opener) throws DataException {
        NpyHeader header;
        try (InputStream in = opener.open()) {
            header = NpyHeader.read(in, where);
        } catch (IOException e) {
            throw NpyReader.readError(where, e);
        }
        ArrayRef ref = new ArrayRef(name, file, where, header, storedBytes, opener);
        long expected = header.dataOffset() + header.dataBytes();
        if (storedBytes >= 0 && storedBytes < expected) {
            throw new DataException(where + " is truncated: shape " + Arrays.toString(header.shape()) + " "
                    + header.dtype().numpyName() + " needs " + expected + " bytes (" + header.dataOffset()
                    + " of header) but it has " + storedBytes);
        }
        return ref;
    }

    /**
     * @param scale factor for integer elements, see {@link NpyReader}
     * @return a new reader at sample 0; the caller closes it
     */
    NpyReader open(float scale) throws DataException {
        try {
            return NpyReader.open(opener.open(), where, scale);
        } catch (IOException e) {
            throw new DataException("cannot open " + where + ": " + e.getMessage(), e);
        }
    }
}
