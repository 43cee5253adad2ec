package org.coact.runner.data;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.coact.api.DataException;

/**
 * A data or labels file (.npy or .npz) as some file system reaches it: this machine's
 * ({@link #of}), or another one's, such as a Hadoop file system's. An .npy is streamed from
 * {@link #open()} (its skips seek where the stream can); an .npz is read from a file of this
 * machine ({@link #local()}), since its zip directory is at its end.
 */
public interface DataFile {

    /** @return the file as messages and the report name it: a path or a URI */
    String location();

    /**
     * @return whether it exists and is a file
     * @throws DataException if that cannot be told
     */
    boolean isFile() throws DataException;

    /**
     * @return its size in bytes
     * @throws DataException if it cannot be read
     */
    long size() throws DataException;

    /**
     * @return a stream at its first byte; the caller closes it
     * @throws IOException if it cannot be opened
     */
    InputStream open() throws IOException;

    /**
     * @return a file of this machine with its bytes: the file itself, or a copy
     * @throws DataException if it cannot be copied
     */
    Path local() throws DataException;

    /**
     * @param path a file of this machine
     * @return it as a data file
     */
    static DataFile of(Path path) {
        return new Local(path);
    }

    /**
     * A file of this machine.
     *
     * @param path its path
     */
    record Local(Path path) implements DataFile {
        /** Validates. */
        public Local {
            java.util.Objects.requireNonNull(path, "path");
        }

        @Override
        public String location() {
            return path.toString();
        }

        @Override
        public boolean isFile() {
            return Files.isRegularFile(path);
        }

        @Override
        public long size() throws DataException {
            try {
                return Files.size(path);
            } catch (IOException e) {
                throw new DataException("cannot read " + path + ": " + e.getMessage(), e);
            }
        }

        @Override
        public InputStream open() throws IOException {
            return Files.newInputStream(path);
        }

        @Override
        public Path local() {
            return path;
        }
    }
}
