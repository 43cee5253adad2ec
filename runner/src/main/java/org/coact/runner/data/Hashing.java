package org.coact.runner.data;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** Content hashes for provenance records (model and data files). */
public final class Hashing {
    private Hashing() {
    }

    /**
     * The SHA-256 of a file, streamed in 64 KiB blocks (constant memory, linear time).
     *
     * @param file a readable file
     * @return 64 lower-case hex digits
     * @throws IOException if the file cannot be read (the exception names it)
     */
    public static String sha256(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return sha256(in);
        }
    }

    /**
     * The SHA-256 of a stream's bytes, read to its end in 64 KiB blocks.
     *
     * @param in a stream; the caller closes it
     * @return 64 lower-case hex digits
     * @throws IOException if the stream cannot be read
     */
    public static String sha256(InputStream in) throws IOException {
        MessageDigest md;
        try {
            md = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
        byte[] buf = new byte[1 << 16];
        for (int n; (n = in.read(buf)) > 0;) {
            md.update(buf, 0, n);
        }
        return HexFormat.of().formatHex(md.digest());
    }
}
