package org.coact.api.format;

/** Element types a model input or output may declare. */
public enum DType {
    /** 32-bit IEEE float. */
    FLOAT32,
    /** 64-bit IEEE float. */
    FLOAT64,
    /** 16-bit float. */
    FLOAT16,
    /** Signed 64-bit integer. */
    INT64,
    /** Signed 32-bit integer. */
    INT32,
    /** Unsigned byte. */
    UINT8,
    /** Boolean. */
    BOOL,
    /** Anything else (strings, complex numbers...). */
    OTHER
}
