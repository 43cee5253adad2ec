package org.coact.spark;

import org.coact.api.CoactException;

/**
 * Turns a failed Spark job into the one-line error a local run gives: a task that failed on the
 * user's input threw a {@link CoactException} (naming the file, layer or value), which Spark
 * keeps as the cause of its job failure; that exception is the error. Anything else (lost
 * executors, a bug) becomes a {@link CoactException} with Spark's first line.
 */
final class SparkFailures {

    private SparkFailures() {
    }

    /**
     * @param stage the pass that failed
     * @param failure what the Spark job threw
     * @return the exception to report
     */
    static CoactException unwrap(String stage, Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof CoactException c) {
                return c;
            }
            if (t.getCause() == t) {
                break;
            }
        }
        String message = String.valueOf(failure.getMessage());
        int nl = message.indexOf('\n');
        return new CoactException("the Spark job of the " + stage + " failed: " + (nl < 0 ? message
                : message.substring(0, nl)), failure);
    }
}
