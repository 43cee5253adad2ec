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

    /** Flips one byte of a member's data where the archive stores it (a stored member: its .npy bytes). */
    static Path corrupt(Path npz, Path copy, String member, int offsetInMember) throws IOException {
        byte[] b = Files.readAllBytes(npz);
        java.nio.ByteBuffer buf = java.nio.ByteBuffer.wrap(b).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        byte[] name = member.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        for (int i = 0; i + 30 < b.length; i++) {
            int nameLength = buf.getShort(i + 26) & 0xffff;
            if (buf.getInt(i) == 0x04034b50 && nameLength == name.length
                    && java.util.Arrays.equals(b, i + 30, i + 30 + name.length, name, 0, name.length)) {
                int data = i + 30 + nameLength + (buf.getShort(i + 28) & 0xffff);
                b[data + offsetInMember] ^= 0x01;
                return Files.write(copy, b);
            }
        }
        throw new AssertionError("no member " + member + " in " + npz);
    }

    @Test
    void aStoredMemberWithAWrongCrcIsADataErrorNamingArchiveAndMember(@TempDir Path tmp) throws Exception {
        // digits.npz is np.savez's (stored); flip one bit of x's first value and of y's last label
        Path badX = corrupt(Fixtures.npy("digits.npz"), tmp.resolve("bad-x.npz"), "x.npy", 128);
        try (NpzArchive npz = NpzArchive.open(badX); NpyReader x = npz.reader("x", 1f)) {
            DataException e = assertThrows(DataException.class, () -> x.readFloats((int) x.header().rows()));
            assertTrue(e.getMessage().startsWith("member 'x.npy' of " + badX + " fails its CRC-32 check (recorded "),
                    e.getMessage());
        }
        // y.npy is 168 bytes: 128 of header, 5 int64 labels; flip the last label's high byte
        Path badY = corrupt(Fixtures.npy("digits.npz"), tmp.resolve("bad-y.npz"), "y.npy", 167);
        try (NpzArchive npz = NpzArchive.open(badY); NpyReader y = npz.reader("y", 1f)) {
            DataException e = assertThrows(DataException.class, () -> y.readLongs((int) y.header().rows()));
            assertTrue(e.getMessage().contains("member 'y.npy' of " + badY + " fails its CRC-32 check"), e.getMessage());
        }
    }

    @Test
    void anIntactArchiveReadToItsEndAndSkippedThroughPassesTheCheck() throws Exception {
        for (String f : List.of("digits.npz", "digits_compressed.npz")) {
            try (NpzArchive npz = NpzArchive.open(Fixtures.npy(f)); NpyReader x = npz.reader("x", 1f)) {
                x.skipRows(2);
                assertEquals((x.header().rows() - 2) * x.header().sampleElements(),
                        x.readFloats((int) x.header().rows()).length, f);
            }
        }
    }

    @Test
    void aCorruptMemberIsCaughtWhenSkippedThroughToo(@TempDir Path tmp) throws Exception {
        Path bad = corrupt(Fixtures.npy("digits.npz"), tmp.resolve("bad.npz"), "x.npy", 130);
        try (NpzArchive npz = NpzArchive.open(bad); NpyReader x = npz.reader("x", 1f)) {
            x.skipRows(1); // the flipped byte is in the skipped row
            DataException e = assertThrows(DataException.class, () -> x.readFloats((int) x.header().rows()));
            assertTrue(e.getMessage().contains("fails its CRC-32 check"), e.getMessage());
        }
    }
}
