package org.coact.spark;

import java.io.PrintWriter;
import java.util.function.Consumer;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;

/**
 * The Spark application of one command: the active session if there is one (a test's, a
 * notebook's), else a new one configured by {@code spark-submit} (or {@code -Dspark.*} system
 * properties), stopped when the command ends. A session that was already there is left running.
 */
final class SparkApp implements AutoCloseable {

    private final SparkSession session;
    private final boolean owned;
    private HadoopFiles files;

    private SparkApp(SparkSession session, boolean owned) {
        this.session = session;
        this.owned = owned;
    }

    /**
     * @param name the application name, when a session is created
     * @return the application
     */
    static SparkApp start(String name) {
        scala.Option<SparkSession> active = SparkSession.getActiveSession();
        if (active.isDefined()) {
            return new SparkApp(active.get(), false);
        }
        scala.Option<SparkSession> fallback = SparkSession.getDefaultSession();
        if (fallback.isDefined()) {
            return new SparkApp(fallback.get(), false);
        }
        return new SparkApp(SparkSession.builder().appName(name).getOrCreate(), true);
    }

    /** @return the Java context of the session */
    JavaSparkContext context() {
        return JavaSparkContext.fromSparkContext(session.sparkContext());
    }

    /** @return the session's Hadoop file systems, their configuration broadcast once per command */
    HadoopFiles hadoop() {
        if (files == null) {
            files = HadoopFiles.of(context());
        }
        return files;
    }

    /**
     * @param err standard error
     * @param quiet whether to print nothing
     * @return a sink printing one {@code coact: } line per pass
     */
    static Consumer<String> log(PrintWriter err, boolean quiet) {
        return line -> {
            if (!quiet) {
                err.println("coact: " + line);
                err.flush();
            }
        };
    }

    /** Stops the session if this command started it. */
    @Override
    public void close() {
        if (owned) {
            session.stop();
        }
    }
}
