package org.coact.runner.data;

import java.util.Objects;

/**
 * One shard of a dataset: where the dataset is and the rows of it a single extraction reads.
 * Plain values, so a shard can be planned in one place and read in another (a thread, an executor).
 *
 * @param source where the dataset is
 * @param options scale and array names
 * @param rows the samples of this shard
 */
public record DataShard(DataSource source, DatasetOptions options, RowRange rows) {

    /** Validates. */
    public DataShard {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(options, "options");
        Objects.requireNonNull(rows, "rows");
    }

    /**
     * @return the dataset, opened; close it
     * @throws org.coact.api.DataException naming the file and culprit when a check fails
     */
    public Dataset open() throws org.coact.api.DataException {
        return source.open(options);
    }
}
