package org.coact.runner.data;

import java.nio.file.Path;
import java.util.Objects;
import org.coact.api.CoactException;

/**
 * A dataset of this machine's file system: an .npy or .npz, and optionally a separate labels
 * file. Paths are kept as strings, so the source is Serializable.
 *
 * @param location the data file
 * @param labelsLocation the separate labels file, or null
 */
public record FileSource(String location, String labelsLocation) implements NumpySource {

    private static final long serialVersionUID = 1L;

    /** Validates. */
    public FileSource {
        Objects.requireNonNull(location, "location");
    }

    /**
     * @param data the data file
     * @param labels the separate labels file, or null
     * @return the source, both paths absolute and normalised (as the report names them)
     */
    public static FileSource of(Path data, Path labels) {
        return new FileSource(data.toAbsolutePath().normalize().toString(),
                labels == null ? null : labels.toAbsolutePath().normalize().toString());
    }

    @Override
    public DataFile file(String location) {
        return DataFile.of(Path.of(location));
    }

    @Override
    public String sha256(DataFile file, Digest digest) throws CoactException {
        return digest.sha256(Path.of(file.location()));
    }
}
