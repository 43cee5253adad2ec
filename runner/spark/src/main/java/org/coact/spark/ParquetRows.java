package org.coact.spark;

import java.io.IOException;
import org.apache.hadoop.fs.Path;
import org.apache.parquet.HadoopReadOptions;
import org.apache.parquet.ParquetRuntimeException;
import org.apache.parquet.column.ColumnDescriptor;
import org.apache.parquet.column.ColumnReader;
import org.apache.parquet.column.impl.ColumnReadStoreImpl;
import org.apache.parquet.column.page.PageReadStore;
import org.apache.parquet.example.data.simple.convert.GroupRecordConverter;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.metadata.BlockMetaData;
import org.apache.parquet.hadoop.util.HadoopInputFile;
import org.apache.parquet.schema.MessageType;
import org.coact.api.DataException;
import org.coact.runner.data.NpyDType;
import org.coact.runner.data.RowReader;

/**
 * One column of a Parquet dataset read forward across its files, row group by row group, through
 * Parquet's column reader: only that column's chunks are read, one row group in memory at a
 * time, and row groups before the first row asked for are skipped unread. Values convert as an
 * .npy of the column's numpy type would: floats as they are (doubles narrowed), integers times
 * the scale, booleans 0 or 1; labels as longs. Every row is checked: an array must hold the
 * planned number of values and no null, a label must not be null; the error names the column,
 * the row and its file.
 */
final class ParquetRows implements RowReader {

    private final ParquetLayout layout;
    private final ParquetLayout.Column column;
    private final HadoopFiles files;
    private final double scale;
    private final boolean label;
    private final String what;
    private long position;
    private int part = -1;
    private ParquetFileReader reader;
    private ParquetSchema.Column schema;
    private int maxDefinition;
    private int nextGroup;
    private ColumnReader values;
    private long groupStart;
    private long groupEnd;
    private long cursor;
    private long entriesLeft;

    /**
     * @param layout the dataset
     * @param column the column to read
     * @param files the file systems
     * @param scale factor for integer values (features only)
     * @param label whether this is the label column (one value per row, read as longs)
     */
    ParquetRows(ParquetLayout layout, ParquetLayout.Column column, HadoopFiles files, float scale, boolean label) {
        this.layout = layout;
        this.column = column;
        this.files = files;
        this.scale = scale;
        this.label = label;
        this.what = (label ? "label column '" : "column '") + column.field() + "' of " + layout.location();
    }

    @Override
    public long rowsRemaining() {
        return layout.rows() - position;
    }

    @Override
    public float[] readFloats(int rows) throws DataException {
        float[] out = new float[values(rows)];
        for (int at = 0; at < out.length; at += (int) column.elements()) {
            readRow(out, null, at);
        }
        return out;
    }

    @Override
    public long[] readLongs(int rows) throws DataException {
        long[] out = new long[values(rows)];
        for (int at = 0; at < out.length; at += (int) column.elements()) {
            readRow(null, out, at);
        }
        return out;
    }

    /** @return the values of the next {@code rows} rows, at most those remaining */
    private int values(int rows) {
        return Math.toIntExact(Math.min(Math.max(0, rows), rowsRemaining()) * column.elements());
    }

    @Override
    public void skipRows(long rows) {
        position += Math.min(Math.max(0, rows), rowsRemaining());
    }

    @Override
    public void close() throws DataException {
        if (reader != null) {
            try {
                reader.close();
            } catch (IOException e) {
                throw new DataException("cannot close " + layout.parts().get(part).uri() + ": " + HadoopFiles.why(e), e);
            } finally {
                reader = null;
            }
        }
    }

    /** Reads the row at {@link #position} into {@code floats} or {@code longs} at {@code at}. */
    private void readRow(float[] floats, long[] longs, int at) throws DataException {
        try {
            seek();
            while (cursor < position) {
                row(null, null, 0);
            }
            row(floats, longs, at);
            position++;
        } catch (ParquetRuntimeException e) {
            throw new DataException("cannot read " + what + ": " + e.getMessage(), e);
        }
    }

    /**
     * Consumes the next row of the loaded row group, storing its values unless both arrays are null.
     *
     * @return the values it held
     */
    private long row(float[] floats, long[] longs, int at) throws DataException {
        boolean store = floats != null || longs != null;
        long count = 0;
        int listLevel = schema.listLevel();
        do {
            int d = values.getCurrentDefinitionLevel();
            if (d == maxDefinition) {
                if (store && count < column.elements()) {
                    put(floats, longs, at + (int) count);
                } else {
                    values.skip();
                }
                count++;
            } else if (store && (label || d < listLevel)) {
                throw new DataException(what + ": " + where() + " is null");
            } else if (store && d > listLevel) {
                throw new DataException(what + ": " + where() + " holds a null value");
            }
            values.consume();
            entriesLeft--;
        } while (!label && entriesLeft > 0 && values.getCurrentRepetitionLevel() > 0);
        if (store && count != column.elements()) {
            throw new DataException(what + ": " + where() + " has " + count + " values; every row needs "
                    + column.elements() + " (the values per row of its first row group)");
        }
        cursor++;
        return count;
    }

