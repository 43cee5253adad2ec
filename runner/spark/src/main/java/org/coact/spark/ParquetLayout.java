package org.coact.spark;

import java.io.Serializable;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.coact.runner.data.NpyDType;

/**
 * A Parquet dataset as the driver planned it from the files' footers: its part files in order
 * (a file, or a directory's files by relative path) with their row groups' row counts, the
 * columns that feed the model and the label column. Sample {@code i} of the dataset is row
 * {@code i} of the files laid end to end, which is how shards (row ranges of whole batches) map
 * to row groups. Executors read from it without listing or planning again; each file they open
 * must still have the planned length and row groups.
 *
 * @param location the dataset as the report names it
 * @param directory whether it is a directory of files (else one file)
 * @param parts its files, in order
 * @param arrays the array columns a model input may be fed from, by the name the dataset gives
 *     them (the column's, or the input's with {@code --input-column}), in order
 * @param label the label column
 * @param rows samples in all
 */
record ParquetLayout(String location, boolean directory, List<Part> parts, Map<String, Column> arrays, Column label,
        long rows)
        implements Serializable {

    private static final long serialVersionUID = 1L;

    /** Validates and copies. */
    ParquetLayout {
        Objects.requireNonNull(location, "location");
        parts = List.copyOf(parts);
        arrays = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(arrays));
        Objects.requireNonNull(label, "label");
    }

    /**
     * One file.
     *
     * @param uri its Hadoop path
     * @param name its path relative to the dataset (its name for a one-file dataset), for messages
     * @param bytes its length
     * @param groups rows of each of its row groups, in file order
     * @param first the dataset's sample of its first row
     */
    record Part(String uri, String name, long bytes, List<Long> groups, long first) implements Serializable {
        private static final long serialVersionUID = 1L;

        /** Copies. */
        Part {
            groups = List.copyOf(groups);
        }

        /** @return the rows of the file */
        long rows() {
            return groups.stream().mapToLong(Long::longValue).sum();
        }
    }

    /**
     * A column as the dataset reads it.
     *
     * @param field the Parquet column (a top-level field)
     * @param dtype the numpy type of its numbers
     * @param elements numbers per row: the list's length for an array, 1 for the label
     */
    record Column(String field, NpyDType dtype, long elements) implements Serializable {
        private static final long serialVersionUID = 1L;
    }

    /** @return the dataset's sample of the first row of every row group, ascending */
    long[] pieceStarts() {
        return parts.stream().flatMapToLong(p -> {
            long[] starts = new long[p.groups().size()];
            long at = p.first();
            for (int g = 0; g < starts.length; g++) {
                starts[g] = at;
                at += p.groups().get(g);
            }
            return java.util.Arrays.stream(starts);
        }).toArray();
    }

    /** @return what a shard task compares with the driver's: files, row groups, bytes */
    String stamp() {
        long groups = parts.stream().mapToLong(p -> p.groups().size()).sum();
        long bytes = parts.stream().mapToLong(Part::bytes).sum();
        return rows + " rows in " + parts.size() + " files, " + groups + " row groups, " + bytes + " bytes";
    }

    /**
     * @param part a file of the dataset
     * @param row a row of it
     * @return the row for messages: its sample and where it is
     */
    static String row(Part part, long row) {
        return "row " + (part.first() + row) + " (row " + row + " of " + part.name() + ")";
    }
}
