package org.coact.spark;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import org.apache.hadoop.fs.FileStatus;
import org.coact.api.CoactException;
import org.coact.api.DataException;
import org.coact.runner.data.ArrayRef;
import org.coact.runner.data.DataSource;
import org.coact.runner.data.Dataset;
import org.coact.runner.data.DatasetOptions;
import org.coact.runner.data.NpyHeader;

/**
 * A Parquet dataset planned by the driver ({@link ParquetPlan}), opened on the driver and in
 * every shard task as a runner {@link Dataset}: each array column is an array of shape
 * {@code [rows, values per row]} in its numpy type, the label column an array {@code [rows]},
 * each read by a {@link ParquetRows} of its own; shards start at row groups that fall on a batch
 * boundary where they can. Serializable: the layout and the file systems travel with the job.
 *
 * @param layout what the driver planned
 * @param files the file systems
 */
record ParquetSource(ParquetLayout layout, HadoopFiles files) implements DataSource {

    private static final long serialVersionUID = 1L;

    /** Validates. */
    ParquetSource {
        Objects.requireNonNull(layout, "layout");
        Objects.requireNonNull(files, "files");
    }

    @Override
    public String location() {
        return layout.location();
    }

    @Override
    public String labelsLocation() {
        return null;
    }

    @Override
    public Dataset open(DatasetOptions options) throws DataException {
        Map<String, ArrayRef> arrays = new LinkedHashMap<>();
        layout.arrays().forEach((name, column) -> arrays.put(name, array(name, column, false)));
        ArrayRef labels = array(layout.label().field(), layout.label(), true);
        return Dataset.of(layout.location(), options, arrays, labels, layout.pieceStarts());
    }

    private ArrayRef array(String name, ParquetLayout.Column column, boolean label) {
        long[] shape = label ? new long[] {layout.rows()} : new long[] {layout.rows(), column.elements()};
        NpyHeader header = new NpyHeader("1.0", column.dtype().descr(), column.dtype(), shape, 0);
        String where = (label ? "label column '" : "column '") + column.field() + "' of " + layout.location();
        return ArrayRef.of(name, layout.location(), where, header,
                scale -> new ParquetRows(layout, column, files, scale, label));
    }

    @Override
    public String stamp() {
        return layout.stamp();
    }

    /**
     * The SHA-256 of the file, or for a directory of its files (the part files read, in order):
     * of "relative path NUL file SHA-256 NL" per file, as a model directory's is.
     */
    @Override
    public String sha256(Digest digest) throws CoactException {
        try {
            if (!layout.directory()) {
                return files.sha256(status(layout.parts().get(0)));
            }
            MessageDigest all = MessageDigest.getInstance("SHA-256");
            for (ParquetLayout.Part p : layout.parts()) {
                String line = p.name() + "\0" + files.sha256(status(p)) + "\n";
                all.update(line.getBytes(StandardCharsets.UTF_8));
            }
            return HexFormat.of().formatHex(all.digest());
        } catch (IOException e) {
            throw new DataException("cannot read " + layout.location() + " to fingerprint it: " + HadoopFiles.why(e),
                    e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK lacks SHA-256", e);
        }
    }

    private FileStatus status(ParquetLayout.Part p) throws IOException, DataException {
        FileStatus s = files.status(p.uri());
        if (s == null) {
            throw new DataException("data file not found: " + p.uri());
        }
        return s;
    }

    @Override
    public String labelsSha256(Digest digest) {
        return null;
    }
}
