package org.coact.runner.data;

import java.io.Serializable;
import java.nio.file.Path;
import org.coact.api.CoactException;
import org.coact.api.DataException;

/**
 * Where a dataset is and how to open it: plain values, so that a shard task in another JVM
 * opens the same dataset ({@link org.coact.runner.pipeline.ShardJob}). The runner's own is
 * {@link FileSource} (.npy / .npz files of this machine); others (coact-spark's Hadoop file
 * systems and Parquet datasets) open their data through {@link Dataset#open(DataFile, DataFile,
 * DatasetOptions)} or {@link Dataset#of}.
 */
public interface DataSource extends Serializable {

    /** Computes the SHA-256 of a file of this machine; the caller may remember it. */
    @FunctionalInterface
    interface Digest {
        /**
         * @param file a file of this machine
         * @return its SHA-256, 64 hex digits
         * @throws CoactException naming the file if it cannot be read
         */
        String sha256(Path file) throws CoactException;
    }

    /** @return the data as messages and the report name it: a path, a URI */
    String location();

    /** @return the separate labels file as the report names it, or null */
    String labelsLocation();

    /**
     * @param options scale and array names
     * @return the dataset, its headers checked; close it
     * @throws DataException naming the file and culprit when a check fails
     */
    Dataset open(DatasetOptions options) throws DataException;

    /**
     * What a shard task elsewhere compares with the analysing side's before it reads, so that a
     * stale copy is an error rather than other counts: sizes, typically.
     *
     * @return e.g. {@code "6288256 bytes"}
     * @throws DataException if the files cannot be read
     */
    String stamp() throws DataException;

    /**
     * @param digest hashes files of this machine
     * @return the data's SHA-256 for the report's provenance
     * @throws CoactException if the data cannot be read
     */
    String sha256(Digest digest) throws CoactException;

    /**
     * @param digest hashes files of this machine
     * @return the separate labels' SHA-256, or null without a labels file
     * @throws CoactException if the labels cannot be read
     */
    String labelsSha256(Digest digest) throws CoactException;
}
