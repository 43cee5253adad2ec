package org.coact.api;

/** Signals a model file that is missing, corrupt, of no known format, or that the engine refuses. */
public class ModelException extends CoactException {
    private static final long serialVersionUID = 1L;

    /** @param message one line naming the culprit */
    public ModelException(String message) {
        super(message);
    }

    /**
     * @param message one line naming the culprit
     * @param cause the underlying exception
     */
    public ModelException(String message, Throwable cause) {
        super(message, cause);
    }
}
