package org.coact.spark;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.io.Serializable;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.util.SerializableConfiguration;
import org.coact.runner.data.Hashing;

/**
 * Hadoop's file systems as the driver and every executor reach them: paths with a scheme
 * ({@code hdfs://}, {@code s3a://}, {@code file:}, any {@code fs.<scheme>.impl}) resolved by
 * {@link FileSystem} from the Spark session's Hadoop configuration ({@code spark.hadoop.*} keys,
 * the driver's {@code core-site.xml}), which travels to executors as one broadcast. Serializable:
 * sources and tasks carry it.
 */
final class HadoopFiles implements Serializable {

    private static final long serialVersionUID = 1L;
    /** A scheme of two or more characters: {@code C:\x} stays a path. */
    private static final Pattern SCHEME = Pattern.compile("^[A-Za-z][A-Za-z0-9+.-]+:.*");
    /** SHA-256 of files already hashed in this JVM, by URI, length and modification time. */
    private static final Map<String, String> HASHES = new ConcurrentHashMap<>();

    private final Broadcast<SerializableConfiguration> shared;
    private final SerializableConfiguration direct;

    private HadoopFiles(Broadcast<SerializableConfiguration> shared, SerializableConfiguration direct) {
        this.shared = shared;
        this.direct = direct;
    }

    /**
     * @param spark the Spark context
     * @return its Hadoop configuration, broadcast to the executors
     */
    static HadoopFiles of(JavaSparkContext spark) {
        return new HadoopFiles(spark.broadcast(new SerializableConfiguration(spark.hadoopConfiguration())), null);
    }

    /**
     * @param conf a Hadoop configuration, carried along whole (for use without Spark)
     * @return the file systems it configures
     */
    static HadoopFiles of(Configuration conf) {
        return new HadoopFiles(null, new SerializableConfiguration(conf));
    }

    /**
     * @param location a command-line path
     * @return whether it names a Hadoop file system: a URI with a scheme
     */
    static boolean isUri(String location) {
        return location != null && SCHEME.matcher(location).matches();
    }

    /** @return the Hadoop configuration */
    Configuration conf() {
        return shared != null ? shared.value().value() : direct.value();
    }

    /**
     * @param location a URI
     * @return its file system
     * @throws IOException if the scheme has no file system or it cannot start
     */
    FileSystem fs(String location) throws IOException {
        return new Path(location).getFileSystem(conf());
    }

    /**
     * @param location a URI
     * @return its status, or null if there is no such file or directory
     * @throws IOException if it cannot be told
     */
    FileStatus status(String location) throws IOException {
        try {
            return fs(location).getFileStatus(new Path(location));
        } catch (FileNotFoundException e) {
            return null;
        }
    }

    /**
     * @param location a URI
     * @return a stream at its first byte (seekable: skipping seeks)
     * @throws IOException if it cannot be opened
     */
    InputStream open(String location) throws IOException {
        return fs(location).open(new Path(location));
    }

    /**
     * @param status a file's status
     * @return its SHA-256, read once per JVM while its length and modification time stay
     * @throws IOException if it cannot be read
     */
    String sha256(FileStatus status) throws IOException {
        String key = status.getPath() + "\0" + status.getLen() + "\0" + status.getModificationTime();
        String known = HASHES.get(key);
        if (known == null) {
            try (InputStream in = fs(status.getPath().toString()).open(status.getPath())) {
                known = Hashing.sha256(in);
            }
            HASHES.put(key, known);
        }
        return known;
    }

    /** @return a one-line cause for messages: the exception's message, or its type */
    static String why(IOException e) {
        String m = e.getMessage();
        return m == null || m.isBlank() ? e.getClass().getSimpleName() : m.lines().findFirst().orElse(m);
    }
}
