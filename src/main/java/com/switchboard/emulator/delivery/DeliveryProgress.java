package com.switchboard.emulator.delivery;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Per call, the highest sequence number of an event whose delivery finished (acknowledged or dropped), so a request
 * thread can wait for the first callback its action caused. Remembers the most recently active calls only.
 */
final class DeliveryProgress {

    private static final int CALLS_KEPT = 10_000;

    private final Map<String, Long> finished = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Long> eldest) {
            return size() > CALLS_KEPT;
        }
    };

    synchronized void finished(String callConnectionId, long sequence) {
        finished.merge(callConnectionId, sequence, Math::max);
        notifyAll();
    }

    /** Waits until an event of the call numbered above {@code after} finished; false when the timeout passed. */
    synchronized boolean await(String callConnectionId, long after, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (finished.getOrDefault(callConnectionId, 0L) <= after) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return false;
            }
            TimeUnit.NANOSECONDS.timedWait(this, left);
        }
        return true;
    }
}
