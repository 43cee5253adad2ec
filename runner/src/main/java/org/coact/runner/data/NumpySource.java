package org.coact.runner.data;

import org.coact.api.CoactException;
import org.coact.api.DataException;

/**
 * A dataset of .npy / .npz files, a data file and optionally a labels file, on whatever file
 * system {@link #file} reaches: this machine's ({@link FileSource}) or another one's.
 */
public interface NumpySource extends DataSource {

    /**
     * @param location {@link #location()} or {@link #labelsLocation()}
     * @return that file
     * @throws DataException if it cannot be reached
     */
    DataFile file(String location) throws DataException;

    /**
     * @param file one of {@link #file}'s files
     * @param digest hashes files of this machine
     * @return its SHA-256
     * @throws CoactException if it cannot be read
     */
    String sha256(DataFile file, Digest digest) throws CoactException;

    @Override
    default Dataset open(DatasetOptions options) throws DataException {
        return Dataset.open(file(location()), labelsLocation() == null ? null : file(labelsLocation()), options);
    }

    @Override
    default String stamp() throws DataException {
        String bytes = file(location()).size() + " bytes";
        return labelsLocation() == null ? bytes : bytes + ", labels " + file(labelsLocation()).size() + " bytes";
    }

    @Override
    default String sha256(Digest digest) throws CoactException {
        return sha256(file(location()), digest);
    }

    @Override
    default String labelsSha256(Digest digest) throws CoactException {
        return labelsLocation() == null ? null : sha256(file(labelsLocation()), digest);
    }
}
