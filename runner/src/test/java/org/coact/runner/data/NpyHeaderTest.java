package org.coact.runner.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.coact.api.DataException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class NpyHeaderTest {

    private static NpyHeader read(String fixture) throws IOException, DataException {
        Path p = Fixtures.npy(fixture);
        try (InputStream in = Files.newInputStream(p)) {
            return NpyHeader.read(in, p.toString());
        }
    }

    private static DataException refused(String fixture) {
        return assertThrows(DataException.class, () -> read(fixture));
    }

    @Test
    void version1HeaderGivesDescrShapeAndA64ByteAlignedDataOffset() throws Exception {
        NpyHeader h = read("f4.npy");
        assertEquals("1.0", h.version());
        assertEquals("<f4", h.descr());
        assertEquals(NpyDType.FLOAT32, h.dtype());
        assertEquals(ByteOrder.LITTLE_ENDIAN, h.byteOrder());
        assertArrayEquals(new long[] {2, 3}, h.shape());
        assertArrayEquals(new long[] {3}, h.sampleShape());
        assertEquals(2, h.rows());
        assertEquals(12, h.rowBytes());
        assertEquals(24, h.dataBytes());
        assertEquals(128, h.dataOffset()); // 152-byte file minus 24 data bytes
    }

    @Test
    void versions2And3HaveFourByteHeaderLengths() throws Exception {
        for (String f : List.of("v2.npy", "v3.npy")) {
            NpyHeader h = read(f);
            assertEquals(f.substring(1, 2) + ".0", h.version());
            assertArrayEquals(new long[] {2, 2}, h.shape());
            assertEquals(Files.size(Fixtures.npy(f)) - 16, h.dataOffset());
        }
    }

    @Test
    void bigEndianAndByteOrderFreeDescrs() throws Exception {
        assertEquals(ByteOrder.BIG_ENDIAN, read("be_i8.npy").byteOrder());
        assertEquals(NpyDType.INT64, read("be_i8.npy").dtype());
        assertEquals("|u1", read("u1.npy").descr());
        assertEquals(NpyDType.BOOL, read("b1.npy").dtype());
    }

    @Test
    void fortranOrderIsRefusedWithAHint() {
        DataException e = refused("fortran.npy");
        assertTrue(e.getMessage().contains("fortran.npy is Fortran-ordered; save it with np.ascontiguousarray"),
                e.getMessage());
    }

    @ParameterizedTest
    @CsvSource({"unicode.npy, <U10", "object.npy, |O", "complex.npy, <c8", "f2.npy, <f2"})
    void unsupportedDtypesAreRefusedNamingFileAndDtype(String fixture, String descr) {
        DataException e = refused(fixture);
        assertTrue(e.getMessage().contains(fixture) && e.getMessage().contains("dtype '" + descr + "'"),
                e.getMessage());
        assertTrue(e.getMessage().contains("supported: float32, float64, uint8"), e.getMessage());
    }

    @Test
    void scalarArraysAreRefused() {
        assertTrue(refused("scalar.npy").getMessage().contains("0-d array"));
    }

    @Test
    void aFileWithoutTheMagicIsNoNpy() {
        DataException e = refused("notnpy.npy");
        assertTrue(e.getMessage().contains("notnpy.npy is not an .npy array"), e.getMessage());
    }

    @Test
    void unknownFormatVersionIsRefused() {
        byte[] v4 = Fixtures.rawHeader(2, "{'descr': '<f4', 'fortran_order': False, 'shape': (1,), }");
        v4[6] = 4;
        DataException e = assertThrows(DataException.class,
                () -> NpyHeader.read(new ByteArrayInputStream(v4), "v4.npy"));
        assertEquals("v4.npy has .npy format version 4.0; supported: 1.0, 2.0, 3.0", e.getMessage());
    }

    @Test
    void truncatedHeaderReportsNeededAndPresentBytes() throws Exception {
        byte[] head = Arrays.copyOf(Files.readAllBytes(Fixtures.npy("f4.npy")), 40);
        DataException e = assertThrows(DataException.class,
                () -> NpyHeader.read(new ByteArrayInputStream(head), "cut.npy"));
        assertEquals("cut.npy is truncated: its .npy header needs 118 bytes but only 30 are there", e.getMessage());
    }

    @Test
    void malformedOrIncompleteDictsAreRefused() {
        for (String dict : List.of("{'descr': '<f4', 'shape': (1,)}", "{'descr': '<f4'", "[1, 2]",
                "{'descr': '<f4', 'fortran_order': False, 'shape': (1.5,)}")) {
            DataException e = assertThrows(DataException.class,
                    () -> NpyHeader.read(new ByteArrayInputStream(Fixtures.rawHeader(1, dict)), "odd.npy"));
            assertTrue(e.getMessage().startsWith("odd.npy has a malformed .npy header"), e.getMessage());
        }
    }

    @Test
    void structuredDtypeIsRefusedAsUnsupported() {
        String dict = "{'descr': [('a', '<f4'), ('b', '<i8')], 'fortran_order': False, 'shape': (3,), }";
        DataException e = assertThrows(DataException.class,
                () -> NpyHeader.read(new ByteArrayInputStream(Fixtures.rawHeader(1, dict)), "rec.npy"));
        assertEquals("rec.npy has a structured dtype ([[a, <f4], [b, <i8]]), which Coact cannot read; "
                + "save each field as an array of its own", e.getMessage());
    }

    @Test
    void pyLiteralParsesWhatNumpyWrites() {
        Object v = PyLiteral.parse("{'descr': \"<f4\", 'fortran_order': True, 'shape': (3,), 'x': [], "
                + "'y': (), 'z': None, 'n': -12L, }");
        assertEquals(Map.of("descr", "<f4", "fortran_order", true, "shape", List.of(3L), "x", List.of(),
                "y", List.of(), "n", -12L), withoutNulls((Map<?, ?>) v));
        assertTrue(((Map<?, ?>) v).containsKey("z"));
        assertThrows(IllegalArgumentException.class, () -> PyLiteral.parse("{'a': 1} extra"));
        assertThrows(IllegalArgumentException.class, () -> PyLiteral.parse("{'a': 'unterminated}"));
        assertThrows(IllegalArgumentException.class, () -> PyLiteral.parse("{1: 2}"));
    }

    private static Map<Object, Object> withoutNulls(Map<?, ?> m) {
        Map<Object, Object> copy = new java.util.HashMap<>(m);
        copy.values().removeIf(java.util.Objects::isNull);
        return copy;
    }

    @Test
    void dtypeLookupRejectsByteOrderFreeMultiByteTypes() {
        assertTrue(NpyDType.fromDescr("|f4").isEmpty());
        assertTrue(NpyDType.fromDescr("<u8").isEmpty());
        assertTrue(NpyDType.fromDescr("<U1").isEmpty());
        assertTrue(NpyDType.fromDescr("|B1").isEmpty());
        assertEquals(NpyDType.UINT8, NpyDType.fromDescr("<u1").orElseThrow());
        assertEquals(NpyDType.FLOAT64, NpyDType.fromDescr(">f8").orElseThrow());
    }

    @Test
    void aHeaderNested3000LevelsDeepIsOneDataErrorNotAStackOverflow() {
        String dict = "{'descr': '<f4', 'fortran_order': False, 'shape': " + "(".repeat(3000) + ")".repeat(3000)
                + ", }";
        DataException e = assertThrows(DataException.class,
                () -> NpyHeader.read(new ByteArrayInputStream(Fixtures.rawHeader(2, dict)), "deep.npy"));
        assertTrue(e.getMessage().startsWith("deep.npy has a malformed .npy header (nested deeper than 32 levels at "
                + "offset "), e.getMessage());
        assertTrue(e.getMessage().length() < 400 && !e.getMessage().contains("\n"), e.getMessage());
        assertTrue(e.getMessage().endsWith(" characters)"), "the header is shown shortened: " + e.getMessage());
    }

    @Test
    void nestingUpToTheLimitParses() {
        String nested = "[".repeat(PyLiteral.MAX_DEPTH) + "]".repeat(PyLiteral.MAX_DEPTH);
        assertTrue(PyLiteral.parse(nested) instanceof List<?>);
        assertThrows(IllegalArgumentException.class, () -> PyLiteral.parse("[" + nested + "]"));
    }

    @ParameterizedTest
    @CsvSource(delimiter = ';', quoteCharacter = '"', value = {
        "(-1, 3);shape [-1, 3] with a negative dimension",
        "(4, -9223372036854775808);shape [4, -9223372036854775808] with a negative dimension",
        "(99999999999999999999,);malformed .npy header (bad integer '99999999999999999999'",
        "(4294967296, 4294967296, 4294967296);too large to address"})
    void negativeOrOverflowingDimensionsAreDataErrors(String shape, String expected) {
        String dict = "{'descr': '<f4', 'fortran_order': False, 'shape': " + shape + ", }";
        DataException e = assertThrows(DataException.class,
                () -> NpyHeader.read(new ByteArrayInputStream(Fixtures.rawHeader(1, dict)), "bad.npy"));
        assertTrue(e.getMessage().startsWith("bad.npy ") && e.getMessage().contains(expected), e.getMessage());
    }

    @Test
    void moreThan64DimensionsAreRefused() {
        String dict = "{'descr': '<f4', 'fortran_order': False, 'shape': (" + "1, ".repeat(65) + "), }";
        DataException e = assertThrows(DataException.class,
                () -> NpyHeader.read(new ByteArrayInputStream(Fixtures.rawHeader(1, dict)), "dims.npy"));
        assertEquals("dims.npy has 65 dimensions; at most 64 are accepted", e.getMessage());
    }
}