    /**
     * @return the values the dataset's first row holds (for a plan whose first row group's rows
     *     differ in length)
     * @throws DataException if it cannot be read
     */
    long firstRowLength() throws DataException {
        position = 0;
        try {
            seek();
            return row(null, null, 0);
        } catch (ParquetRuntimeException e) {
            throw new DataException("cannot read " + what + ": " + e.getMessage(), e);
        }
    }

    private void put(float[] floats, long[] longs, int at) {
        NpyDType t = column.dtype();
        if (floats != null) {
            floats[at] = switch (t) {
                case FLOAT32 -> values.getFloat();
                case FLOAT64 -> (float) values.getDouble();
                case BOOL -> values.getBoolean() ? 1f : 0f;
                default -> (float) (integer(t) * scale);
            };
        } else {
            longs[at] = integer(t);
        }
    }

    private long integer(NpyDType t) {
        return switch (t) {
            case INT64 -> values.getLong();
            case UINT32 -> values.getInteger() & 0xffff_ffffL;
            default -> values.getInteger();
        };
    }

    private String where() {
        ParquetLayout.Part p = layout.parts().get(part);
        return ParquetLayout.row(p, cursor - p.first());
    }

    /** Loads the row group holding {@link #position}, unless it is loaded. */
    private void seek() throws DataException {
        if (values != null && position >= cursor && position < groupEnd) {
            return;
        }
        int p = 0;
        while (layout.parts().get(p).first() + layout.parts().get(p).rows() <= position) {
            p++;
        }
        ParquetLayout.Part target = layout.parts().get(p);
        long start = target.first();
        int g = 0;
        while (start + target.groups().get(g) <= position) {
            start += target.groups().get(g);
            g++;
        }
        try {
            if (p != part || g < nextGroup) {
                openPart(p);
            }
            while (nextGroup < g) {
                reader.skipNextRowGroup();
                nextGroup++;
            }
            entriesLeft = reader.getRowGroups().get(g).getColumns().stream()
                    .filter(c -> java.util.Arrays.equals(c.getPath().toArray(), schema.leaf())).findFirst()
                    .orElseThrow().getValueCount();
            PageReadStore pages = reader.readNextRowGroup();
            nextGroup++;
            MessageType projection = schema.projection(reader.getFileMetaData().getSchema());
            ColumnDescriptor descriptor = schema.descriptor(projection);
            values = new ColumnReadStoreImpl(pages, new GroupRecordConverter(projection).getRootConverter(),
                    projection, reader.getFileMetaData().getCreatedBy()).getColumnReader(descriptor);
        } catch (IOException e) {
            throw new DataException("cannot read " + what + " in " + target.uri() + ": " + HadoopFiles.why(e), e);
        }
        groupStart = start;
        groupEnd = start + target.groups().get(g);
        cursor = groupStart;
    }

    /** Opens a file and checks it is the one the driver planned. */
    private void openPart(int p) throws DataException, IOException {
        close();
        ParquetLayout.Part planned = layout.parts().get(p);
        HadoopInputFile in = HadoopInputFile.fromPath(new Path(planned.uri()), files.conf());
        try {
            reader = ParquetFileReader.open(in, HadoopReadOptions.builder(files.conf()).build());
        } catch (RuntimeException e) { // parquet-hadoop refuses a file that is no longer Parquet so
            throw new DataException("cannot read " + planned.uri() + " as Parquet: " + e.getMessage(), e);
        }
        part = p;
        nextGroup = 0;
        java.util.List<Long> groups = reader.getRowGroups().stream().map(BlockMetaData::getRowCount).toList();
        if (in.getLength() != planned.bytes() || !groups.equals(planned.groups())) {
            throw new DataException("Parquet file " + planned.uri() + " here has " + in.getLength() + " bytes and row "
                    + "groups of " + groups + " rows but the analysis planned " + planned.bytes() + " bytes and "
                    + planned.groups() + "; every executor must read the same dataset");
        }
        MessageType fileSchema = reader.getFileMetaData().getSchema();
        schema = ParquetSchema.column(fileSchema, column.field());
        if (schema == null || schema.dtype() != column.dtype()) {
            throw new DataException(what + " is " + (schema == null ? "missing" : schema.description()) + " in "
                    + planned.name() + " but " + column.dtype().numpyName() + " in the dataset's first file");
        }
        maxDefinition = schema.descriptor(fileSchema).getMaxDefinitionLevel();
        reader.setRequestedSchema(schema.projection(fileSchema));
    }
}
