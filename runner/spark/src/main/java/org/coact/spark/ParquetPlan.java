package org.coact.spark;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.Path;
import org.apache.parquet.HadoopReadOptions;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.metadata.BlockMetaData;
import org.apache.parquet.hadoop.metadata.ColumnChunkMetaData;
import org.apache.parquet.hadoop.util.HadoopInputFile;
import org.apache.parquet.schema.MessageType;
import org.coact.api.DataException;

/**
 * Plans a Parquet dataset on the driver from its footers alone: lists the files (a file, or a
 * directory's files in relative-path order, hidden {@code _*} and {@code .*} names left out),
 * reads each footer's row groups, chooses the label column and the array columns, checks that
 * every file holds them in the same types, and takes each array's values per row from the first
 * row group that has rows (its value count over its rows, else its first row's length). No data
 * is read but, at most, one row per array.
 */
final class ParquetPlan {

    private ParquetPlan() {
    }

    /**
     * @param location the dataset as the user named it (and the report names it)
     * @param uri its Hadoop path ({@code file:} for a path of this machine)
     * @param inputColumns model input to the column that feeds it; empty for every array column
     *     by its own name
     * @param labelColumn the label column
     * @param files the file systems
     * @return the source
     * @throws DataException naming the dataset, file or column and the culprit
     */
    static ParquetSource plan(String location, String uri, Map<String, String> inputColumns, String labelColumn,
            HadoopFiles files) throws DataException {
        try {
            FileStatus root = files.status(uri);
            if (root == null) {
                throw new DataException("data file not found: " + location);
            }
            List<FileStatus> found = list(files, root);
            if (found.isEmpty()) {
                throw new DataException("Parquet dataset " + location + " holds no files");
            }
            List<ParquetLayout.Part> parts = new ArrayList<>();
            List<MessageType> schemas = new ArrayList<>();
            List<List<BlockMetaData>> groups = new ArrayList<>();
            long rows = 0;
            for (FileStatus f : found) {
                String name = root.isDirectory() ? relative(root.getPath(), f.getPath()) : f.getPath().getName();
                try (ParquetFileReader r = ParquetFileReader.open(HadoopInputFile.fromStatus(f, files.conf()),
                        HadoopReadOptions.builder(files.conf()).build())) {
                    List<Long> counts = r.getRowGroups().stream().map(BlockMetaData::getRowCount).toList();
                    parts.add(new ParquetLayout.Part(f.getPath().toString(), name, f.getLen(), counts, rows));
                    schemas.add(r.getFileMetaData().getSchema());
                    groups.add(r.getRowGroups());
                    rows += counts.stream().mapToLong(Long::longValue).sum();
                } catch (IOException | RuntimeException e) { // parquet-hadoop refuses a non-Parquet file so
                    throw new DataException("cannot read " + f.getPath() + " as Parquet: " + why(e), e);
                }
            }
            MessageType first = schemas.get(0);
            ParquetSchema.Column label = labelColumn(location, first, labelColumn);
            Map<String, ParquetSchema.Column> chosen = arrays(location, first, inputColumns, labelColumn);
            for (int i = 1; i < schemas.size(); i++) {
                for (ParquetSchema.Column c : withLabel(chosen, label)) {
                    sameColumn(location, c, ParquetSchema.column(schemas.get(i), c.name()), parts.get(i).name());
                }
            }
            ParquetLayout.Column labels = new ParquetLayout.Column(label.name(), label.dtype(), 1);
            ParquetLayout draft = new ParquetLayout(location, root.isDirectory(), parts, Map.of(), labels, rows);
            Map<String, ParquetLayout.Column> arrays = new LinkedHashMap<>();
            for (Map.Entry<String, ParquetSchema.Column> e : chosen.entrySet()) {
                ParquetSchema.Column c = e.getValue();
                arrays.put(e.getKey(), new ParquetLayout.Column(c.name(), c.dtype(), elements(draft, c, groups, files)));
            }
            return new ParquetSource(new ParquetLayout(location, root.isDirectory(), parts, arrays, labels, rows),
                    files);
        } catch (IOException e) {
            throw new DataException("cannot read " + location + ": " + HadoopFiles.why(e), e);
        }
    }

    private static String why(Exception e) {
        String m = e instanceof IOException io ? HadoopFiles.why(io) : String.valueOf(e.getMessage());
        return m.lines().findFirst().orElse(m);
    }

    /** @return a directory's visible files, recursively, in relative-path order; the file itself otherwise */
    private static List<FileStatus> list(HadoopFiles files, FileStatus root) throws IOException {
        if (!root.isDirectory()) {
            return List.of(root);
        }
        List<FileStatus> out = new ArrayList<>();
        java.util.ArrayDeque<FileStatus> dirs = new java.util.ArrayDeque<>(List.of(root));
        org.apache.hadoop.fs.FileSystem fs = files.fs(root.getPath().toString());
        while (!dirs.isEmpty()) {
            for (FileStatus f : fs.listStatus(dirs.pop().getPath())) {
                String name = f.getPath().getName();
                if (name.startsWith("_") || name.startsWith(".")) {
                    continue; // _SUCCESS, _metadata, .crc files, hidden directories
                }
                if (f.isDirectory()) {
                    dirs.push(f);
                } else {
                    out.add(f);
                }
            }
        }
        out.sort(java.util.Comparator.comparing(f -> relative(root.getPath(), f.getPath())));
        return out;
    }

