package org.coact.runner.output;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.SecureRandom;
import org.coact.api.CoactException;
import org.coact.runner.output.json.Json;

/**
 * Writes output files atomically: the content goes to a temporary file in the target
 * directory, which is then renamed over the target. A crash or error leaves either the old
 * file or none, never half of one.
 */
public final class AtomicFiles {

    /** Body of an atomic write. */
    @FunctionalInterface
    public interface Body {
        /**
         * @param out the stream to write the whole content to
         * @throws IOException on failure
         */
        void writeTo(OutputStream out) throws IOException;
    }

    private static final ObjectMapper JSON = Json.mapper();

    private static final SecureRandom RANDOM = new SecureRandom();

    private AtomicFiles() {
    }

    /** @return the mapper used for every JSON output (pretty-printed, deterministic order) */
    public static ObjectMapper json() {
        return JSON;
    }

    /**
     * Writes a value as pretty-printed JSON, atomically.
     *
     * @param target the file to (re)place
     * @param value a record or map
     * @throws CoactException naming the file if it cannot be written
     */
    public static void writeJson(Path target, Object value) throws CoactException {
        write(target, out -> {
            JSON.writeValue(out, value);
            out.write('\n');
        });
    }

    /**
     * Writes UTF-8 text (an HTML page, say), atomically.
     *
     * @param target the file to (re)place
     * @param text its content
     * @throws CoactException naming the file if it cannot be written
     */
    public static void writeText(Path target, String text) throws CoactException {
        write(target, out -> out.write(text.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
    }

    /**
     * Writes a file atomically.
     *
     * @param target the file to (re)place; its directory is created if needed
     * @param body writes the content
     * @throws CoactException naming the file if it cannot be written
     */
    public static void write(Path target, Body body) throws CoactException {
        Path dir = target.toAbsolutePath().getParent();
        Path tmp = null;
        try {
            Files.createDirectories(dir);
            // not Files.createTempFile: that makes the file 0600; this keeps the user's umask
            tmp = dir.resolve("." + target.getFileName() + "." + Long.toUnsignedString(RANDOM.nextLong(), 36) + ".tmp");
            // buffered: the XML and CSV writers emit a few bytes at a time (unbuffered, writing a
            // 500,000-edge GraphML was 90 s of system calls)
            try (OutputStream out = new java.io.BufferedOutputStream(
                    Files.newOutputStream(tmp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE), 1 << 16)) {
                body.writeTo(out);
            }
            try {
                Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
            }
            tmp = null;
        } catch (IOException e) {
            throw new CoactException("cannot write " + target + ": " + IoErrors.reason(e, target), e);
        } finally {
            if (tmp != null) {
                try {
                    Files.deleteIfExists(tmp);
                } catch (IOException ignored) {
                    // best effort: the temporary file is hidden and named after the target
                }
            }
        }
    }
}
