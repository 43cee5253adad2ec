package org.coact.runner.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.coact.api.CoactException;
import org.coact.api.ModelException;
import org.junit.jupiter.api.Test;

/** The two-stage hand-over of a pass: order, back pressure and failures. */
class OverlapTest {

    @Test
    void theConsumerSeesEveryItemInOrderOnItsOwnThread() throws Exception {
        List<Integer> seen = new ArrayList<>();
        AtomicReference<String> thread = new AtomicReference<>();
        try (Overlap<Integer> o = new Overlap<>("test-consumer", 2, i -> {
            thread.set(Thread.currentThread().getName());
            seen.add(i);
        })) {
            for (int i = 0; i < 1000; i++) {
                o.submit(i);
            }
            o.finish();
        }
        assertEquals(1000, seen.size());
        for (int i = 0; i < 1000; i++) {
            assertEquals(i, seen.get(i));
        }
        assertEquals("test-consumer", thread.get());
    }

    @Test
    void atMostCapacityItemsWaitBetweenTheStages() throws Exception {
        java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
        java.util.concurrent.CountDownLatch entered = new java.util.concurrent.CountDownLatch(1);
        java.util.concurrent.atomic.AtomicInteger submitted = new java.util.concurrent.atomic.AtomicInteger();
        try (Overlap<Integer> o = new Overlap<>("slow", 2, i -> {
            try {
                entered.countDown();
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        })) {
            Thread producer = new Thread(() -> {
                try {
                    for (int i = 0; i < 10; i++) {
                        o.submit(i);
                        submitted.incrementAndGet();
                    }
                } catch (CoactException e) {
                    throw new IllegalStateException(e);
                }
            });
            producer.start();
            entered.await();
            long deadline = System.nanoTime() + 10_000_000_000L;
            while (System.nanoTime() < deadline
                    && !(submitted.get() >= 3 && producer.getState() == Thread.State.TIMED_WAITING)) {
                Thread.sleep(10);
            }
            Thread.sleep(100); // were the capacity not honoured, more submissions would land here
            // one item held by the blocked consumer, two waiting in the queue: the fourth blocks
            assertEquals(3, submitted.get(), "submissions before the consumer takes a second item");
            release.countDown();
            producer.join(10_000);
            assertEquals(10, submitted.get());
            o.finish();
        }
    }

    @Test
    void aConsumerFailureReachesTheProducerAsThrown() {
        ModelException boom = new ModelException("layer 'x' gave 3 neurons");
        CoactException thrown = assertThrows(CoactException.class, () -> {
            try (Overlap<Integer> o = new Overlap<>("failing", 2, i -> {
                if (i == 5) {
                    throw boom;
                }
            })) {
                for (int i = 0; i < 1_000_000; i++) {
                    o.submit(i);
                }
                o.finish();
            }
        });
        assertSame(boom, thrown, "the consumer's exception itself, not a wrapper");
    }

    @Test
    void anErrorOfTheConsumerIsRethrownAsAnError() {
        OutOfMemoryError oom = new OutOfMemoryError("Java heap space");
        OutOfMemoryError thrown = assertThrows(OutOfMemoryError.class, () -> {
            try (Overlap<Integer> o = new Overlap<>("oom", 1, i -> {
                throw oom;
            })) {
                o.submit(1);
                o.finish();
            }
        });
        assertSame(oom, thrown);
    }

    @Test
    void closingWithoutFinishStopsTheConsumer() throws Exception {
        AtomicReference<Thread> worker = new AtomicReference<>();
        Overlap<Integer> o = new Overlap<>("abandoned", 2, i -> worker.set(Thread.currentThread()));
        o.submit(1);
        Thread.sleep(100);
        o.close();
        assertTrue(worker.get() != null && !worker.get().isAlive(), "the consumer thread ended");
    }

    @Test
    void severalWorkersTakeEveryItemOnceEachIntoItsOwnStage() throws Exception {
        long[][] sums = new long[3][2]; // per worker: items seen, sum of items
        try (Overlap<Integer> o = new Overlap<>("workers", 3, 3, w -> i -> {
            sums[w][0]++;
            sums[w][1] += i;
        })) {
            for (int i = 1; i <= 10_000; i++) {
                o.submit(i);
            }
            o.finish();
        }
        long items = 0;
        long total = 0;
        for (long[] w : sums) {
            items += w[0];
            total += w[1];
        }
        assertEquals(10_000, items, "each item once");
        assertEquals(10_000L * 10_001 / 2, total, "1 + ... + 10,000: every item, none twice");
    }

    @Test
    void aFailureOfOneOfSeveralWorkersStopsTheRunAsThrown() {
        ModelException boom = new ModelException("worker 1 failed");
        CoactException thrown = assertThrows(CoactException.class, () -> {
            try (Overlap<Integer> o = new Overlap<>("failing-workers", 2, 2, w -> i -> {
                if (w == 1) {
                    throw boom;
                }
            })) {
                for (int i = 0; i < 1_000_000; i++) {
                    o.submit(i);
                }
                o.finish();
            }
        });
        assertSame(boom, thrown);
    }
}
