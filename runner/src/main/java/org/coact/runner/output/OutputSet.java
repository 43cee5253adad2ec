package org.coact.runner.output;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.coact.api.CoactException;
import org.coact.runner.output.json.Json;

/**
 * One run's files, written as one transaction: every file goes into a staging directory inside
 * the output directory ({@link StagingDirs}) and only when all are complete (flushed and synced
 * to disk) are they moved into place, each by an atomic rename. The directory then holds either
 * the run's full set or, after any failure, none of its new files and the previous set as it was.
 *
 * <p>The move replaces a file of the same name and also removes the files of the
 * <em>other</em> command's set ({@code report.json} when {@code evolve} writes, say), so that a
 * directory never holds the files of two runs; anything else in it is left alone. A move that
 * fails half-way is undone (the files already moved are taken back and the ones they replaced
 * restored); a process killed during the move (SIGKILL) leaves a journal from which the next
 * run finishes it. On SIGINT and SIGTERM the output directory's shutdown hook calls
 * {@link #interrupted()}, which removes the staging directory or, if the move has begun, lets it
 * finish first. Errors name the file in the output directory and the operating system's reason
 * (a full disk, a denied permission).
 *
 * <p>For tests, the system property {@code coact.test.pauseAfterEachFileMillis} makes the
 * writer sleep after each file, so that a run can be interrupted while writing.
 */
public final class OutputSet implements AutoCloseable {

    /** Body of one file. */
    @FunctionalInterface
    public interface Body {
        /**
         * @param out the stream to write the whole content to (buffered; the set closes it)
         * @throws IOException on failure
         */
        void writeTo(OutputStream out) throws IOException;
    }

    /** Wraps each file's stream: the place where tests inject a full disk or a denied write. */
    @FunctionalInterface
    interface Streams {
        /** No wrapping. */
        Streams PLAIN = (name, out) -> out;

        /**
         * @param name the file's name in the output directory
         * @param out the file's stream
         * @return the stream to write to
         * @throws IOException as a failing file system would
         */
        OutputStream wrap(String name, OutputStream out) throws IOException;
    }

    private enum State { WRITING, MOVING, DONE, ABORTED }

    private static final SecureRandom RANDOM = new SecureRandom();

    private final Path dir;
    private final Path staging;
    private final List<String> names;
    private final List<String> others;
    private final Streams streams;
    private final Set<String> written = new LinkedHashSet<>();
    private final long pause = Long.getLong("coact.test.pauseAfterEachFileMillis", 0L);
    private State state = State.WRITING;

    private OutputSet(Path dir, Path staging, List<String> names, List<String> others, Streams streams) {
        this.dir = dir;
        this.staging = staging;
        this.names = List.copyOf(names);
        this.others = List.copyOf(others);
        this.streams = streams;
    }

    /**
     * Starts a transaction. Call with the directory's lock held ({@link OutputDirectory}).
     *
     * @param dir the output directory
     * @param names the files this run writes
     * @param others files of Coact's other sets, removed when this one is moved into place
     * @param streams stream wrapper (tests)
     * @return the transaction; write every file, then {@link #commit()}; {@link #close()} undoes
     *     an uncommitted one
     * @throws CoactException naming the directory if the staging directory cannot be made
     */
    static OutputSet begin(Path dir, List<String> names, List<String> others, Streams streams) throws CoactException {
        Path staging = dir.resolve(StagingDirs.PREFIX + ProcessHandle.current().pid() + "-"
                + Long.toUnsignedString(RANDOM.nextLong(), 36));
        try {
            Files.createDirectory(staging);
            Files.writeString(staging.resolve(StagingDirs.OWNER), StagingDirs.ownerLine());
            Files.createDirectory(staging.resolve(StagingDirs.NEW));
            Files.createDirectory(staging.resolve(StagingDirs.OLD));
        } catch (IOException e) {
            StagingDirs.deleteTree(staging);
            throw new CoactException("cannot write into output directory " + dir + ": " + IoErrors.reason(e, staging)
                    + " (" + staging + "); pass a writable directory with free space to --out", e);
        }
        return new OutputSet(dir, staging, names, others, streams);
    }

    /** @return the output directory */
    public Path dir() {
        return dir;
    }

