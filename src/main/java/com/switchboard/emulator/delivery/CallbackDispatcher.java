package com.switchboard.emulator.delivery;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.switchboard.emulator.faults.FaultInjector;
import com.switchboard.emulator.faults.FaultKind;
import com.switchboard.emulator.http.DaemonThreads;
import com.switchboard.emulator.model.AcsJson;
import java.lang.System.Logger.Level;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * POSTs callback events to the application, off the request threads.
 *
 * <p>Each call has a lane: its events are delivered strictly one after the other, in the order they were
 * submitted, while different calls are delivered in parallel. An event is POSTed as a JSON array holding that one
 * CloudEvent. Connection failures and non-2xx answers are retried with exponential backoff; after the last attempt
 * the event is logged and dropped, and the lane moves on. Every attempt carries
 * {@code Authorization: Bearer <JWT>} with a token issued for that attempt, as ACS signs each callback.
 *
 * <p>The {@link FaultInjector}'s plan bends this on purpose: a delivered event may be queued once more in its lane
 * (duplicate), an event about to go may swap places with the lane's next one or wait up to the plan's max hold for
 * it (reorder), a delivery may start late (delay), and an event's first attempt may be skipped as if the
 * connection had been refused (fail first attempt). The faults of each delivery are in its {@link DeliveredEvent}.
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
    private final FaultInjector faults;
    private final AtomicLong sequence = new AtomicLong();
    private final DeliveryProgress progress = new DeliveryProgress();
    /** Per call with events pending, in flight or held back; guarded by itself. */
    private final Map<String, Lane> lanes = new HashMap<>();
    private volatile boolean closed;

    public CallbackDispatcher(ScheduledExecutorService scheduler, int attempts, Duration backoff, DeliveryLog log,
                              CallbackTokenIssuer tokens, FaultInjector faults) {
        this.scheduler = scheduler;
        this.attempts = attempts;
        this.backoff = backoff;
        this.log = log;
        this.tokens = tokens;
        this.faults = faults;
        this.httpExecutor = Executors.newFixedThreadPool(4, DaemonThreads.named("acs-emulator-callback"));
        this.http = WebhookClient.on(httpExecutor);
    }

    /** Queues an event for delivery behind the call's earlier events. */
    public void submit(String callConnectionId, URI target, String eventName, ObjectNode cloudEvent) {
        if (closed) {
            return;
        }
        ArrayNode batch = AcsJson.MAPPER.createArrayNode().add(cloudEvent);
        Delivery delivery = new Delivery(sequence.incrementAndGet(), callConnectionId, target, eventName,
            cloudEvent.toString(), batch.toString(), List.of());
        Delivery next;
        synchronized (lanes) {
            Lane lane = lanes.computeIfAbsent(callConnectionId, id -> new Lane());
            lane.waiting.addLast(delivery);
            next = takeNext(callConnectionId, lane);
        }
        start(next);
    }

    /** The number of the most recently submitted event; events submitted later have higher numbers. */
    public long lastSequence() {
        return sequence.get();
    }

    /**
     * Waits until the delivery of an event of the call submitted after {@code after} ({@link #lastSequence()})
     * finished, acknowledged or dropped.
     *
     * @return false when the timeout passed first
     */
    public boolean awaitDelivery(String callConnectionId, long after, Duration timeout) throws InterruptedException {
        return progress.await(callConnectionId, after, timeout);
    }

    /**
     * The lane's next delivery to start, marking the lane busy; null when it is busy or has nothing to send. A
     * reorder fault holds the candidate back behind the next waiting event, or, with none waiting yet, until the
     * next event arrives or the hold runs out.
     */
    private Delivery takeNext(String callConnectionId, Lane lane) {
        if (lane.busy) {
            return null;
        }
        Delivery next = lane.waiting.pollFirst();
        if (next == null) {
            return null;
        }
        if (lane.held != null) {
            lane.waiting.addFirst(lane.release());
        } else if (next.mayBeHeldBack() && faults.strikes(faults.current().reorderProbability())) {
            faults.count(FaultKind.REORDER);
            Delivery heldBack = next.with(FaultKind.REORDER);
            next = lane.waiting.pollFirst();
            if (next == null) {
                lane.hold(heldBack, scheduleOrNull(() -> flushHeld(callConnectionId, heldBack),
                    faults.current().maxHold()));
                return null;
            }
            lane.waiting.addFirst(heldBack);
        }
        lane.busy = true;
        return next;
    }

    /** The hold of an event ran out before the call's next event came: it goes now. */
    private void flushHeld(String callConnectionId, Delivery heldBack) {
        Delivery next;
        synchronized (lanes) {
            Lane lane = lanes.get(callConnectionId);
            if (lane == null || lane.held != heldBack) {
                return;
            }
            lane.waiting.addFirst(lane.release());
            next = takeNext(callConnectionId, lane);
        }
        start(next);
    }

    private void start(Delivery delivery) {
        if (delivery == null || closed) {
            return;
        }
        Duration delay = faults.deliveryDelay();
        if (delay.isZero()) {
            attempt(delivery, 1);
            return;
        }
        faults.count(FaultKind.DELAY);
        Delivery delayed = delivery.with(FaultKind.DELAY);
        if (scheduleOrNull(() -> attempt(delayed, 1), delay) == null) {
            finish(delayed, -1, 0, false);
        }
    }

    private void attempt(Delivery delivery, int attempt) {
        if (closed) {
            return;
        }
        if (attempt == 1 && attempts > 1 && faults.strikes(faults.current().failFirstAttemptProbability())) {
            faults.count(FaultKind.FAIL_FIRST_ATTEMPT);
            onAttemptDone(delivery.with(FaultKind.FAIL_FIRST_ATTEMPT), attempt, null,
                new ConnectException("the first attempt was not made (injected fault)"));
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
            if (scheduleOrNull(() -> attempt(delivery, attempt + 1), Duration.ofMillis(delayMillis)) == null) {
                finish(delivery, status, attempt, false);
            }
            return;
        }
        LOG.log(Level.WARNING, () -> "Dropping callback " + delivery.eventName() + " of call "
            + delivery.callConnectionId() + " to " + delivery.target() + " after " + attempt + " attempts: " + reason);
        finish(delivery, status, attempt, false);
    }

    /** Logs the outcome and starts the lane's next delivery; a duplicate fault queues the event once more first. */
    private void finish(Delivery delivery, int status, int attempts, boolean delivered) {
        log.add(new DeliveredEvent(delivery.eventName(), delivery.callConnectionId(), delivery.target().toString(),
            status, attempts, delivered, delivery.event(), Instant.now(), delivery.faults()));
        progress.finished(delivery.callConnectionId(), delivery.sequence());
        Delivery next;
        synchronized (lanes) {
            Lane lane = lanes.get(delivery.callConnectionId());
            if (lane == null) {
                return;
            }
            lane.busy = false;
            if (delivered && delivery.mayBeDuplicated()
                && faults.strikes(faults.current().duplicateProbability())) {
                faults.count(FaultKind.DUPLICATE);
                lane.queueSoon(delivery.duplicate(), faults.strikes(0.5));
            }
            next = takeNext(delivery.callConnectionId(), lane);
            if (lane.isIdle()) {
                lanes.remove(delivery.callConnectionId());
            }
        }
        start(next);
    }

    private ScheduledFuture<?> scheduleOrNull(Runnable action, Duration delay) {
        try {
            return scheduler.schedule(action, delay.toNanos(), TimeUnit.NANOSECONDS);
        } catch (RejectedExecutionException shuttingDown) {
            return null;
        }
    }

    @Override
    public void close() {
        closed = true;
        synchronized (lanes) {
            lanes.values().forEach(Lane::release);
            lanes.clear();
        }
        httpExecutor.shutdownNow();
    }

    /** A call's deliveries: those waiting, whether one is under way, and one held back by a reorder fault. */
    private static final class Lane {

        private final Deque<Delivery> waiting = new ArrayDeque<>();
        private boolean busy;
        private Delivery held;
        private ScheduledFuture<?> holdTimer;

        void hold(Delivery delivery, ScheduledFuture<?> timer) {
            held = delivery;
            holdTimer = timer;
        }

        /** Ends the hold; returns the event that was held back. */
        Delivery release() {
            Delivery released = held;
            if (holdTimer != null) {
                holdTimer.cancel(false);
            }
            held = null;
            holdTimer = null;
            return released;
        }

        /** Queues a delivery next, or, when {@code afterTheNext} and one is waiting, right behind that one. */
        void queueSoon(Delivery delivery, boolean afterTheNext) {
            Delivery first = afterTheNext ? waiting.pollFirst() : null;
            waiting.addFirst(delivery);
            if (first != null) {
                waiting.addFirst(first);
            }
        }

        boolean isIdle() {
            return !busy && waiting.isEmpty() && held == null;
        }
    }

    /**
     * One event's delivery; {@code sequence} numbers the events in submission order, a duplicate keeps its
     * original's. {@code faults} are the faults injected into this delivery so far.
     */
    private record Delivery(long sequence, String callConnectionId, URI target, String eventName, String event,
                            String body, List<FaultKind> faults) {

        Delivery with(FaultKind fault) {
            List<FaultKind> more = new ArrayList<>(faults);
            more.add(fault);
            return new Delivery(sequence, callConnectionId, target, eventName, event, body, List.copyOf(more));
        }

        /** The second POST of this event: the same CloudEvent, with faults of its own. */
        Delivery duplicate() {
            return new Delivery(sequence, callConnectionId, target, eventName, event, body,
                List.of(FaultKind.DUPLICATE));
        }

        boolean mayBeHeldBack() {
            return !faults.contains(FaultKind.DUPLICATE) && !faults.contains(FaultKind.REORDER);
        }

        boolean mayBeDuplicated() {
            return !faults.contains(FaultKind.DUPLICATE);
        }
    }
}
