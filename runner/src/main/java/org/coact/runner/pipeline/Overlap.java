package org.coact.runner.pipeline;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import org.coact.api.CoactException;

/**
 * Two stages of a pass on two threads: the caller produces items (reads a batch and runs the
 * model), one worker thread consumes them in the order given (reduces and counts), with at most
 * {@code capacity} items in between, so that the model's next batch overlaps the counting of the
 * last and memory stays bounded. There is one consumer, so the consumer sees the items in
 * order and the result is the same as without overlap. A failure of the consumer reaches the
 * caller at its next {@link #submit} or at {@link #finish}, as it was thrown.
 *
 * @param <T> the item type
 */
final class Overlap<T> implements AutoCloseable {

    /** The consumer stage. */
    @FunctionalInterface
    interface Stage<T> {
        /** @param item the next item, in submission order */
        void accept(T item) throws CoactException;
    }

    private static final Object END = new Object();

    private final BlockingQueue<Object> queue;
    private final Thread worker;
    private volatile Throwable failure;
    private boolean finished;

    /**
     * Starts the consumer thread.
     *
     * @param name the thread's name
     * @param capacity items that may wait between the stages, at least 1
     * @param stage the consumer
     */
    Overlap(String name, int capacity, Stage<T> stage) {
        this.queue = new ArrayBlockingQueue<>(capacity);
        this.worker = new Thread(() -> consume(stage), name);
        worker.setDaemon(true);
        worker.start();
    }

    @SuppressWarnings("unchecked")
    private void consume(Stage<T> stage) {
        try {
            while (true) {
                Object item = queue.take();
                if (item == END) {
                    return;
                }
                stage.accept((T) item);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Throwable t) {
            failure = t;
            queue.clear(); // unblock a waiting producer; it sees the failure
        }
    }

    /**
     * Hands an item to the consumer, waiting while {@code capacity} items wait.
     *
     * @param item the item
     * @throws CoactException what the consumer threw, if it failed
     */
    void submit(T item) throws CoactException {
        try {
            while (!queue.offer(item, 50, TimeUnit.MILLISECONDS)) {
                rethrowFailure();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CoactException("interrupted while handing a batch to the counting thread", e);
        }
        rethrowFailure();
    }

    /**
     * Waits until the consumer has taken every item.
     *
     * @throws CoactException what the consumer threw, if it failed
     */
    void finish() throws CoactException {
        submitEnd();
        try {
            worker.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CoactException("interrupted while waiting for the counting thread", e);
        }
        finished = true;
        rethrowFailure();
    }

    private void submitEnd() throws CoactException {
        try {
            while (worker.isAlive() && !queue.offer(END, 50, TimeUnit.MILLISECONDS)) {
                rethrowFailure();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CoactException("interrupted while finishing the counting thread", e);
        }
    }

    private void rethrowFailure() throws CoactException {
        Throwable t = failure;
        if (t == null) {
            return;
        }
        if (t instanceof CoactException c) {
            throw c;
        }
        if (t instanceof RuntimeException r) {
            throw r;
        }
        if (t instanceof Error e) {
            throw e;
        }
        throw new CoactException("the counting thread failed: " + t, t);
    }

    /** Stops the consumer if {@link #finish} did not run (the producer failed): pending items are dropped. */
    @Override
    public void close() {
        if (!finished) {
            worker.interrupt();
            try {
                worker.join(10_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
