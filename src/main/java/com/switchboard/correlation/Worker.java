package com.switchboard.correlation;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/** A background thread of its own for work that asks ACS, away from the correlation lanes and the job executor. */
final class Worker {

    private Worker() {
    }

    /** One daemon thread named {@code name}, which a stopping JVM does not wait for. */
    static ExecutorService named(String name) {
        return Executors.newSingleThreadExecutor(runnable -> {
            Thread thread = new Thread(runnable, name);
            thread.setDaemon(true);
            return thread;
        });
    }
}
