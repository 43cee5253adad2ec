package org.coact.runner.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.coact.api.DataException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NpzArchiveTest {

    @Test
    void listsArraysInArchiveOrderWithTheirHeaders() throws Exception {
        try (NpzArchive npz = NpzArchive.open(Fixtures.npy("multi.npz"))) {
            assertEquals(List.of("a", "b", "y"), npz.arrays());
            assertArrayEquals(new long[] {4, 3}, npz.header("a").shape());
            assertEquals(NpyDType.INT16, npz.header("b").dtype());
            assertEquals(NpyDType.UINT8, npz.header("y").dtype());
        }
    }

    @Test
    void storedAndDeflatedArchivesReadTheSame() throws Exception {
        for (String f : List.of("digits.npz", "digits_compressed.npz")) {
            try (NpzArchive npz = NpzArchive.open(Fixtures.npy(f)); NpyReader x = npz.reader("x", 1f);
                    NpyReader y = npz.reader("y", 1f)) {
                float[] values = x.readFloats(5);
                assertEquals(20, values.length, f);
                for (int i = 0; i < 20; i++) {
                    assertEquals(Math.min(255, i * 13 + 8), values[i], f);
                }
                assertArrayEquals(new long[] {3, 1, 4, 1, 5}, y.readLongs(5), f);
            }
        }
    }

    @Test
    void twoArraysAdvanceInLockstepThroughSeparateStreams() throws Exception {
        try (NpzArchive npz = NpzArchive.open(Fixtures.npy("multi.npz")); NpyReader a = npz.reader("a", 1f);
                NpyReader b = npz.reader("b", 1f)) {
            assertArrayEquals(new float[] {0, 1, 2}, a.readFloats(1));
            assertArrayEquals(new float[] {-1, 1, -2, 2}, b.readFloats(2));
            assertArrayEquals(new float[] {3, 4, 5, 6, 7, 8}, a.readFloats(2));
            assertArrayEquals(new float[] {-3, 3, -4, 4}, b.readFloats(5));
            assertArrayEquals(new float[] {9, 10, 11}, a.readFloats(5));
        }
    }

    @Test
    void unknownArrayIsNamedWithTheArraysPresent() throws Exception {
        try (NpzArchive npz = NpzArchive.open(Fixtures.npy("multi.npz"))) {
            DataException e = assertThrows(DataException.class, () -> npz.reader("c", 1f));
            assertEquals(Fixtures.npy("multi.npz") + " has no array 'c'; arrays present: [a, b, y]", e.getMessage());
        }
    }

    @Test
    void aNonZipIsRefused() {
        DataException e = assertThrows(DataException.class, () -> NpzArchive.open(Fixtures.npy("f4.npy")));
        assertTrue(e.getMessage().startsWith(Fixtures.npy("f4.npy") + " is not a readable .npz (zip) archive"),
                e.getMessage());
    }

    @Test
    void aTruncatedEntryIsCaughtAtOpenFromItsZipSize(@TempDir Path dir) throws IOException {
        byte[] full = Files.readAllBytes(Fixtures.npy("truncated.npy"));
        Path zip = dir.resolve("cut.npz");
        try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(zip))) {
            out.putNextEntry(new ZipEntry("x.npy"));
            out.write(full);
            out.closeEntry();
            out.putNextEntry(new ZipEntry("README.txt")); // ignored: not an .npy
            out.write("hi".getBytes());
        }
        DataException e = assertThrows(DataException.class, () -> NpzArchive.open(zip));
        assertEquals("array 'x' in " + zip + " is truncated: shape [10, 4] float32 needs 288 bytes "
                + "(128 of header) but it has 281", e.getMessage());
    }

    @Test
    void aBadDtypeInsideAnArchiveNamesArrayFileAndDtype() {
        DataException e = assertThrows(DataException.class, () -> NpzArchive.open(Fixtures.npy("badtype.npz")));
        assertTrue(e.getMessage().startsWith("array 'names' in " + Fixtures.npy("badtype.npz")
                + " has dtype '<U1', which Coact cannot read"), e.getMessage());
    }
}
