package org.coact.runner.plugin;

import org.coact.analysis.Origin;
import org.coact.api.CoactException;
import org.coact.api.ConfigException;
import org.coact.api.ModelException;

/**
 * Turns whatever a plugin's extension throws (a {@link RuntimeException}, a
 * {@link StackOverflowError}, an {@link OutOfMemoryError}, an
 * {@link ExceptionInInitializerError}, a {@link LinkageError}) into Coact's own error naming the
 * extension, the plugin and its version: a {@link ModelException} (exit 3) for a format, a
 * {@link ConfigException} (exit 2) for an algorithm, or a {@link PluginFailure} of the same kind
 * where the call declares no checked exception.
 *
 * @param kind the extension's kind
 * @param id the extension's id
 * @param origin its plugin
 */
record Guard(PluginFailure.Kind kind, String id, Origin origin) {

    /**
     * @param call the method that failed, e.g. {@code open}
     * @param t what it threw
     * @return the message
     */
    String message(String call, Throwable t) {
        return (kind == PluginFailure.Kind.FORMAT ? "model format '" : "community algorithm '") + id + "' of plugin "
                + origin.id() + " " + origin.version() + " failed in " + call + ": " + describe(t)
                + "; this is a bug in the plugin: report it to its provider, or remove the plugin "
                + "(COACT_DEBUG=1 shows the stack trace)";
    }

    /** @return the unchecked failure of a call that declares no checked exception */
    PluginFailure unchecked(String call, Throwable t) {
        return new PluginFailure(kind, message(call, t), t);
    }

    /** @return the checked failure of a call that declares {@link CoactException} */
    CoactException checked(String call, Throwable t) {
        String m = message(call, t);
        return kind == PluginFailure.Kind.FORMAT ? new ModelException(m, t) : new ConfigException(m, t);
    }

    /**
     * @param t a throwable
     * @return its simple class name and first message line, e.g. {@code IllegalStateException: boom};
     *     an initialiser error shows its cause
     */
    static String describe(Throwable t) {
        if (t == null) {
            return "an unknown error";
        }
        String s = t.getClass().getSimpleName();
        String m = t.getMessage();
        if (m != null && !m.isBlank()) {
            s += ": " + PluginZip.printable(PluginZip.firstLine(m));
        }
        if (t instanceof ExceptionInInitializerError && t.getCause() != null && t.getCause() != t) {
            s += " from " + describe(t.getCause());
        }
        return s;
    }
}
