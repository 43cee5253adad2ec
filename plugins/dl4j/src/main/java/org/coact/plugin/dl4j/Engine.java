package org.coact.plugin.dl4j;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import org.coact.api.CoactException;
import org.coact.api.ConfigException;
import org.coact.api.format.OpenOptions;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.nativeblas.NativeOpsHolder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs Deeplearning4j/ND4J code inside the plugin: sets the thread context class loader to the
 * plugin's own around every call (ND4J finds its backend with {@code ServiceLoader} on the
 * context class loader and fails with {@code NoAvailableBackendException} under PF4J otherwise),
 * and sets ND4J's thread counts once.
 *
 * <p>Threads: the option {@code threads=N} sets ND4J's op threads (libnd4j master threads and
 * OpenMP) and OpenBLAS threads to N. Without it, an {@code OMP_NUM_THREADS} the user set is left
 * alone; when that is unset too, all are set to 1, which on a 2-core machine makes small forward
 * passes fast and steady (ND4J's default, one thread per core for ops and BLAS at once, made a
 * batch-256 pass vary from 1 to 56 ms; in runner's Dl4jBenchmark {@code threads=2} was no faster
 * for the bundled MLP and 1.4 times slower for the CNN). ND4J's thread counts are process-wide:
 * the last explicit {@code threads} wins.
 */
final class Engine {

    /** Option keys the plugin's formats read. */
    static final Set<String> KEYS = Set.of("threads", "input-shape");
    /** The most threads the option may ask for. */
    static final int MAX_THREADS = 256;

    private static final Logger LOG = LoggerFactory.getLogger(Engine.class);
    private static final int DEFAULT_THREADS = 1;

    private static boolean started;

    private Engine() {
    }

    /** A piece of engine code. */
    @FunctionalInterface
    interface Work<T> extends Callable<T> {
    }

    /**
     * Runs engine code with the plugin's class loader as the context class loader.
     *
     * @param work the code
     * @param <T> its result type
     * @return its result
     * @throws Exception whatever the code throws
     */
    static <T> T call(Work<T> work) throws Exception {
        Thread t = Thread.currentThread();
        ClassLoader old = t.getContextClassLoader();
        t.setContextClassLoader(Engine.class.getClassLoader());
        try {
            return work.call();
        } finally {
            t.setContextClassLoader(old);
        }
    }

    /**
     * Loads ND4J (once) and applies the thread setting of the options.
     *
     * @param options the user's options
     * @param environment the process environment, e.g. {@code System.getenv()}
     * @throws CoactException if ND4J cannot load, or {@code threads} is not a positive integer
     */
    static void start(OpenOptions options, Map<String, String> environment) throws CoactException {
        Integer threads = threads(options);
        synchronized (Engine.class) {
            boolean first = !started;
            if (threads == null && first && environment.get("OMP_NUM_THREADS") == null) {
                threads = DEFAULT_THREADS;
            }
            Integer n = threads;
            try {
                call(() -> {
                    Nd4j.getBackend();
                    if (n != null) {
                        // libnd4j's setMaxThreads is a no-op; master threads bound its op loops
                        Nd4j.getEnvironment().setMaxMasterThreads(n);
                        NativeOpsHolder.getInstance().getDeviceNativeOps().setOmpNumThreads(n);
                        Nd4j.factory().blas().setMaxThreads(n);
                        LOG.debug("dl4j: ND4J set to {} thread(s)", n);
                    }
                    return null;
                });
            } catch (Exception | LinkageError e) {
                throw new CoactException("cannot load Deeplearning4j's ND4J backend: " + firstLine(e), e);
            }
            started = true;
        }
    }

    private static Integer threads(OpenOptions open) throws ConfigException {
        return open.intInRange("threads", 1, MAX_THREADS).orElse(null);
    }

    /**
     * @param e an engine exception
     * @return its message's first line (or its class name), for one-line errors
     */
    static String firstLine(Throwable e) {
        Throwable t = e;
        String m = t.getMessage();
        while ((m == null || m.isBlank()) && t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
            m = t.getMessage();
        }
        if (m == null || m.isBlank()) {
            return t.getClass().getSimpleName();
        }
        String line = m.strip().lines().findFirst().orElse(m).strip();
        return line.length() > 300 ? line.substring(0, 300) + "..." : line;
    }
}
