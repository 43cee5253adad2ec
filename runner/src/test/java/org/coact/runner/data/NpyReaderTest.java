package org.coact.runner.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.coact.api.DataException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

class NpyReaderTest {

    private static NpyReader open(String fixture, float scale) throws IOException, DataException {
        Path p = Fixtures.npy(fixture);
        return NpyReader.open(Files.newInputStream(p), p.toString(), scale);
    }

    private static float[] floats(String fixture, float scale) throws Exception {
        try (NpyReader r = open(fixture, scale)) {
            return r.readFloats(Integer.MAX_VALUE / 64);
        }
    }

    private static long[] longs(String fixture) throws Exception {
        try (NpyReader r = open(fixture, 1f)) {
            return r.readLongs(1000);
        }
    }

    static Stream<Arguments> everyDtype() {
        return Stream.of(
                Arguments.of("f4.npy", new float[] {0f, 0.5f, -1.5f, 1e-3f, 3.4e38f, -0f}),
                Arguments.of("f8.npy", new float[] {0.1f, -2.5f, 1f / 3f}),
                Arguments.of("u1.npy", new float[] {0, 1, 128, 255}),
                Arguments.of("i1.npy", new float[] {-128, -1, 0, 127}),
                Arguments.of("i2.npy", new float[] {-32768, -1, 0, 32767}),
                Arguments.of("u2.npy", new float[] {0, 1, 65535}),
                Arguments.of("i4.npy", new float[] {-2147483648f, -1, 0, 2147483647f}),
                Arguments.of("u4.npy", new float[] {0, 1, 4294967295f}),
                Arguments.of("i8.npy", new float[] {-9223372036854775808f, -1, 0, 9223372036854775807f}),
                Arguments.of("b1.npy", new float[] {1, 0, 1}));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("everyDtype")
    void everyDtypeReadsAsFloat32(String fixture, float[] expected) throws Exception {
        assertArrayEquals(expected, floats(fixture, 1f));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"f4", "f8", "i2", "u2", "i4", "u4", "i8"})
    void bigEndianFilesReadLikeTheirLittleEndianTwins(String code) throws Exception {
        assertArrayEquals(floats(code + ".npy", 1f), floats("be_" + code + ".npy", 1f));
        if (!code.startsWith("f")) {
            assertArrayEquals(longs(code + ".npy"), longs("be_" + code + ".npy"));
        }
    }

    @Test
    void uint8TimesOneOver255GivesExactlyOneForWhite() throws Exception {
        float[] v = floats("u1.npy", 1f / 255);
        assertEquals(0f, v[0]);
        assertEquals(1f / 255, v[1]);
        assertEquals(128f / 255, v[2]);
        assertEquals(1.0f, v[3]);
    }

    @Test
    void scaleLeavesFloatsAndBoolsAlone() throws Exception {
        assertArrayEquals(floats("f4.npy", 1f), floats("f4.npy", 1f / 255));
        assertArrayEquals(new float[] {1, 0, 1}, floats("b1.npy", 0.5f));
        assertArrayEquals(new float[] {-64, -0.5f, 0, 63.5f}, floats("i1.npy", 0.5f));
    }

    @Test
    void float64NarrowsToTheNearestFloat32() throws Exception {
        float[] v = floats("f8.npy", 1f);
        assertEquals(0.1f, v[0]);
        assertEquals((float) (1.0 / 3.0), v[2]);
    }

    @Test
    void integerLabelsAreExactEvenAtTheExtremes() throws Exception {
        assertArrayEquals(new long[] {Long.MIN_VALUE, -1, 0, Long.MAX_VALUE}, longs("i8.npy"));
        assertArrayEquals(new long[] {0, 1, 4294967295L}, longs("u4.npy"));
        assertArrayEquals(new long[] {0, 1, 65535}, longs("u2.npy"));
        assertArrayEquals(new long[] {0, 1, 128, 255}, longs("u1.npy"));
        assertArrayEquals(new long[] {-128, -1, 0, 127}, longs("i1.npy"));
        assertArrayEquals(new long[] {1, 0, 1}, longs("b1.npy"));
    }

    @Test
    void floatLabelsAreAcceptedWhenWhole() throws Exception {
        assertArrayEquals(new long[] {0, 1, 2, 1, 0}, longs("labels_float.npy"));
    }

