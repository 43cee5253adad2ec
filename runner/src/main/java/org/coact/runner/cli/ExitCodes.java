package org.coact.runner.cli;

import org.coact.api.ConfigException;
import org.coact.api.DataException;
import org.coact.api.ModelException;
import picocli.CommandLine;

/**
 * Exit codes of {@code coact}, documented in the README:
 * 0 success, 1 other error (I/O), 2 usage or configuration error, 3 model error, 4 data error,
 * 70 internal error (a bug: please report it).
 */
public final class ExitCodes implements CommandLine.IExitCodeExceptionMapper {

    /** Success. */
    public static final int OK = 0;
    /** An error that is none of the below, e.g. an output that cannot be written. */
    public static final int OTHER = 1;
    /** Bad command line or configuration (unknown option, key, layer, algorithm). */
    public static final int USAGE = 2;
    /** The model is missing, corrupt, or of no known format. */
    public static final int MODEL = 3;
    /** The dataset is missing, unreadable, or does not fit the model. */
    public static final int DATA = 4;
    /** A bug in Coact or a plugin. */
    public static final int INTERNAL = 70;

    @Override
    public int getExitCode(Throwable t) {
        return of(t);
    }

    /**
     * @param t an exception that ended a command
     * @return its exit code
     */
    public static int of(Throwable t) {
        if (t instanceof ConfigException || t instanceof CommandLine.ParameterException) {
            return USAGE;
        }
        if (t instanceof org.coact.runner.plugin.PluginFailure f) {
            return f.kind() == org.coact.runner.plugin.PluginFailure.Kind.FORMAT ? MODEL : USAGE;
        }
        if (t instanceof ModelException) {
            return MODEL;
        }
        if (t instanceof DataException) {
            return DATA;
        }
        if (t instanceof org.coact.api.CoactException || t instanceof java.io.IOException
                || t instanceof OutOfMemoryError) {
            return OTHER; // out of heap is the run's size against -Xmx, not a bug
        }
        return INTERNAL;
    }
}
