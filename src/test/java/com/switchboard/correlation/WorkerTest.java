package com.switchboard.correlation;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

class WorkerTest {

    @Test
    void stopsWithoutInterruptingTheRunningTaskAndDropsWhatHasNotBegun() throws Exception {
        Worker worker = Worker.named("worker-test");
        CountDownLatch running = new CountDownLatch(1);
        AtomicBoolean interrupted = new AtomicBoolean();
        AtomicBoolean finished = new AtomicBoolean();
        AtomicBoolean queuedRan = new AtomicBoolean();
        worker.submit(() -> {
            running.countDown();
            try {
                Thread.sleep(300); // as a query in H2's file I/O would be, where an interrupt closes the file
                finished.set(true);
            } catch (InterruptedException e) {
                interrupted.set(true);
            }
        });
        worker.submit(() -> queuedRan.set(true));
        assertThat(running.await(5, TimeUnit.SECONDS)).isTrue();

        worker.stop(Duration.ofSeconds(5));

        assertThat(interrupted).isFalse();
        assertThat(finished).isTrue();
        assertThat(queuedRan).isFalse();
        assertThat(worker.stopping()).isTrue();
        worker.submit(() -> queuedRan.set(true)); // after the stop: dropped, not thrown
        assertThat(queuedRan).isFalse();
    }

    @Test
    void waitsNoLongerThanItIsGiven() {
        Worker worker = Worker.named("worker-test-slow");
        CountDownLatch release = new CountDownLatch(1);
        worker.submit(() -> {
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        long start = System.nanoTime();
        worker.stop(Duration.ofMillis(200));
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isBetween(Duration.ofMillis(200), Duration.ofSeconds(5));
        release.countDown();
    }
}