    @Test
    void fractionalFloatLabelsAreRefusedNamingValueAndIndex() {
        DataException e = assertThrows(DataException.class, () -> longs("labels_float_bad.npy"));
        assertTrue(e.getMessage().startsWith("labels in " + Fixtures.npy("labels_float_bad.npy")
                + ": value 1.5 at index 1 is not a whole number"), e.getMessage());
    }

    @Test
    void fractionalLabelIndexCountsEarlierReads() throws Exception {
        try (NpyReader r = open("labels_float_bad.npy", 1f)) {
            assertArrayEquals(new long[] {0}, r.readLongs(1));
            DataException e = assertThrows(DataException.class, () -> r.readLongs(3));
            assertTrue(e.getMessage().contains("value 1.5 at index 1 "), e.getMessage());
        }
    }

    @Test
    void readsSpanManyChunksAndEndWithAPartialBatch(@TempDir Path dir) throws Exception {
        int rows = 100;
        int cols = 300; // 120,000 data bytes: two 64 KiB chunks, rows straddle chunk edges
        float[] values = new float[rows * cols];
        for (int i = 0; i < values.length; i++) {
            values[i] = i * 0.25f;
        }
        Path file = Fixtures.write(dir.resolve("big.npy"), Fixtures.float32Npy(values, rows, cols));
        try (NpyReader r = NpyReader.open(Files.newInputStream(file), file.toString(), 1f)) {
            int row = 0;
            while (r.rowsRemaining() > 0) {
                float[] batch = r.readFloats(7);
                int n = batch.length / cols;
                assertEquals(row + 7 <= rows ? 7 : rows % 7, n);
                for (int i = 0; i < batch.length; i++) {
                    assertEquals((row * cols + i) * 0.25f, batch[i]);
                }
                row += n;
            }
            assertEquals(rows, row);
            assertEquals(0, r.readFloats(7).length);
        }
    }

    @Test
    void truncatedDataReportsExpectedAndActualByteCounts() throws Exception {
        try (NpyReader r = open("truncated.npy", 1f)) {
            assertArrayEquals(new float[] {0, 1, 2, 3, 4, 5, 6, 7}, r.readFloats(2));
            DataException e = assertThrows(DataException.class, () -> r.readFloats(10));
            assertEquals(Fixtures.npy("truncated.npy") + " is truncated: its data should be 160 bytes (shape [10, 4], "
                    + "float32) after a 128-byte header, but only 153 are there", e.getMessage());
        }
    }

    /**
     * Streams a virtual 4 TB array (1e9 × 1000 float32): if the reader loaded or even
     * skimmed the array, this would fail; it must consume only what it returned plus at
     * most one 64 KiB chunk.
     */
    @Test
    void readsOnlyWhatItReturnsFromAnArrayFarLargerThanTheHeap() throws Exception {
        byte[] header = Fixtures.header("<f4", 1_000_000_000L, 1000);
        CountingZeros in = new CountingZeros(header);
        try (NpyReader r = NpyReader.open(in, "virtual.npy", 1f)) {
            for (int i = 0; i < 3; i++) {
                float[] batch = r.readFloats(16);
                assertEquals(16_000, batch.length);
                assertEquals(0f, batch[15_999]);
            }
            long returned = 3 * 16 * 1000 * 4L;
            assertTrue(in.consumed <= header.length + returned + (1 << 16),
                    "read " + in.consumed + " bytes to return " + returned);
            assertEquals(1_000_000_000L - 48, r.rowsRemaining());
        }
    }

    /** A header followed by endless zero bytes, counting what is read. */
    private static final class CountingZeros extends InputStream {
        private final ByteArrayInputStream header;
        long consumed;

        CountingZeros(byte[] header) {
            this.header = new ByteArrayInputStream(header);
        }

        @Override
        public int read() {
            consumed++;
            int b = header.read();
            return b < 0 ? 0 : b;
        }

        @Override
        public int read(byte[] b, int off, int len) {
            int n = header.read(b, off, len);
            if (n < 0) {
                java.util.Arrays.fill(b, off, off + len, (byte) 0);
                n = len;
            }
            consumed += n;
            return n;
        }
    }

    @Test
    void closingTwiceIsHarmlessAndOpenFailureClosesTheStream() throws Exception {
        NpyReader r = open("f4.npy", 1f);
        r.close();
        r.close();
        boolean[] closed = {false};
        InputStream bad = new ByteArrayInputStream(new byte[] {1, 2, 3}) {
            @Override
            public void close() {
                closed[0] = true;
            }
        };
        assertThrows(DataException.class, () -> NpyReader.open(bad, "bad.npy", 1f));
        assertTrue(closed[0]);
    }
}
