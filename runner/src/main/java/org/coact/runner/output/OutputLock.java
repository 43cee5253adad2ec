package org.coact.runner.output;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
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
 * ends (SIGKILL included), so a lock is never stale; the file itself stays in the directory,
 * empty when no run holds it (deleting a lock file that another run may have open would let two
 * runs each lock a file of that name).
 *
 * <p>Within one JVM, where file locks are per process, a registry of locked directories does
 * the job (and keeps a second channel from being opened on the file: closing it would drop the
 * holder's lock).
 */
final class OutputLock implements AutoCloseable {

    /** The lock file's name inside the output directory. */
    static final String NAME = ".coact.lock";

    private static final Set<Path> HELD = ConcurrentHashMap.newKeySet();
    private static final Pattern PID = Pattern.compile("pid=(\\d+)");

    private final Path dir;
    private final FileChannel channel;
    private final FileLock lock;
    private boolean released;

    private OutputLock(Path dir, FileChannel channel, FileLock lock) {
        this.dir = dir;
        this.channel = channel;
        this.lock = lock;
    }

    /**
     * Takes the lock of an output directory, or refuses at once.
     *
     * @param dir the output directory, absolute and existing
     * @return the held lock; {@link #close()} releases it
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
        FileChannel channel = null;
        try {
            channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ,
                    StandardOpenOption.WRITE);
            FileLock lock = channel.tryLock();
            if (lock == null) {
                throw inUse(dir, holder(channel));
            }
            channel.truncate(0);
            channel.write(ByteBuffer.wrap(("pid=" + ProcessHandle.current().pid() + "\n").getBytes(StandardCharsets.UTF_8)),
                    0);
            return new OutputLock(key, channel, lock);
        } catch (IOException e) {
            close(channel);
            HELD.remove(key);
            throw new CoactException("cannot lock output directory " + dir + ": " + IoErrors.reason(e, file)
                    + " (" + file + "); pass a writable directory to --out", e);
        } catch (CoactException e) {
            close(channel);
            HELD.remove(key);
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

    /** @return the directory this lock guards */
    Path dir() {
        return dir;
    }

    /** Empties the lock file and releases the lock; idempotent. */
    @Override
    public synchronized void close() {
        if (released) {
            return;
        }
        released = true;
        try {
            channel.truncate(0);
            lock.release();
        } catch (IOException e) {
            // closing the channel below releases the lock all the same
        } finally {
            close(channel);
            HELD.remove(dir);
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
