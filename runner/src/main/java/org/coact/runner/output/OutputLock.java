package org.coact.runner.output;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.SecureRandom;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.coact.api.CoactException;

/**
 * The lock that keeps two runs out of one {@code --out} directory: an exclusive
 * {@link FileChannel#tryLock()} on {@code --out/.coact.lock}, held from before the analysis
 * until the run's files are in place, with the holder's pid written into the file so that a
 * refused run can name it. The operating system drops the lock when the holder ends, however it
 * ends, so a lock is never stale: a file left by a killed run (SIGKILL) is simply locked by the
 * next run. The holder deletes the file when it is done (and on SIGINT/SIGTERM), so a finished
 * run leaves nothing but its outputs.
 *
 * <p>Deleting a lock file lets a run that opened the file just before lock it after the holder
 * has gone, while a third run creates and locks a new file of that name. So after locking, a run
 * checks that the path still names the file it locked: it pads its pid line to a random length
 * and compares the size of its file with the size at the path (a stat, not an open: within one
 * process, closing any channel on a file would drop the lock), and starts again if they differ.
 * Within one JVM, where file locks are per process, a registry of locked directories refuses a
 * second holder before any channel is opened.
 */
final class OutputLock implements AutoCloseable {

    /** The lock file's name inside the output directory. */
    static final String NAME = ".coact.lock";

    private static final Set<Path> HELD = ConcurrentHashMap.newKeySet();
    private static final Pattern PID = Pattern.compile("pid=(\\d+)");
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final int ATTEMPTS = 16;

    private final Path key;
    private final Path file;
    private final FileChannel channel;
    private final FileLock lock;
    private boolean released;

    private OutputLock(Path key, Path file, FileChannel channel, FileLock lock) {
        this.key = key;
        this.file = file;
        this.channel = channel;
        this.lock = lock;
    }

    /**
     * Takes the lock of an output directory, or refuses at once.
     *
     * @param dir the output directory, absolute and existing
     * @return the held lock; {@link #close()} releases it and deletes the file
     * @throws CoactException (exit code 1) naming the directory and the other run's pid when
     *     another run holds it, or the reason when the lock file cannot be written
     */
    static OutputLock acquire(Path dir) throws CoactException {
        Path key;
        try {
            key = dir.toRealPath();
        } catch (IOException e) {
            key = dir;
        }
        if (!HELD.add(key)) {
            throw inUse(dir, Long.toString(ProcessHandle.current().pid()));
        }
        Path file = dir.resolve(NAME);
        try {
            for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
                OutputLock held = tryOnce(dir, key, file);
                if (held != null) {
                    return held;
                }
            }
            throw new CoactException("cannot lock output directory " + dir + ": its lock file " + file
                    + " keeps being replaced; pass another --out");
        } catch (CoactException e) {
            HELD.remove(key);
            throw e;
        }
    }

    /** @return the lock, or null when the file locked was deleted meanwhile (try again) */
    private static OutputLock tryOnce(Path dir, Path key, Path file) throws CoactException {
        FileChannel channel = null;
        try {
            channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
            FileLock lock = channel.tryLock();
            if (lock == null) {
                throw inUse(dir, holder(channel));
            }
            byte[] line = ("pid=" + ProcessHandle.current().pid() + "\n").getBytes(StandardCharsets.UTF_8);
            ByteBuffer content = ByteBuffer.allocate(line.length + 64 + RANDOM.nextInt(4096));
            content.put(line);
            while (content.hasRemaining()) {
                content.put((byte) ' ');
            }
            channel.truncate(0);
            channel.write(content.flip(), 0);
            if (Files.exists(file, LinkOption.NOFOLLOW_LINKS) && Files.size(file) == channel.size()) {
                return new OutputLock(key, file, channel, lock);
            }
            lock.release(); // the holder before deleted the file this run had opened
            channel.close();
            return null;
        } catch (IOException e) {
            close(channel);
            throw new CoactException("cannot lock output directory " + dir + ": " + IoErrors.reason(e, file)
                    + " (" + file + "); pass a writable directory to --out", e);
        } catch (CoactException e) {
            close(channel);
            throw e;
        }
    }

    private static CoactException inUse(Path dir, String pid) {
        return new CoactException("output directory " + dir + " is in use by another coact run (pid " + pid
                + "); wait for it to finish or pass another --out");
    }

    /** @return the pid the holder wrote into the lock file, or "unknown" */
    private static String holder(FileChannel channel) throws IOException {
        ByteBuffer buf = ByteBuffer.allocate(64);
        channel.read(buf, 0);
        Matcher m = PID.matcher(new String(buf.array(), 0, buf.position(), StandardCharsets.UTF_8));
        return m.find() ? m.group(1) : "unknown";
    }

    /** Deletes the lock file (if it is still this lock's) and releases the lock; idempotent. */
    @Override
    public synchronized void close() {
        if (released) {
            return;
        }
        released = true;
        try {
            if (Files.exists(file, LinkOption.NOFOLLOW_LINKS) && Files.size(file) == channel.size()) {
                Files.delete(file); // while still locked: a run waiting on this file then sees it gone
            }
            lock.release();
        } catch (IOException e) {
            // closing the channel below releases the lock all the same; a file left is locked by the next run
        } finally {
            close(channel);
            HELD.remove(key);
        }
    }

    private static void close(FileChannel channel) {
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException e) {
                // nothing left to do: the lock goes with the channel
            }
        }
    }
}
