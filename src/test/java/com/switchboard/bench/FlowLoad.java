package com.switchboard.bench;

import java.time.Duration;
import java.util.function.IntConsumer;
import java.util.function.LongSupplier;

/**
 * Whole call flows in a closed loop: a new flow starts whenever one ends, so {@code inFlight} calls are always
 * under way. Flows per second count the flows that ended within the measured window, after a warm-up.
 */
final class FlowLoad {

    record Result(double perSecond, long started, long completed, double seconds) {
    }

    private FlowLoad() {
    }

    /** Starts {@code perSecond} flows a second for {@code duration}, whatever their progress; answers how many. */
    static int openLoop(double perSecond, Duration duration, IntConsumer start) throws InterruptedException {
        long began = System.nanoTime();
        int started = 0;
        for (long now = began; now - began < duration.toNanos(); now = System.nanoTime()) {
            while (started < (now - began) / 1e9 * perSecond) {
                start.accept(started++);
            }
            Thread.sleep(5);
        }
        return started;
    }

    static Result closedLoop(int inFlight, Duration warmUp, Duration measured, IntConsumer start, LongSupplier completed)
            throws InterruptedException {
        long began = System.nanoTime();
        long measureFrom = began + warmUp.toNanos();
        long end = measureFrom + measured.toNanos();
        int started = 0;
        long completedAtStart = -1;
        long measureStart = 0;
        while (true) {
            long now = System.nanoTime();
            long done = completed.getAsLong();
            if (completedAtStart < 0 && now >= measureFrom) {
                completedAtStart = done;
                measureStart = now;
            }
            if (now >= end) {
                double seconds = (now - measureStart) / 1e9;
                return new Result((done - completedAtStart) / seconds, started, done, seconds);
            }
            while (started - done < inFlight) {
                start.accept(started++);
            }
            Thread.sleep(20);
        }
    }
}
