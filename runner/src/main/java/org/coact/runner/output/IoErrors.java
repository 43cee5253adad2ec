package org.coact.runner.output;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;

/** The operating system's reason for a failed file operation, in words, for one-line errors. */
public final class IoErrors {

    private IoErrors() {
    }

    /**
     * @param e a failed file operation
     * @return why it failed ("permission denied", "No space left on device", ...), without
     *     repeating the file name the caller already gives
     */
    public static String reason(IOException e) {
        return reason(e, null);
    }

    /**
     * @param e a failed file operation
     * @param target the file the caller names in its message, or null
     * @return why it failed, naming the file involved only when it is not {@code target}
     */
    public static String reason(IOException e, java.nio.file.Path target) {
        String skip = target == null ? null : target.toString();
        if (e instanceof AccessDeniedException) {
            return "permission denied";
        }
        if (e instanceof NoSuchFileException) {
            return "no such file or directory" + other((FileSystemException) e, skip);
        }
        if (e instanceof FileAlreadyExistsException) {
            return "a file of that name is in the way" + other((FileSystemException) e, skip);
        }
        if (e instanceof NotDirectoryException) {
            return "not a directory" + other((FileSystemException) e, skip);
        }
        if (e instanceof DirectoryNotEmptyException) {
            return "a non-empty directory is in the way" + other((FileSystemException) e, skip);
        }
        if (e instanceof FileSystemException fs && fs.getReason() != null) {
            return fs.getReason() + other(fs, skip);
        }
        String m = e.getMessage();
        return m == null || m.isBlank() ? e.getClass().getSimpleName() : m;
    }

    private static String other(FileSystemException e, String skip) {
        return e.getFile() == null || e.getFile().equals(skip) ? "" : " (" + e.getFile() + ")";
    }
}
