package org.coact.spark;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.parquet.column.ColumnDescriptor;
import org.apache.parquet.schema.GroupType;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType;
import org.apache.parquet.schema.Type;
import org.coact.runner.data.NpyDType;

/**
 * What the top-level columns of a Parquet schema hold, as Coact reads them: a <em>flat array</em>
 * column (a list of numbers: Spark's {@code array<float>}, the standard three-level
 * {@code LIST} with an {@code element}, the legacy two-level list, or a repeated primitive) is
 * one sample's values in row-major order, as an .npy row; a <em>scalar</em> column (one number
 * per row) may hold the labels. Numbers map to numpy's types: {@code float}, {@code double},
 * {@code boolean}, {@code int32} with its {@code INT(8|16|32, signed|unsigned)} annotations
 * ({@code int8} ... {@code uint32}) and {@code int64}; anything else (strings, decimals, dates,
 * {@code uint64}, nested lists) is not read.
 */
final class ParquetSchema {

    private ParquetSchema() {
    }

    /** What a column is to Coact. */
    enum Kind {
        /** One number per row. */
        SCALAR,
        /** A list of numbers per row. */
        ARRAY,
        /** A list of lists (or of groups): not read; flatten each sample. */
        NESTED,
        /** Anything else. */
        OTHER
    }

    /**
     * One top-level column.
     *
     * @param name its name
     * @param kind what it holds
     * @param dtype the numpy type of its numbers, or null if they are not read
     * @param leaf the path of its primitive leaf, for {@link MessageType#getColumnDescription}
     * @param listLevel the definition level of a present, empty list (one less than that of the
     *     repeated node); -1 for a scalar
     * @param description e.g. {@code array<float>}, {@code int64}, for messages
     */
    record Column(String name, Kind kind, NpyDType dtype, String[] leaf, int listLevel, String description) {

        /**
         * @param schema the file's schema
         * @return the leaf's descriptor: its type and levels
         */
        ColumnDescriptor descriptor(MessageType schema) {
            return schema.getColumnDescription(leaf);
        }

        /** @return the schema of this column alone, to read nothing else */
        MessageType projection(MessageType schema) {
            return new MessageType(schema.getName(), schema.getType(name));
        }
    }

    /**
     * @param schema a file's schema
     * @return its top-level columns, in schema order
     */
    static List<Column> columns(MessageType schema) {
        List<Column> out = new ArrayList<>();
        for (Type field : schema.getFields()) {
            out.add(column(schema, field));
        }
        return out;
    }

    /**
     * @param schema a file's schema
     * @param name a top-level column
     * @return it, or null if there is none of that name
     */
    static Column column(MessageType schema, String name) {
        return schema.containsField(name) ? column(schema, schema.getType(name)) : null;
    }

    private static Column column(MessageType schema, Type field) {
        String name = field.getName();
        if (field.isPrimitive()) {
            NpyDType t = dtype(field.asPrimitiveType());
            String what = describe(field.asPrimitiveType());
            if (field.isRepetition(Type.Repetition.REPEATED)) { // a bare repeated number: a list
                return array(schema, name, t, new String[] {name}, "array<" + what + ">");
            }
            return new Column(name, t == null ? Kind.OTHER : Kind.SCALAR, t, new String[] {name}, -1, what);
        }
        GroupType group = field.asGroupType();
        boolean list = group.getLogicalTypeAnnotation() instanceof LogicalTypeAnnotation.ListLogicalTypeAnnotation;
        if (!list || group.getFieldCount() != 1 || !group.getType(0).isRepetition(Type.Repetition.REPEATED)) {
            return new Column(name, Kind.OTHER, null, null, -1, "group");
        }
        Type repeated = group.getType(0);
        if (repeated.isPrimitive()) { // two-level list: repeated <number> array
            PrimitiveType p = repeated.asPrimitiveType();
            return array(schema, name, dtype(p), new String[] {name, repeated.getName()}, "array<" + describe(p) + ">");
        }
        GroupType entry = repeated.asGroupType();
        if (entry.getFieldCount() != 1) {
            return new Column(name, Kind.NESTED, null, null, -1, "array<struct>");
        }
        Type element = entry.getType(0);
        if (!element.isPrimitive() || element.isRepetition(Type.Repetition.REPEATED)) {
            return new Column(name, Kind.NESTED, null, null, -1, "array<array>");
        }
        PrimitiveType p = element.asPrimitiveType();
        return array(schema, name, dtype(p), new String[] {name, repeated.getName(), element.getName()},
                "array<" + describe(p) + ">");
    }

    private static Column array(MessageType schema, String name, NpyDType dtype, String[] leaf, String what) {
        String[] repeated = java.util.Arrays.copyOf(leaf, leaf.length == 1 ? 1 : 2);
        int listLevel = schema.getMaxDefinitionLevel(repeated) - 1;
        return new Column(name, dtype == null ? Kind.OTHER : Kind.ARRAY, dtype, leaf, listLevel, what);
    }

    /** @return the numpy type of a Parquet number, or null if Coact does not read it */
    static NpyDType dtype(PrimitiveType p) {
        LogicalTypeAnnotation logical = p.getLogicalTypeAnnotation();
        LogicalTypeAnnotation.IntLogicalTypeAnnotation integer =
                logical instanceof LogicalTypeAnnotation.IntLogicalTypeAnnotation i ? i : null;
        if (logical != null && integer == null) {
            return null; // dates, decimals, times, strings
        }
        return switch (p.getPrimitiveTypeName()) {
            case FLOAT -> NpyDType.FLOAT32;
            case DOUBLE -> NpyDType.FLOAT64;
            case BOOLEAN -> NpyDType.BOOL;
            case INT32 -> integer == null ? NpyDType.INT32 : switch (integer.getBitWidth()) {
                case 8 -> integer.isSigned() ? NpyDType.INT8 : NpyDType.UINT8;
                case 16 -> integer.isSigned() ? NpyDType.INT16 : NpyDType.UINT16;
                default -> integer.isSigned() ? NpyDType.INT32 : NpyDType.UINT32;
            };
            case INT64 -> integer == null || integer.isSigned() ? NpyDType.INT64 : null;
            default -> null;
        };
    }

    private static String describe(PrimitiveType p) {
        NpyDType t = dtype(p);
        if (t != null) {
            return t.numpyName();
        }
        LogicalTypeAnnotation logical = p.getLogicalTypeAnnotation();
        String physical = p.getPrimitiveTypeName().name().toLowerCase(Locale.ROOT);
        return logical == null ? physical : physical + " (" + logical + ")";
    }
}
