package org.coact.spark;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.apache.hadoop.fs.FileStatus;
import org.coact.api.CoactException;
import org.coact.api.DataException;
import org.coact.api.ModelException;

/**
 * Files of Hadoop file systems copied to this machine, once per JVM, into one temporary
 * directory removed at exit: models (native engines open local files; a SavedModel is a
 * directory), and .npz archives (whose zip directory is at their end, and whose deflated members
 * cannot be sought, so the runner reads them from a local file). A model is known by its URI and
 * the SHA-256 the driver computed: an executor fetches it once and refuses a copy with other
 * bytes; an .npz by its URI, length and modification time.
 */
final class LocalCopies {

    private static final ConcurrentHashMap<String, Path> COPIES = new ConcurrentHashMap<>();
    private static final AtomicLong NEXT = new AtomicLong();
    private static Path root;

    private LocalCopies() {
    }

    /** Carries a checked failure out of {@code computeIfAbsent}. */
    private static final class CopyFailure extends RuntimeException {
        private static final long serialVersionUID = 1L;

        CopyFailure(CoactException cause) {
            super(cause);
        }
    }

    /** A model fetched by the driver: its copy here and the copy's SHA-256. */
    record Model(Path local, String sha256) {
    }

    /**
     * The driver's copy of a model: fetched afresh (the file may have changed since an earlier
     * command of this JVM), hashed, and kept for the tasks of this JVM ({@code local[N]}).
     *
     * @param files the file systems
     * @param uri the model file or directory
     * @return the copy and its SHA-256
     * @throws CoactException naming the URI if it is missing or cannot be read
     */
    static Model model(HadoopFiles files, String uri) throws CoactException {
        Path copy = fetch(files, uri);
        String sha = ExecutorState.FINGERPRINTS.sha256(copy);
        Path kept = COPIES.putIfAbsent(modelKey(uri, sha), copy);
        if (kept != null) {
            delete(copy.getParent());
            return new Model(kept, sha);
        }
        return new Model(copy, sha);
    }

    /**
     * An executor's copy of the model the driver hashed: fetched by the first task of this JVM
     * that needs it (later and concurrent tasks wait and reuse it), refused if its bytes are not
     * the driver's.
     *
     * @param files the file systems
     * @param uri the model file or directory
     * @param sha256 the SHA-256 the driver computed
     * @return the copy
     * @throws CoactException naming the URI if it is missing, unreadable or other than the driver's
     */
    static Path model(HadoopFiles files, String uri, String sha256) throws CoactException {
        return cached(modelKey(uri, sha256), () -> {
            Path copy = fetch(files, uri);
            String sha = ExecutorState.FINGERPRINTS.sha256(copy);
            if (!sha.equals(sha256)) {
                delete(copy.getParent());
                throw new ModelException("model " + uri + " read on executor " + ExecutorState.executor()
                        + " has SHA-256 " + sha + " but the analysis read " + sha256
                        + "; every executor must read the same model file");
            }
            return copy;
        });
    }

    /**
     * @param files the file systems
     * @param status a file's status
     * @return a copy of it on this machine, made once per JVM while its length and modification time stay
     * @throws DataException naming the file if it cannot be copied
     */
    static Path data(HadoopFiles files, FileStatus status) throws DataException {
        String uri = status.getPath().toString();
        try {
            return cached("data\0" + uri + "\0" + status.getLen() + "\0" + status.getModificationTime(), () -> {
                try (InputStream in = files.open(uri)) {
                    Path copy = Files.createDirectories(root().resolve(Long.toString(NEXT.incrementAndGet())))
                            .resolve(status.getPath().getName());
                    Files.copy(in, copy, StandardCopyOption.REPLACE_EXISTING);
                    return copy;
                } catch (IOException e) {
                    throw new DataException("cannot copy " + uri + " to this machine: " + HadoopFiles.why(e), e);
                }
            });
        } catch (DataException e) {
            throw e;
        } catch (CoactException e) {
            throw new DataException(e.getMessage(), e);
        }
    }

    /** Makes a copy. */
    @FunctionalInterface
    private interface Copier {
        Path copy() throws CoactException;
    }

    private static Path cached(String key, Copier copier) throws CoactException {
        try {
            return COPIES.computeIfAbsent(key, k -> {
                try {
                    return copier.copy();
                } catch (CoactException e) {
                    throw new CopyFailure(e);
                }
            });
        } catch (CopyFailure e) {
            throw (CoactException) e.getCause();
        }
    }

    private static String modelKey(String uri, String sha256) {
        return "model\0" + uri + "\0" + sha256;
    }

    /** Copies a model file or directory into a fresh directory of its own. */
    private static Path fetch(HadoopFiles files, String uri) throws CoactException {
        try {
            FileStatus status = files.status(uri);
            if (status == null) {
                throw new ModelException("model file not found: " + uri);
            }
            Path dir = Files.createDirectories(root().resolve(Long.toString(NEXT.incrementAndGet())));
            Path copy = dir.resolve(status.getPath().getName());
            files.fs(uri).copyToLocalFile(false, status.getPath(), new org.apache.hadoop.fs.Path(copy.toUri()), true);
            return copy;
        } catch (IOException e) {
            throw new ModelException("cannot copy model " + uri + " to this machine: " + HadoopFiles.why(e), e);
        }
    }

    private static synchronized Path root() throws IOException {
        if (root == null) {
            Path dir = Files.createTempDirectory("coact-copies-");
            Runtime.getRuntime().addShutdownHook(new Thread(() -> delete(dir), "coact-copies-cleanup"));
            root = dir;
        }
        return root;
    }

    /** Removes a directory tree, best effort (a temporary directory goes with its container anyway). */
    static void delete(Path dir) {
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException | RuntimeException e) {
            // best effort
        }
    }
}
