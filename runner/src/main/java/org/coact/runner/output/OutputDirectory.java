package org.coact.runner.output;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.coact.api.CoactException;

/**
 * An output directory held by one run: checked and locked before any work, so that a long run
 * cannot fail at the end because of it and two runs never write into it at once
 * ({@link OutputLock}); cleaned of what dead runs left behind ({@link StagingDirs}); written
 * through {@link OutputSet} transactions. Close it when the run is over. Until then a shutdown
 * hook (SIGINT, SIGTERM) undoes the set being written and removes the lock file.
 */
public final class OutputDirectory implements AutoCloseable {

    private final Path dir;
    private final OutputLock lock;
    private final OutputSet.Streams streams;
    private final Thread hook = new Thread(this::interrupted, "coact-output-cleanup");
    private OutputSet current;
    private boolean stopping;

    private OutputDirectory(Path dir, OutputLock lock, OutputSet.Streams streams) {
        this.dir = dir;
        this.lock = lock;
        this.streams = streams;
    }

    /**
     * Creates the directory if needed, checks that it can be written, takes its lock and
     * removes the leftovers of dead runs.
     *
     * @param dir the output directory
     * @return the held directory
     * @throws CoactException (exit code 1) naming the directory and the reason when it is a
     *     file, cannot be created or written, or another run holds it (naming that run's pid)
     */
    public static OutputDirectory open(Path dir) throws CoactException {
        return open(dir, OutputSet.Streams.PLAIN);
    }

    /** {@link #open(Path)} with a stream wrapper, for tests that make the disk fail. */
    static OutputDirectory open(Path dir, OutputSet.Streams streams) throws CoactException {
        Path abs = prepare(dir);
        OutputLock lock = OutputLock.acquire(abs);
        OutputDirectory out = new OutputDirectory(abs, lock, streams);
        try {
            Runtime.getRuntime().addShutdownHook(out.hook);
            StagingDirs.cleanStale(abs, known());
        } catch (IllegalStateException e) {
            lock.close();
            throw new CoactException("interrupted before writing into " + abs + "; nothing was written", e);
        } catch (CoactException e) {
            out.close();
            throw e;
        }
        return out;
    }

    /** @return the directory, absolute */
    public Path path() {
        return dir;
    }

    /**
     * Starts writing a set of files; the files of Coact's other sets are removed when it is
     * moved into place (see {@link OutputSet}).
     *
     * @param files the set, e.g. {@link OutputFiles#ANALYZE}
     * @return the transaction
     * @throws CoactException if the staging directory cannot be made
     */
    public synchronized OutputSet begin(List<OutputFiles.OutputFile> files) throws CoactException {
        if (stopping) {
            throw new CoactException("interrupted before writing into " + dir + "; it keeps its previous files");
        }
        List<String> names = files.stream().map(OutputFiles.OutputFile::name).toList();
        List<String> others = new ArrayList<>(known());
        others.removeAll(names);
        current = OutputSet.begin(dir, names, others, streams);
        return current;
    }

    /** Releases the directory's lock and deletes the lock file. */
    @Override
    public void close() {
        lock.close();
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException e) {
            // shutting down: the hook runs and finds nothing left to do
        }
    }

    /** The shutdown hook: the set being written is undone (or its move finished), the lock file goes. */
    private void interrupted() {
        OutputSet set;
        synchronized (this) {
            stopping = true;
            set = current;
        }
        if (set != null) {
            set.interrupted();
        }
        lock.close();
    }

    private static List<String> known() {
        List<String> all = new ArrayList<>();
        for (List<OutputFiles.OutputFile> set : List.of(OutputFiles.ANALYZE, OutputFiles.EVOLVE)) {
            set.forEach(f -> {
                if (!all.contains(f.name())) {
                    all.add(f.name());
                }
            });
        }
        return all;
    }

    /**
     * Creates the directory if needed and checks that it can be written.
     *
     * @param dir the output directory
     * @return it, absolute
     * @throws CoactException naming the directory and the operating system's reason when it is
     *     a file, cannot be created, or is not writable
     */
    private static Path prepare(Path dir) throws CoactException {
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
