package org.coact.runner.plugin;

/**
 * A plugin's extension failed where it had no checked exception to report it with (while
 * recognising a file, describing or closing a model): an unchecked exception whose one-line
 * message names the extension, its plugin and that plugin's version. The command line reports
 * it as the plugin's error, with {@link #kind()}'s exit code, never as an internal error.
 */
public final class PluginFailure extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** What the failing extension is. */
    public enum Kind {
        /** A model format: a model error. */
        FORMAT,
        /** A community algorithm: a configuration error (the algorithm is the user's choice). */
        ALGORITHM
    }

    private final Kind kind;

    /**
     * @param kind the extension's kind
     * @param message one line naming the extension, the plugin and its version
     * @param cause what the extension threw
     */
    public PluginFailure(Kind kind, String message, Throwable cause) {
        super(message, cause);
        this.kind = java.util.Objects.requireNonNull(kind, "kind");
    }

    /** @return the failing extension's kind */
    public Kind kind() {
        return kind;
    }
}
