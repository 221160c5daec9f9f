package com.switchboard.emulator.callback;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.switchboard.emulator.DeliveredEvent;
import com.switchboard.emulator.model.AcsJson;
import java.lang.System.Logger.Level;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * POSTs callback events to the application, off the request threads.
 *
 * <p>Each call has a lane: its events are delivered strictly one after the other, in the order they were
 * submitted, while different calls are delivered in parallel. An event is POSTed as a JSON array holding that one
 * CloudEvent. Connection failures and non-2xx answers are retried with exponential backoff; after the last attempt
 * the event is logged and dropped, and the lane moves on. Every attempt carries
 * {@code Authorization: Bearer <JWT>} with a token issued for that attempt, as ACS signs each callback.
 */
public final class CallbackDispatcher implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(CallbackDispatcher.class.getName());
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(10);

    private final ScheduledExecutorService scheduler;
    private final ExecutorService httpExecutor;
    private final HttpClient http;
    private final int attempts;
    private final Duration backoff;
    private final DeliveryLog log;
    private final CallbackTokenIssuer tokens;
    /** Per call: the pending deliveries; the head is in flight. A call without entry has an idle lane. */
    private final Map<String, Deque<Delivery>> lanes = new ConcurrentHashMap<>();
    private volatile boolean closed;

    public CallbackDispatcher(ScheduledExecutorService scheduler, int attempts, Duration backoff, DeliveryLog log,
                              CallbackTokenIssuer tokens) {
        this.scheduler = scheduler;
        this.attempts = attempts;
        this.backoff = backoff;
        this.log = log;
        this.tokens = tokens;
        this.httpExecutor = Executors.newFixedThreadPool(4, DaemonThreads.named("acs-emulator-callback"));
        this.http = HttpClient.newBuilder()
            .executor(httpExecutor)
            .connectTimeout(Duration.ofSeconds(5))
            .version(HttpClient.Version.HTTP_1_1)
            .build();
    }

    /** Queues an event for delivery behind the call's earlier events. */
    public void submit(String callConnectionId, URI target, String eventName, ObjectNode cloudEvent) {
        if (closed) {
            return;
        }
        ArrayNode batch = AcsJson.MAPPER.createArrayNode().add(cloudEvent);
        Delivery delivery = new Delivery(callConnectionId, target, eventName, cloudEvent.toString(), batch.toString());
        boolean[] laneWasIdle = new boolean[1];
        lanes.compute(callConnectionId, (id, queue) -> {
            Deque<Delivery> lane = queue == null ? new ArrayDeque<>() : queue;
            laneWasIdle[0] = lane.isEmpty();
            lane.addLast(delivery);
            return lane;
        });
        if (laneWasIdle[0]) {
            attempt(delivery, 1);
        }
    }

    private void attempt(Delivery delivery, int attempt) {
        if (closed) {
            return;
        }
        try {
            HttpRequest request = HttpRequest.newBuilder(delivery.target())
                .timeout(REQUEST_TIMEOUT)
                .header("Content-Type", "application/json")
                .header("Authorization", "Bearer " + tokens.issue())
                .POST(HttpRequest.BodyPublishers.ofString(delivery.body()))
                .build();
            http.sendAsync(request, HttpResponse.BodyHandlers.discarding())
                .whenComplete((response, failure) -> onAttemptDone(delivery, attempt, response, failure));
        } catch (RuntimeException cannotSend) {
            onAttemptDone(delivery, attempt, null, cannotSend);
        }
    }

    private void onAttemptDone(Delivery delivery, int attempt, HttpResponse<Void> response, Throwable failure) {
        int status = response == null ? -1 : response.statusCode();
        if (status >= 200 && status < 300) {
            finish(delivery, status, attempt, true);
            return;
        }
        String reason = failure != null ? String.valueOf(failure.getMessage()) : "HTTP " + status;
        if (attempt < attempts && !closed) {
            long delayMillis = backoff.toMillis() << Math.min(attempt - 1, 16);
            LOG.log(Level.DEBUG, () -> "Callback " + delivery.eventName() + " to " + delivery.target()
                + " failed (" + reason + "), retrying in " + delayMillis + " ms");
            try {
                scheduler.schedule(() -> attempt(delivery, attempt + 1), delayMillis, TimeUnit.MILLISECONDS);
            } catch (RejectedExecutionException shuttingDown) {
                finish(delivery, status, attempt, false);
            }
            return;
        }
        LOG.log(Level.WARNING, () -> "Dropping callback " + delivery.eventName() + " of call "
            + delivery.callConnectionId() + " to " + delivery.target() + " after " + attempt + " attempts: " + reason);
        finish(delivery, status, attempt, false);
    }

    private void finish(Delivery delivery, int status, int attempts, boolean delivered) {
        log.add(new DeliveredEvent(delivery.eventName(), delivery.callConnectionId(), delivery.target().toString(),
            status, attempts, delivered, delivery.event(), Instant.now()));
        Delivery[] next = new Delivery[1];
        lanes.computeIfPresent(delivery.callConnectionId(), (id, lane) -> {
            lane.removeFirst();
            next[0] = lane.peekFirst();
            return lane.isEmpty() ? null : lane;
        });
        if (next[0] != null) {
            attempt(next[0], 1);
        }
    }

    @Override
    public void close() {
        closed = true;
        lanes.clear();
        httpExecutor.shutdownNow();
    }

    private record Delivery(String callConnectionId, URI target, String eventName, String event, String body) {
    }
}
