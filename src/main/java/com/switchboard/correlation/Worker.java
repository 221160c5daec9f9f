package com.switchboard.correlation;

import java.time.Duration;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A background thread of its own for work that asks ACS, away from the correlation lanes and the job executor.
 * <p>
 * It is stopped without an interrupt: a thread interrupted in a file read or write closes that file's channel for
 * every thread (Java's NIO), and H2 then fails every later statement and its own close. What was queued and not begun
 * is dropped, as the sweeps and the next start's catch-up redo it; the task that runs is waited for.
 */
final class Worker {

    private static final Logger log = LoggerFactory.getLogger(Worker.class);

    private final String name;
    private final ThreadPoolExecutor executor;

    private Worker(String name) {
        this.name = name;
        this.executor = new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS, new LinkedBlockingQueue<>(), runnable -> {
            Thread thread = new Thread(runnable, name);
            thread.setDaemon(true);
            return thread;
        });
    }

    /** One daemon thread named {@code name}, which a stopping JVM does not wait for. */
    static Worker named(String name) {
        return new Worker(name);
    }

    /** Runs the task after those before it; once stopping, drops it (see the class comment). */
    void submit(Runnable task) {
        try {
            executor.execute(task);
        } catch (RejectedExecutionException stopped) {
            log.debug("{} is stopping: a task is left to the next start", name);
        }
    }

    /** True once {@link #stop} began: a long task ends at its next step. */
    boolean stopping() {
        return executor.isShutdown();
    }

    /** Drops what has not begun, lets the running task end, and waits for it up to {@code wait}; no interrupt. */
    void stop(Duration wait) {
        executor.shutdown();
        executor.getQueue().clear();
        try {
            if (!executor.awaitTermination(wait.toMillis(), TimeUnit.MILLISECONDS)) {
                log.info("{} still runs a task after {}; it ends with the database's close", name, wait);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