    /**
     * Writes one file of the set into the staging directory.
     *
     * @param name its name in the output directory (one of the set's)
     * @param body writes its content
     * @throws CoactException naming {@code dir/name} and the reason if it cannot be written
     */
    public void write(String name, Body body) throws CoactException {
        if (!names.contains(name) || written.contains(name)) {
            throw new IllegalArgumentException(name + " is not a file of this set still to be written: " + names);
        }
        checkWriting();
        Path file = staging.resolve(StagingDirs.NEW).resolve(name);
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            // buffered: the XML and CSV writers emit a few bytes at a time (unbuffered, writing a
            // 500,000-edge GraphML was 90 s of system calls)
            OutputStream out = new BufferedOutputStream(streams.wrap(name, Channels.newOutputStream(channel)), 1 << 16);
            body.writeTo(out);
            out.flush();
            channel.force(true); // a full disk shows here at the latest, not after the rename
        } catch (IOException e) {
            checkWriting();
            throw new CoactException("cannot write " + dir.resolve(name) + ": " + IoErrors.reason(e, file)
                    + "; " + dir + " keeps its previous files", e);
        }
        written.add(name);
        if (pause > 0) {
            try {
                Thread.sleep(pause);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /**
     * Writes a value as pretty-printed JSON ({@link Json#mapper()}) with a final newline.
     *
     * @param name the file's name
     * @param value a record, map or tree
     * @throws CoactException naming the file if it cannot be written
     */
    public void writeJson(String name, Object value) throws CoactException {
        write(name, out -> {
            Json.mapper().writeValue(out, value);
            out.write('\n');
        });
    }

    /**
     * Writes UTF-8 text (an HTML page, say).
     *
     * @param name the file's name
     * @param text its content
     * @throws CoactException naming the file if it cannot be written
     */
    public void writeText(String name, String text) throws CoactException {
        write(name, out -> out.write(text.getBytes(StandardCharsets.UTF_8)));
    }

    /**
     * Moves every file into place, replacing the previous ones, and removes the other sets'
     * files; on failure undoes the move.
     *
     * @return the files, in the output directory, in the set's order
     * @throws CoactException naming the file that could not be moved, with the reason
     * @throws IllegalStateException if a file of the set was not written
     */
    public List<Path> commit() throws CoactException {
        if (!written.containsAll(names)) {
            throw new IllegalStateException("not every file of the set was written: " + written + " of " + names);
        }
        synchronized (this) {
            checkWriting();
            state = State.MOVING;
            List<String> drops = others.stream().filter(n -> !names.contains(n)
                    && Files.exists(dir.resolve(n), LinkOption.NOFOLLOW_LINKS)).toList();
            Moves moves = new Moves();
            try {
                for (String name : names) {
                    if (Files.isDirectory(dir.resolve(name), LinkOption.NOFOLLOW_LINKS)) {
                        moves.failed = name;
                        throw new IOException("a directory is in the way");
                    }
                }
                journal(drops);
                for (String name : names) {
                    moves.failed = name;
                    moves.put(name);
                }
                for (String name : drops) {
                    moves.failed = name;
                    moves.drop(name);
                }
                Files.delete(staging.resolve(StagingDirs.JOURNAL));
            } catch (IOException e) {
                moves.undo();
                state = State.ABORTED;
                try {
                    // first, so that what is left of the staging directory is never finished by a later run
                    Files.deleteIfExists(staging.resolve(StagingDirs.JOURNAL));
                } catch (IOException ignored) {
                    // the undo stands; the staging directory goes below
                }
                StagingDirs.deleteTree(staging);
                throw new CoactException("cannot write " + dir.resolve(moves.failed) + ": " + IoErrors.reason(e, dir.resolve(moves.failed))
                        + "; " + dir + " keeps its previous files", e);
            }
            state = State.DONE;
        }
        StagingDirs.deleteTree(staging);
        return names.stream().map(dir::resolve).toList();
    }

    /** Undoes an uncommitted set: its staging directory goes, the output directory is as before. */
    @Override
    public void close() {
        synchronized (this) {
            if (state == State.WRITING) {
                state = State.ABORTED;
            }
        }
        if (state != State.MOVING) {
            StagingDirs.deleteTree(staging);
        }
    }

    /** For the shutdown hook: waits for a move under way, else drops the staging directory. */
    void interrupted() {
        synchronized (this) {
            if (state == State.WRITING) {
                state = State.ABORTED;
            }
        }
        StagingDirs.deleteTree(staging);
    }

    private synchronized void checkWriting() throws CoactException {
        if (state != State.WRITING) {
            throw new CoactException("interrupted while writing into " + dir + "; it keeps its previous files");
        }
    }

    private void journal(List<String> drops) throws IOException {
        StringBuilder sb = new StringBuilder();
        names.forEach(n -> sb.append("put ").append(n).append('\n'));
        drops.forEach(n -> sb.append("drop ").append(n).append('\n'));
        Path journal = staging.resolve(StagingDirs.JOURNAL);
        try (FileChannel channel = FileChannel.open(journal, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            channel.write(java.nio.ByteBuffer.wrap(sb.toString().getBytes(StandardCharsets.UTF_8)));
            channel.force(true);
        }
    }

    /** The renames of one commit, in order, so that they can be undone. */
    private final class Moves {
        private final List<String> placed = new ArrayList<>();
        private final List<String> keptAside = new ArrayList<>();
        String failed = "";

        /** The previous file goes aside into {@code old/}, then the new one into place. */
        void put(String name) throws IOException {
            Path target = dir.resolve(name);
            if (Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
                move(target, staging.resolve(StagingDirs.OLD).resolve(name));
                keptAside.add(name);
            }
            move(staging.resolve(StagingDirs.NEW).resolve(name), target);
            placed.add(name);
        }

        void drop(String name) throws IOException {
            move(dir.resolve(name), staging.resolve(StagingDirs.OLD).resolve(name));
            keptAside.add(name);
        }

        /** Best effort, newest first: new files back into staging, previous files back into place. */
        void undo() {
            for (int i = placed.size() - 1; i >= 0; i--) {
                tryMove(dir.resolve(placed.get(i)), staging.resolve(StagingDirs.NEW).resolve(placed.get(i)));
            }
            for (int i = keptAside.size() - 1; i >= 0; i--) {
                tryMove(staging.resolve(StagingDirs.OLD).resolve(keptAside.get(i)), dir.resolve(keptAside.get(i)));
            }
        }

        private void tryMove(Path from, Path to) {
            try {
                move(from, to);
            } catch (IOException e) {
                // nothing better to do; the error that started the undo is reported
            }
        }

        private void move(Path from, Path to) throws IOException {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        }
    }
}
