package org.coact.runner.data;

import java.nio.ByteOrder;
import java.util.Optional;

/**
 * The numpy element types Coact reads, keyed by the type code of a {@code descr} string
 * ({@code "<f4"} is byte order {@code <} plus code {@code f4}).
 */
public enum NpyDType {
    /** {@code f4}, IEEE float32. */
    FLOAT32("f4", "float32", 4, false),
    /** {@code f8}, IEEE float64; narrowed to float32 when read as features. */
    FLOAT64("f8", "float64", 8, false),
    /** {@code u1}, unsigned byte. */
    UINT8("u1", "uint8", 1, true),
    /** {@code i1}, signed byte. */
    INT8("i1", "int8", 1, true),
    /** {@code i2}, signed 16-bit. */
    INT16("i2", "int16", 2, true),
    /** {@code u2}, unsigned 16-bit. */
    UINT16("u2", "uint16", 2, true),
    /** {@code i4}, signed 32-bit. */
    INT32("i4", "int32", 4, true),
    /** {@code u4}, unsigned 32-bit. */
    UINT32("u4", "uint32", 4, true),
    /** {@code i8}, signed 64-bit. */
    INT64("i8", "int64", 8, true),
    /** {@code b1}, numpy bool: one byte, 0 or 1. */
    BOOL("b1", "bool", 1, false);

    private final String code;
    private final String numpyName;
    private final int itemSize;
    private final boolean integer;

    NpyDType(String code, String numpyName, int itemSize, boolean integer) {
        this.code = code;
        this.numpyName = numpyName;
        this.itemSize = itemSize;
        this.integer = integer;
    }

    /** @return bytes per element */
    public int itemSize() {
        return itemSize;
    }

    /** @return the name numpy prints for {@code array.dtype.name}, e.g. {@code "uint8"} */
    public String numpyName() {
        return numpyName;
    }

    /** @return the little-endian descr of this type, e.g. {@code "<f4"}; {@code "|u1"} for single bytes */
    public String descr() {
        return (itemSize == 1 ? "|" : "<") + code;
    }

    /** @return whether this is an integer type (the types {@code scale} applies to); bool is not */
    public boolean isInteger() {
        return integer;
    }

    /** @return whether this is float32 or float64 */
    public boolean isFloat() {
        return this == FLOAT32 || this == FLOAT64;
    }

    /**
     * Looks up a simple numpy {@code descr} such as {@code "<f4"}, {@code ">i8"} or
     * {@code "|u1"}.
     *
     * @param descr the descr string from an .npy header
     * @return the type, or empty when Coact does not read it (strings, objects, complex,
     *     float16, uint64, a multi-byte type marked {@code |}...)
     */
    public static Optional<NpyDType> fromDescr(String descr) {
        if (descr == null || descr.length() < 2 || "<>|=".indexOf(descr.charAt(0)) < 0) {
            return Optional.empty();
        }
        String code = descr.substring(1); // case matters: <U1 is unicode, <u1 uint8
        for (NpyDType t : values()) {
            if (t.code.equals(code)) {
                boolean orderless = descr.charAt(0) == '|';
                return orderless && t.itemSize > 1 ? Optional.empty() : Optional.of(t);
            }
        }
        return Optional.empty();
    }

    /**
     * The byte order a descr declares. {@code '|'} (not applicable, single bytes) and
     * {@code '='} (native) give the platform order.
     *
     * @param descr a descr accepted by {@link #fromDescr}
     * @return the byte order of its elements
     */
    static ByteOrder byteOrder(String descr) {
        return switch (descr.charAt(0)) {
            case '<' -> ByteOrder.LITTLE_ENDIAN;
            case '>' -> ByteOrder.BIG_ENDIAN;
            default -> ByteOrder.nativeOrder();
        };
    }
}
