package org.coact.spark;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.Objects;
import org.apache.hadoop.fs.FileStatus;
import org.coact.api.CoactException;
import org.coact.api.DataException;
import org.coact.runner.data.DataFile;
import org.coact.runner.data.NumpySource;

/**
 * An .npy or .npz dataset (and optional labels file) on a Hadoop file system, read by the
 * runner's own reader: an .npy streamed through the file system's seekable stream (a shard's
 * first row is a seek away), an .npz from a copy on this machine made once per JVM
 * ({@link LocalCopies}: its zip directory is at its end and deflated members cannot be sought).
 *
 * @param location the data file's URI
 * @param labelsLocation the labels file's URI, or null
 * @param files the file systems
 */
record HadoopNpySource(String location, String labelsLocation, HadoopFiles files) implements NumpySource {

    private static final long serialVersionUID = 1L;

    /** Validates. */
    HadoopNpySource {
        Objects.requireNonNull(location, "location");
        Objects.requireNonNull(files, "files");
    }

    @Override
    public DataFile file(String location) {
        return new File(location, files);
    }

    @Override
    public String sha256(DataFile file, Digest digest) throws CoactException {
        return ((File) file).sha256();
    }

    /** One file of a Hadoop file system, as the runner's dataset reader takes it. */
    private static final class File implements DataFile {
        private final String uri;
        private final HadoopFiles files;
        private FileStatus status;

        File(String uri, HadoopFiles files) {
            this.uri = uri;
            this.files = files;
        }

        @Override
        public String location() {
            return uri;
        }

        /** @return the file's status, or null if there is no such file */
        private FileStatus status() throws DataException {
            if (status == null) {
                try {
                    status = files.status(uri);
                } catch (IOException e) {
                    throw new DataException("cannot read " + uri + ": " + HadoopFiles.why(e), e);
                }
            }
            return status;
        }

        private FileStatus existing() throws DataException {
            FileStatus s = status();
            if (s == null) {
                throw new DataException("data file not found: " + uri);
            }
            return s;
        }

        @Override
        public boolean isFile() throws DataException {
            return status() != null && status().isFile();
        }

        @Override
        public long size() throws DataException {
            return existing().getLen();
        }

        @Override
        public InputStream open() throws IOException {
            return files.open(uri);
        }

        @Override
        public Path local() throws DataException {
            return LocalCopies.data(files, existing());
        }

        String sha256() throws DataException {
            try {
                return files.sha256(existing());
            } catch (IOException e) {
                throw new DataException("cannot read " + uri + " to fingerprint it: " + HadoopFiles.why(e), e);
            }
        }
    }
}
