package org.coact.api;

/** Signals a configuration value, option or layer selection that is invalid. */
public class ConfigException extends CoactException {
    private static final long serialVersionUID = 1L;

    /** @param message one line naming the culprit */
    public ConfigException(String message) {
        super(message);
    }

    /**
     * @param message one line naming the culprit
     * @param cause the underlying exception
     */
    public ConfigException(String message, Throwable cause) {
        super(message, cause);
    }
}
