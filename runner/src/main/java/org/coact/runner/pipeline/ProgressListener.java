package org.coact.runner.pipeline;

/** Receives progress of long work (extraction); the CLI shows it as a progress bar on stderr. */
public interface ProgressListener {

    /** Ignores everything. */
    ProgressListener NONE = new ProgressListener() {
        @Override
        public void start(String task, long total) {
        }

        @Override
        public void advance(long done) {
        }

        @Override
        public void finish() {
        }
    };

    /**
     * @param task what is being done
     * @param total units of work (samples)
     */
    void start(String task, long total);

    /**
     * A task counted in other units than samples (null-model draws, edge removals).
     *
     * @param task what is being done
     * @param total units of work
     * @param unit their name, plural ("draws")
     */
    default void start(String task, long total, String unit) {
        start(task, total);
    }

    /** @param done units completed since the last call */
    void advance(long done);

    /** The task ended (successfully or not). */
    void finish();
}