    private static String relative(Path root, Path file) {
        String r = root.toUri().getPath();
        String f = file.toUri().getPath();
        String prefix = r.endsWith("/") ? r : r + "/";
        return f.startsWith(prefix) ? f.substring(prefix.length()) : file.getName();
    }

    private static ParquetSchema.Column labelColumn(String location, MessageType schema, String name)
            throws DataException {
        ParquetSchema.Column c = ParquetSchema.column(schema, name);
        if (c == null) {
            throw new DataException("Parquet dataset " + location + " has no label column '" + name
                    + "' (--label-column); columns: " + describe(schema));
        }
        if (c.kind() != ParquetSchema.Kind.SCALAR || !c.dtype().isInteger()) {
            throw new DataException("label column '" + name + "' of " + location + " is " + c.description()
                    + "; labels are integer class indices, one per row (int8 to int64)");
        }
        return c;
    }

    private static Map<String, ParquetSchema.Column> arrays(String location, MessageType schema,
            Map<String, String> inputColumns, String labelColumn) throws DataException {
        Map<String, ParquetSchema.Column> out = new LinkedHashMap<>();
        if (inputColumns.isEmpty()) {
            for (ParquetSchema.Column c : ParquetSchema.columns(schema)) {
                if (c.kind() == ParquetSchema.Kind.ARRAY && !c.name().equals(labelColumn)) {
                    out.put(c.name(), c);
                }
            }
            if (out.isEmpty()) {
                throw new DataException("Parquet dataset " + location + " has no column of numeric arrays to feed the "
                        + "model (array<float>, array<double>, array<int>, ...); columns: " + describe(schema));
            }
            return out;
        }
        for (Map.Entry<String, String> e : inputColumns.entrySet()) {
            ParquetSchema.Column c = ParquetSchema.column(schema, e.getValue());
            if (c == null) {
                throw new DataException("Parquet dataset " + location + " has no column '" + e.getValue()
                        + "' for model input '" + e.getKey() + "' (--input-column); columns: " + describe(schema));
            }
            if (c.kind() != ParquetSchema.Kind.ARRAY) {
                throw new DataException("column '" + c.name() + "' of " + location + " is " + c.description()
                        + ", not an array of numbers" + (c.kind() == ParquetSchema.Kind.NESTED
                                ? " (nested lists are not read: flatten each sample, row-major)" : ""));
            }
            out.put(e.getKey(), c);
        }
        return out;
    }

    private static List<ParquetSchema.Column> withLabel(Map<String, ParquetSchema.Column> arrays,
            ParquetSchema.Column label) {
        List<ParquetSchema.Column> all = new ArrayList<>(arrays.values());
        all.add(label);
        return all;
    }

    private static void sameColumn(String location, ParquetSchema.Column expected, ParquetSchema.Column found,
            String file) throws DataException {
        if (found == null || found.kind() != expected.kind() || found.dtype() != expected.dtype()) {
            throw new DataException("column '" + expected.name() + "' of " + location + " is "
                    + (found == null ? "missing" : found.description()) + " in " + file + " but "
                    + expected.description() + " in its first file; every file needs the same columns");
        }
    }

    /** Values per row: from the first row group with rows, its value count over its rows, else its first row. */
    private static long elements(ParquetLayout draft, ParquetSchema.Column c, List<List<BlockMetaData>> groups,
            HadoopFiles files) throws DataException {
        for (List<BlockMetaData> file : groups) {
            for (BlockMetaData g : file) {
                if (g.getRowCount() == 0) {
                    continue;
                }
                long values = g.getColumns().stream()
                        .filter(m -> java.util.Arrays.equals(m.getPath().toArray(), c.leaf()))
                        .mapToLong(ColumnChunkMetaData::getValueCount).findFirst().orElse(0);
                long n = values % g.getRowCount() == 0 ? values / g.getRowCount() : -1;
                if (n < 0) {
                    ParquetLayout.Column measured = new ParquetLayout.Column(c.name(), c.dtype(), -1);
                    try (ParquetRows first = new ParquetRows(draft, measured, files, 1f, false)) {
                        n = first.firstRowLength();
                    }
                }
                if (n == 0) {
                    throw new DataException("column '" + c.name() + "' of " + draft.location()
                            + " holds empty arrays; every row needs the values of one sample");
                }
                return n;
            }
        }
        return 1; // no rows at all: the dataset is empty, which opening it says
    }

    /** @return the columns for messages: name and type */
    private static String describe(MessageType schema) {
        return ParquetSchema.columns(schema).stream().map(c -> c.name() + ": " + c.description()).toList().toString();
    }
}
