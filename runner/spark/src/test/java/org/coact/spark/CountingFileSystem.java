package org.coact.spark;

import java.io.IOException;
import java.net.URI;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.hadoop.fs.FSDataInputStream;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RawLocalFileSystem;

/**
 * A Hadoop file system of its own scheme, {@code coacttest:}, over this machine's files
 * ({@code coacttest:/tmp/x} is {@code /tmp/x}), registered with {@code spark.hadoop.fs.coacttest.impl}:
 * a file system that is not {@code java.io}'s, so that a read of one of its paths can only have
 * gone through Hadoop's API, and every {@link #open} is recorded to prove it.
 */
public final class CountingFileSystem extends RawLocalFileSystem {

    /** The scheme. */
    static final String SCHEME = "coacttest";
    private static final List<String> OPENED = new CopyOnWriteArrayList<>();

    /** @return the paths opened so far in this JVM, in order */
    static List<String> opened() {
        return List.copyOf(OPENED);
    }

    /**
     * @param path a path of this machine
     * @return it as a URI of this file system
     */
    static String uri(java.nio.file.Path path) {
        return SCHEME + ":" + path.toAbsolutePath().normalize();
    }

    /**
     * @param path a path of this machine
     * @return how often it (or a file below it) was opened through this file system
     */
    static long opens(java.nio.file.Path path) {
        String prefix = uri(path);
        return OPENED.stream().filter(p -> p.startsWith(prefix)).count();
    }

    @Override
    public URI getUri() {
        return URI.create(SCHEME + ":///");
    }

    @Override
    public String getScheme() {
        return SCHEME;
    }

    @Override
    public FSDataInputStream open(Path f, int bufferSize) throws IOException {
        FSDataInputStream in = super.open(f, bufferSize);
        OPENED.add(makeQualified(f).toString());
        return in;
    }
}
