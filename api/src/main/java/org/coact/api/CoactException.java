package org.coact.api;

/**
 * Base of Coact's checked exceptions. The message is meant for the user: one line that
 * names the culprit (file, key, layer) and, where possible, what to do about it. Engine
 * exceptions travel as the cause.
 */
public class CoactException extends Exception {
    private static final long serialVersionUID = 1L;

    /** @param message one line naming the culprit */
    public CoactException(String message) {
        super(message);
    }

    /**
     * @param message one line naming the culprit
     * @param cause the engine or I/O exception behind it
     */
    public CoactException(String message, Throwable cause) {
        super(message, cause);
    }
}
