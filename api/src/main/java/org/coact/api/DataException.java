package org.coact.api;

/** Signals a dataset that cannot be read or does not fit the model (shape, dtype, labels, empty). */
public class DataException extends CoactException {
    private static final long serialVersionUID = 1L;

    /** @param message one line naming the culprit */
    public DataException(String message) {
        super(message);
    }

    /**
     * @param message one line naming the culprit
     * @param cause the underlying exception
     */
    public DataException(String message, Throwable cause) {
        super(message, cause);
    }
}
