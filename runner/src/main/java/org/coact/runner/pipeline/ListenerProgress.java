package org.coact.runner.pipeline;

import org.coact.analysis.Analyzer;

/**
 * Shows the analyzer's steps on a {@link ProgressListener}: null-model draws (each one graph
 * built and partitioned, plus the baseline as the last step) and the steps of an algorithm that
 * reports them (Girvan-Newman's edge removals).
 */
final class ListenerProgress implements Analyzer.Progress {

    private final ProgressListener listener;
    private String task;
    private long done;

    ListenerProgress(ProgressListener listener) {
        this.listener = listener;
    }

    @Override
    public void update(String newTask, long newDone, long total) {
        if (!newTask.equals(task)) {
            finish();
            task = newTask;
            done = 0;
            listener.start(newTask, total, newTask.startsWith("Null model") ? "draws" : "steps");
        }
        listener.advance(newDone - done);
        done = newDone;
        if (newDone >= total) {
            finish();
        }
    }

    void finish() {
        if (task != null) {
            listener.finish();
            task = null;
        }
    }
}
