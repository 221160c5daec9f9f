package com.switchboard.emulator.telephony;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The remote party's side of a call: the timers that make it answer, fail or hang up. Cancelling the leg stops
 * every pending timer; a timer that already started checks {@link #isCancelled()} and the call state itself.
 */
final class RemoteLeg {

    private final ScheduledExecutorService scheduler;
    private final List<Future<?>> timers = new ArrayList<>();
    private boolean cancelled;

    RemoteLeg(ScheduledExecutorService scheduler) {
        this.scheduler = scheduler;
    }

    synchronized void after(Duration delay, Runnable action) {
        if (cancelled) {
            return;
        }
        try {
            timers.add(scheduler.schedule(() -> {
                if (!isCancelled()) {
                    action.run();
                }
            }, delay.toNanos(), TimeUnit.NANOSECONDS));
        } catch (RejectedExecutionException emulatorClosing) {
            cancelled = true;
        }
    }

    synchronized void cancel() {
        cancelled = true;
        timers.forEach(timer -> timer.cancel(false));
        timers.clear();
    }

    synchronized boolean isCancelled() {
        return cancelled;
    }
}
