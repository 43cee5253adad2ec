package org.coact.runner.data;

/**
 * Reads one array of a dataset forward, a few samples (rows along the first axis) at a time:
 * an .npy stream ({@link NpyReader}), or rows from elsewhere, such as a column of a Parquet
 * dataset. Values come out as an .npy of the array's {@link NpyHeader} would give them: features
 * as float32 (integer types times the reader's scale), labels as longs.
 *
 * <p>Not thread-safe. Closing the reader releases what it opened.
 */
public interface RowReader extends AutoCloseable {

    /** @return samples not yet read */
    long rowsRemaining();

    /**
     * Reads the next samples as float32, row-major.
     *
     * @param rows how many samples to read at most; fewer are read at the end of the array
     * @return {@code min(rows, rowsRemaining()) × sampleElements} values; empty at the end
     * @throws org.coact.api.DataException naming the array and the culprit (a truncated file, a bad row)
     */
    float[] readFloats(int rows) throws org.coact.api.DataException;

    /**
     * Reads the next samples as longs, for labels.
     *
     * @param rows how many samples to read at most
     * @return {@code min(rows, rowsRemaining()) × sampleElements} values
     * @throws org.coact.api.DataException naming the array and the culprit (a value that is no class index)
     */
    long[] readLongs(int rows) throws org.coact.api.DataException;

    /**
     * Skips samples without converting them.
     *
     * @param rows how many samples to skip at most
     * @throws org.coact.api.DataException if the array cannot be read that far
     */
    void skipRows(long rows) throws org.coact.api.DataException;

    /** Releases the reader's stream or files. Safe to call twice. */
    @Override
    void close() throws org.coact.api.DataException;
}
