package org.coact.spark;

import java.io.Serializable;

/**
 * Called at the start of every shard task, in the executor, before it sets up: for
 * instrumentation and for tests that make a task fail (a task that throws fails that attempt;
 * Spark retries it up to {@code spark.task.maxFailures} times, and only a successful attempt's
 * result is merged). Must be Serializable: it travels with the task.
 */
@FunctionalInterface
public interface TaskHook extends Serializable {

    /** Does nothing. */
    TaskHook NONE = (stage, partition) -> {
    };

    /**
     * @param stage the pass, e.g. {@code "counting"} or {@code "quantile pass 2"}
     * @param partition the task's partition index
     * @throws Exception to fail this attempt of the task
     */
    void starting(String stage, int partition) throws Exception;
}
