package org.coact.runner.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HashingTest {

    @Test
    void knownDigestsOfAbcAndOfNothing(@TempDir Path dir) throws Exception {
        // FIPS 180-2 example and the digest of the empty message
        assertEquals("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad",
                Hashing.sha256(Files.writeString(dir.resolve("abc"), "abc")));
        assertEquals("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
                Hashing.sha256(Files.write(dir.resolve("empty"), new byte[0])));
    }

    @Test
    void filesLongerThanOneBlockHashAsAWhole(@TempDir Path dir) throws Exception {
        byte[] bytes = new byte[200_003];
        for (int i = 0; i < bytes.length; i++) {
            bytes[i] = (byte) (i * 31);
        }
        String expected = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        assertEquals(expected, Hashing.sha256(Files.write(dir.resolve("f"), bytes)));
    }

    @Test
    void aMissingFileIsNamed(@TempDir Path dir) {
        Path missing = dir.resolve("nope.onnx");
        NoSuchFileException e = assertThrows(NoSuchFileException.class, () -> Hashing.sha256(missing));
        assertEquals(missing.toString(), e.getFile());
    }
}
