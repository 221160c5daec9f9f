package com.switchboard.emulator.delivery;

import com.switchboard.emulator.http.DaemonThreads;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends to the application's webhooks, for the callbacks and for Event Grid alike: attempt after attempt on threads of
 * its own (HTTP/1.1, 5 s to connect, 10 s for an answer), a failed attempt retried after the backoff, doubled for each
 * further retry, until the attempts are used up or the answer is one not to retry. Nothing is sent once it is closed.
 */
final class WebhookSender implements AutoCloseable {

    static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(10);
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);
    private static final Logger LOG = LoggerFactory.getLogger(WebhookSender.class);

    private final ScheduledExecutorService scheduler;
    private final ExecutorService httpExecutor;
    private final HttpClient http;
    private final int attempts;
    private final Duration backoff;
    private volatile boolean closed;

    /**
     * @param threadName the name of its HTTP threads
     * @param scheduler the timers the retries wait on
     * @param attempts how many attempts a delivery gets, the first one included
     * @param backoff the wait before the first retry
     */
    WebhookSender(String threadName, int threads, ScheduledExecutorService scheduler, int attempts, Duration backoff) {
        this.scheduler = scheduler;
        this.attempts = attempts;
        this.backoff = backoff;
        this.httpExecutor = Executors.newFixedThreadPool(threads, DaemonThreads.named(threadName));
        this.http = HttpClient.newBuilder()
            .executor(httpExecutor)
            .connectTimeout(CONNECT_TIMEOUT)
            .version(HttpClient.Version.HTTP_1_1)
            .build();
    }

    /** One delivery: how each attempt is made and judged, and what follows once it is over. */
    interface Exchange {

        /** What is delivered, for the log: e.g. {@code CallConnected}. */
        String name();

        URI target();

        HttpRequest request(int attempt);

        /** Why this attempt is not made (an injected fault): it then counts as failed for that reason. */
        default String skip(int attempt) {
            return null;
        }

        /** Whether the status delivers. */
        default boolean delivers(int status) {
            return status >= 200 && status < 300;
        }

        /** For a status that delivers: why the answer is refused all the same, or null. */
        default String rejection(HttpResponse<String> response) {
            return null;
        }

        /** Whether an attempt that failed with this status ({@code -1}: no answer) is tried again. */
        default boolean retryable(int status) {
            return true;
        }

        /** Called once, when the delivery is over; not at all when the sender closed meanwhile. */
        void done(Outcome outcome);
    }

    /**
     * How a delivery ended.
     *
     * @param status the HTTP status of the last attempt, -1 when it got no answer
     * @param rejection why an answer with a delivering status was refused, else null
     * @param failure why the last attempt failed (the exception's message or {@code HTTP <status>}), else null
     */
    record Outcome(int status, int attempts, String rejection, String failure) {

        boolean delivered() {
            return rejection == null && failure == null;
        }
    }

    int attempts() {
        return attempts;
    }

    void send(Exchange exchange) {
        attempt(exchange, 1);
    }

    private void attempt(Exchange exchange, int attempt) {
        if (closed) {
            return;
        }
        String skipped = exchange.skip(attempt);
        if (skipped != null) {
            onAttemptDone(exchange, attempt, null, skipped);
            return;
        }
        try {
            http.sendAsync(exchange.request(attempt), HttpResponse.BodyHandlers.ofString())
                .whenComplete((response, failure) -> onAttemptDone(exchange, attempt, response,
                    failure == null ? null : String.valueOf(failure.getMessage())));
        } catch (RuntimeException cannotSend) {
            onAttemptDone(exchange, attempt, null, String.valueOf(cannotSend.getMessage()));
        }
    }

    private void onAttemptDone(Exchange exchange, int attempt, HttpResponse<String> response, String failure) {
        int status = response == null ? -1 : response.statusCode();
        if (response != null && exchange.delivers(status)) {
            exchange.done(new Outcome(status, attempt, exchange.rejection(response), null));
            return;
        }
        String reason = failure != null ? failure : "HTTP " + status;
        if (attempt < attempts && exchange.retryable(status) && !closed) {
            Duration delay = backoff.multipliedBy(1L << Math.min(attempt - 1, 16));
            LOG.debug("{} to {} failed ({}), retrying in {} ms", exchange.name(), exchange.target(), reason,
                delay.toMillis());
            try {
                scheduler.schedule(() -> attempt(exchange, attempt + 1), delay.toNanos(), TimeUnit.NANOSECONDS);
                return;
            } catch (RejectedExecutionException shuttingDown) {
                // over: reported below
            }
        }
        exchange.done(new Outcome(status, attempt, null, reason));
    }

    @Override
    public void close() {
        closed = true;
        httpExecutor.shutdownNow();
    }
}
