package org.coact.runner.data;

import java.nio.file.Path;
import java.util.Objects;

/**
 * One shard of a dataset: the files and the rows of it a single extraction reads. Plain values,
 * so a shard can be planned in one place and read in another (a thread, an executor).
 *
 * @param data the data file
 * @param labels the separate labels file, or null
 * @param options scale and array names
 * @param rows the samples of this shard
 */
public record DataShard(Path data, Path labels, DatasetOptions options, RowRange rows) {

    /** Validates. */
    public DataShard {
        Objects.requireNonNull(data, "data");
        Objects.requireNonNull(options, "options");
        Objects.requireNonNull(rows, "rows");
    }

    /**
     * @return the dataset, opened; close it
     * @throws org.coact.api.DataException naming the file and culprit when a check fails
     */
    public Dataset open() throws org.coact.api.DataException {
        return Dataset.open(data, labels, options);
    }
}
