package org.coact.plugin.onnx;

import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtLoggingLevel;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.OrtSession.SessionOptions.OptLevel;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.coact.api.CoactException;
import org.coact.api.ConfigException;
import org.coact.api.format.OpenOptions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Creates ONNX Runtime sessions for one model from in-memory {@link ModelProto}s, with the
 * session options taken from the user's {@link OpenOptions}:
 *
 * <ul>
 *   <li>{@code threads}: intra-op threads, an integer in 1..256; default
 *       {@code min(2, availableProcessors)};
 *   <li>{@code optimization}: {@code none}, {@code basic} (default), {@code extended} or
 *       {@code all}. Values added as graph outputs survive every level: ONNX Runtime does not
 *       fuse away a node whose output is a graph output.
 * </ul>
 */
final class Sessions implements AutoCloseable {

    /** Option keys this plugin reads. */
    static final Set<String> KEYS = Set.of("threads", "optimization");

    private static final Logger LOG = LoggerFactory.getLogger(Sessions.class);

    private final OrtEnvironment env;
    private final Path path;
    private final OrtSession.SessionOptions options;
    private final OrtSession.SessionOptions quiet;

    private Sessions(OrtEnvironment env, Path path, OrtSession.SessionOptions options, OrtSession.SessionOptions quiet) {
        this.env = env;
        this.path = path;
        this.options = options;
        this.quiet = quiet;
    }

    /**
     * @param env the process-wide environment
     * @param path the model file, for messages
     * @param open the user's options
     * @return a session factory
     * @throws CoactException naming a bad option key, or if ONNX Runtime refuses the options
     */
    static Sessions create(OrtEnvironment env, Path path, OpenOptions open) throws CoactException {
        int threads = threads(open);
        OptLevel level = optimization(open);
        OrtSession.SessionOptions options = new OrtSession.SessionOptions();
        OrtSession.SessionOptions quiet = new OrtSession.SessionOptions();
        try {
            for (OrtSession.SessionOptions o : List.of(options, quiet)) {
                o.setIntraOpNumThreads(threads);
                o.setInterOpNumThreads(1);
                // no busy-waiting between ops: ORT's workers spin by default, which doubled the CPU
                // time of a small model's run for no wall-clock gain on a 2-core machine
                o.addConfigEntry("session.intra_op.allow_spinning", "0");
                o.setOptimizationLevel(level);
            }
            options.setSessionLogLevel(logLevel());
            quiet.setSessionLogLevel(OrtLoggingLevel.ORT_LOGGING_LEVEL_FATAL);
        } catch (OrtException e) {
            options.close();
            quiet.close();
            throw new CoactException("cannot configure ONNX Runtime for " + path + ": "
                    + OnnxGraph.firstSentence(e.getMessage()), e);
        }
        LOG.debug("onnx: {} with {} intra-op threads, optimization {}", path, threads, level);
        return new Sessions(env, path, options, quiet);
    }

    /**
     * ONNX Runtime's own log (colour-coded lines on stderr) stays off the user's terminal: only
     * fatal messages, unless {@code COACT_DEBUG=1}, which shows warnings and errors too. Every
     * failure still reaches the user as Coact's one-line message from the exception.
     *
     * @return the log level for the environment and the sessions
     */
    static OrtLoggingLevel logLevel() {
        return "1".equals(System.getenv("COACT_DEBUG")) ? OrtLoggingLevel.ORT_LOGGING_LEVEL_WARNING
                : OrtLoggingLevel.ORT_LOGGING_LEVEL_FATAL;
    }

    /** @return the environment sessions are created in */
    OrtEnvironment env() {
        return env;
    }

    /**
     * Creates a session.
     *
     * @param model the (rewritten) model
     * @return the session
     * @throws OrtException if ONNX Runtime rejects the model
     */
    OrtSession open(ModelProto model) throws OrtException {
        return env.createSession(model.toByteArray(), options);
    }

    /**
     * Checks that ONNX Runtime accepts the model by creating a session and closing it again.
     *
     * @param model the model
     * @throws OrtException if ONNX Runtime rejects it
     */
    void validate(ModelProto model) throws OrtException {
        open(model).close();
    }

    /**
     * Creates a session that does not log its errors, for probes that are expected to fail.
     *
     * @param model the (rewritten) model
     * @return the session
     * @throws OrtException if ONNX Runtime rejects the model
     */
    OrtSession openQuietly(ModelProto model) throws OrtException {
        return env.createSession(model.toByteArray(), quiet);
    }

    /**
     * Creates a session, wrapping a refusal in a one-line exception naming the model.
     *
     * @param model the (rewritten) model
     * @param purpose what the session is for, e.g. "extraction"
     * @return the session
     * @throws CoactException if ONNX Runtime rejects the model
     */
    OrtSession openOrFail(ModelProto model, String purpose) throws CoactException {
        try {
            return open(model);
        } catch (OrtException e) {
            throw new CoactException("ONNX Runtime cannot prepare " + path + " for " + purpose + ": "
                    + OnnxGraph.firstSentence(e.getMessage()), e);
        }
    }

    @Override
    public void close() {
        options.close();
        quiet.close();
    }

    /** The most intra-op threads an option may ask for (each costs a stack and the runtime's buffers). */
    static final int MAX_THREADS = 256;

    private static int threads(OpenOptions open) throws ConfigException {
        return open.intInRange("threads", 1, MAX_THREADS).orElse(Math.min(2, Runtime.getRuntime().availableProcessors()));
    }

    private static OptLevel optimization(OpenOptions open) throws ConfigException {
        String v = open.get("optimization").orElse("basic");
        return switch (v.strip().toLowerCase(Locale.ROOT)) {
            case "none" -> OptLevel.NO_OPT;
            case "basic" -> OptLevel.BASIC_OPT;
            case "extended" -> OptLevel.EXTENDED_OPT;
            case "all" -> OptLevel.ALL_OPT;
            default -> throw new ConfigException("option 'optimization' must be one of none, basic, extended, all; got '"
                    + v + "'");
        };
    }
}
