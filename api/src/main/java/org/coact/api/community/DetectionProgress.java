package org.coact.api.community;

/**
 * Receives an algorithm's progress on long work (Girvan-Newman's edge removals, say), for the
 * command line's progress bar. Called from the thread that runs the algorithm.
 */
@FunctionalInterface
public interface DetectionProgress {

    /** Ignores everything. */
    DetectionProgress NONE = (done, total) -> {
    };

    /**
     * @param done steps finished so far
     * @param total steps in all (an upper bound when the algorithm may stop early)
     */
    void update(long done, long total);
}
