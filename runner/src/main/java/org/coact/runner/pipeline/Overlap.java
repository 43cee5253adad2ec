package org.coact.runner.pipeline;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;
import org.coact.api.CoactException;

/**
 * Two stages of a pass on several threads: the caller produces items (reads a batch and runs
 * the model), {@code workers} threads consume them (reduce and count), with at most
 * {@code capacity} items waiting in between, so that the model's next batch overlaps the counting
 * of the last ones and memory stays bounded. Each worker has its own stage (its own counts):
 * with one worker the items are consumed in order; with more, which worker takes which item
 * varies from run to run, so the stages' results must not depend on it (counts merged by
 * addition do not). A failure of any worker reaches the caller at its next {@link #submit} or at
 * {@link #finish}, as it was thrown.
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
    private final List<Thread> threads = new ArrayList<>();
    private volatile Throwable failure;
    private boolean finished;

    /**
     * Starts one consumer thread.
     *
     * @param name the thread's name
     * @param capacity items that may wait between the stages, at least 1
     * @param stage the consumer
     */
    Overlap(String name, int capacity, Stage<T> stage) {
        this(name, capacity, 1, worker -> stage);
    }

    /**
     * Starts the consumer threads.
     *
     * @param name the threads' name ({@code -N} appended when there are several)
     * @param capacity items that may wait between the stages, at least 1
     * @param workers consumer threads, at least 1
     * @param stages each worker's stage, by worker index
     */
    Overlap(String name, int capacity, int workers, IntFunction<Stage<T>> stages) {
        this.queue = new ArrayBlockingQueue<>(capacity);
        for (int w = 0; w < workers; w++) {
            Stage<T> stage = stages.apply(w);
            Thread t = new Thread(() -> consume(stage), workers == 1 ? name : name + "-" + w);
            t.setDaemon(true);
            threads.add(t);
        }
        threads.forEach(Thread::start);
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
            synchronized (this) {
                if (failure == null) {
                    failure = t;
                }
            }
            queue.clear(); // unblock a waiting producer; it sees the failure
            threads.forEach(Thread::interrupt); // the other workers stop too
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
            for (Thread t : threads) {
                t.join();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CoactException("interrupted while waiting for the counting thread", e);
        }
        finished = true;
        rethrowFailure();
    }

    private void submitEnd() throws CoactException {
        try {
            for (int i = 0; i < threads.size(); i++) {
                while (!queue.offer(END, 50, TimeUnit.MILLISECONDS)) {
                    rethrowFailure();
                    if (threads.stream().noneMatch(Thread::isAlive)) {
                        return;
                    }
                }
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
            threads.forEach(Thread::interrupt);
            try {
                for (Thread t : threads) {
                    t.join(10_000);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
