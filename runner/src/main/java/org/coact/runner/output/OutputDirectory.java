package org.coact.runner.output;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.coact.api.CoactException;

/** Checks the {@code --out} directory before any work, so a long run cannot fail at the end. */
public final class OutputDirectory {

    private OutputDirectory() {
    }

    /**
     * Creates the directory if needed and checks that it can be written.
     *
     * @param dir the output directory
     * @return it, absolute
     * @throws CoactException (exit code 1) naming the directory and the operating system's reason
     *     when it is a file, cannot be created, or is not writable
     */
    public static Path prepare(Path dir) throws CoactException {
        Path abs = dir.toAbsolutePath().normalize();
        if (Files.exists(abs) && !Files.isDirectory(abs)) {
            throw new CoactException("output directory " + abs + " is a file; pass a directory to --out");
        }
        try {
            Files.createDirectories(abs);
        } catch (IOException e) {
            throw new CoactException("cannot create output directory " + abs + ": " + IoErrors.reason(e, abs)
                    + "; pass a writable directory to --out", e);
        }
        if (!Files.isWritable(abs)) {
            throw new CoactException("output directory " + abs + " is not writable: permission denied; pass a "
                    + "writable directory to --out");
        }
        return abs;
    }
}
