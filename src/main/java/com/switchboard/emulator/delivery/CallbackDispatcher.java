package com.switchboard.emulator.delivery;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.switchboard.emulator.faults.FaultInjector;
import com.switchboard.emulator.faults.FaultKind;
import com.switchboard.emulator.model.AcsJson;
import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * POSTs callback events to the application, off the request threads.
 *
 * <p>Each call has a lane: its events are delivered strictly one after the other, in the order they were
 * submitted, while different calls are delivered in parallel. An event is POSTed as a JSON array holding that one
 * CloudEvent by the {@link WebhookSender}: connection failures and non-2xx answers are retried with exponential
 * backoff; after the last attempt the event is logged and dropped, and the lane moves on. Every attempt carries
 * {@code Authorization: Bearer <JWT>} with a token issued for that attempt, as ACS signs each callback.
 *
 * <p>The {@link FaultInjector}'s plan bends this on purpose: a delivered event may be queued once more in its lane
 * (duplicate), an event about to go may swap places with the lane's next one or wait up to the plan's max hold for
 * it (reorder), a delivery may start late (delay), and an event's first attempt may be skipped as if the
 * connection had been refused (fail first attempt). The faults of each delivery are in its {@link DeliveredEvent}.
 */
public final class CallbackDispatcher implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(CallbackDispatcher.class);

    private final ScheduledExecutorService scheduler;
    private final WebhookSender sender;
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
        this.sender = new WebhookSender("acs-emulator-callback", 4, scheduler, attempts, backoff);
        this.log = log;
        this.tokens = tokens;
        this.faults = faults;
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
            sender.send(new CallbackExchange(delivery));
            return;
        }
        faults.count(FaultKind.DELAY);
        Delivery delayed = delivery.with(FaultKind.DELAY);
        if (scheduleOrNull(() -> sender.send(new CallbackExchange(delayed)), delay) == null) {
            finish(delayed, -1, 0, false);
        }
    }

    /** One event's POSTs: a fresh token on each, and the first one perhaps not made (fault: fail first attempt). */
    private final class CallbackExchange implements WebhookSender.Exchange {

        private volatile Delivery delivery;

        CallbackExchange(Delivery delivery) {
            this.delivery = delivery;
        }

        @Override
        public String name() {
            return delivery.eventName();
        }

        @Override
        public URI target() {
            return delivery.target();
        }

        @Override
        public String skip(int attempt) {
            if (attempt == 1 && sender.attempts() > 1
                && faults.strikes(faults.current().failFirstAttemptProbability())) {
                faults.count(FaultKind.FAIL_FIRST_ATTEMPT);
                delivery = delivery.with(FaultKind.FAIL_FIRST_ATTEMPT);
                return "the first attempt was not made (injected fault)";
            }
            return null;
        }

        @Override
        public HttpRequest request(int attempt) {
            return HttpRequest.newBuilder(delivery.target())
                .timeout(WebhookSender.REQUEST_TIMEOUT)
                .header("Content-Type", "application/json")
                .header("Authorization", "Bearer " + tokens.issue())
                .POST(HttpRequest.BodyPublishers.ofString(delivery.body()))
                .build();
        }

        @Override
        public void done(WebhookSender.Outcome outcome) {
            if (!outcome.delivered()) {
                LOG.warn("Dropping callback {} of call {} to {} after {} attempts: {}", delivery.eventName(),
                    delivery.callConnectionId(), delivery.target(), outcome.attempts(), outcome.failure());
            }
            finish(delivery, outcome.status(), outcome.attempts(), outcome.delivered());
        }
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
        sender.close();
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
