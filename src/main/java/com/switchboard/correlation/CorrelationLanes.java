package com.switchboard.correlation;

import com.switchboard.callbacks.CallbackEventsStored;
import com.switchboard.callbacks.CallOwner;
import com.switchboard.callbacks.CallbackInbox;
import com.switchboard.callbacks.InboxEntry;
import com.switchboard.callbacks.InboxStatus;
import jakarta.annotation.PreDestroy;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLongArray;
import org.camunda.bpm.engine.OptimisticLockingException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.context.event.EventListener;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Runs correlation off the HTTP threads. Each call is bound to one lane (a single thread), so one call's
 * events are applied one at a time in the order they were received, while different calls run in
 * parallel. Work arrives when events are stored, when an action takes ownership of a call, when a flow
 * reaches a wait state, and from a slow sweep that also picks up what another node or a restart left.
 */
@Component
class CorrelationLanes {

    private static final Logger log = LoggerFactory.getLogger(CorrelationLanes.class);
    private static final int ATTEMPTS = 5;

    private final EventCorrelator correlator;
    private final StoredEventData eventData;
    private final CallOwnership ownership;
    private final CallbackInbox inbox;
    private final TransactionTemplate transactions;
    private final ThreadPoolExecutor[] lanes;
    private final Set<String> queued = ConcurrentHashMap.newKeySet();
    /** Process instance -> its calls whose events wait for a wait state on this node. */
    private final Map<String, Set<String>> waitingCalls = new ConcurrentHashMap<>();
    /**
     * Wait-state signals counted per stripe of process instances. A drain reads its flow's stripe before it tries
     * the events and again after it registered the ones still waiting: a signal in between (the flow reached a wait
     * state while the drain ran, and found the call not yet registered) shows as a changed count.
     */
    private final AtomicLongArray waitStateSignals = new AtomicLongArray(1024);

    CorrelationLanes(EventCorrelator correlator, StoredEventData eventData, CallOwnership ownership, CallbackInbox inbox,
                     TransactionTemplate transactions, CorrelationProperties properties) {
        this.correlator = correlator;
        this.eventData = eventData;
        this.ownership = ownership;
        this.inbox = inbox;
        this.transactions = transactions;
        this.lanes = new ThreadPoolExecutor[Math.max(1, properties.lanes())];
        for (int i = 0; i < lanes.length; i++) {
            String name = "correlation-lane-" + i;
            lanes[i] = new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS, new LinkedBlockingQueue<>(),
                    runnable -> new Thread(runnable, name));
        }
    }

    @EventListener
    void onStored(CallbackEventsStored stored) {
        eventData.stored(stored.events());
        stored.callConnectionIds().forEach(this::submit);
    }

    @EventListener
    void onDue(CorrelationDue due) {
        if (due instanceof CorrelationDue.CallOwned owned) {
            submit(owned.callConnectionId());
        } else if (due instanceof CorrelationDue.WaitStateReached reached) {
            waitStateSignals.incrementAndGet(stripe(reached.processInstanceId()));
            Set<String> calls = waitingCalls.get(reached.processInstanceId());
            if (calls != null) {
                calls.forEach(this::submit);
            }
        }
    }

    /** The safety net: retries every call with waiting events, also those another node stored. */
    @Scheduled(fixedDelayString = "${switchboard.callbacks.sweep-interval}",
            initialDelayString = "${switchboard.callbacks.sweep-interval}")
    void sweep() {
        inbox.callsWithPendingEvents().forEach(this::submit);
    }

    /**
     * Tries every event still waiting in the inbox, also those stored before this node started, and waits until the
     * lanes have done everything submitted to them so far (or the deadline has passed); false when it gave up.
     */
    boolean drainPending(Instant deadline) throws InterruptedException {
        inbox.callsWithPendingEvents().forEach(this::submit);
        return awaitLanes(deadline);
    }

    /** Waits until each lane has run what was submitted to it before this call, or the deadline has passed. */
    boolean awaitLanes(Instant deadline) throws InterruptedException {
        List<Future<?>> markers = new ArrayList<>();
        for (ThreadPoolExecutor lane : lanes) {
            markers.add(lane.submit(() -> { }));
        }
        for (Future<?> marker : markers) {
            try {
                marker.get(Math.max(0, Duration.between(Instant.now(), deadline).toMillis()), TimeUnit.MILLISECONDS);
            } catch (TimeoutException e) {
                return false;
            } catch (ExecutionException e) {
                throw new IllegalStateException(e);
            }
        }
        return true;
    }

    /**
     * Runs the work on the call's lane next, if nothing waits on the lane (it may be busy with one piece of work):
     * empty when work is queued there already.
     */
    <T> Optional<Future<T>> nextOnLane(String callConnectionId, Callable<T> work) {
        ThreadPoolExecutor lane = lane(callConnectionId);
        return lane.getQueue().isEmpty() ? Optional.of(lane.submit(work)) : Optional.empty();
    }

    void submit(String callConnectionId) {
        if (queued.add(callConnectionId)) {
            lane(callConnectionId).execute(() -> {
                queued.remove(callConnectionId);
                drain(callConnectionId);
            });
        }
    }

    private void drain(String callConnectionId) {
        try {
            CallOwner owner = ownership.ownerOf(callConnectionId);
            long signalsBefore = owner == null ? 0 : waitStateSignals.get(stripe(owner.flow()));
            List<InboxEntry> waiting = new ArrayList<>();
            for (InboxEntry event : inbox.pending(callConnectionId)) {
                // In order: the flow may have reached the wait state of an earlier event since it was tried,
                // and a later event must not overtake it (a CallDisconnected before its CallTransferAccepted).
                waiting.removeIf(earlier -> inbox.stillPending(earlier)
                        .map(current -> correlate(current, owner) == EventCorrelator.Outcome.DONE).orElse(true));
                if (correlate(event, owner) != EventCorrelator.Outcome.DONE) {
                    waiting.add(event);
                }
            }
            if (owner != null) {
                rememberWaiting(owner.flow(), callConnectionId, !waiting.isEmpty());
                if (!waiting.isEmpty() && waitStateSignals.get(stripe(owner.flow())) != signalsBefore) {
                    submit(callConnectionId);
                }
            }
        } catch (RuntimeException e) {
            log.error("Correlating the events of call {} failed; the sweep will retry", callConnectionId, e);
        }
    }

    /**
     * One event in its own transaction. A concurrent change (the flow moved on, the engine's optimistic
     * lock) is retried at once, a few times; what still fails stays pending with its reason for the sweep,
     * and becomes unmatched once its time-to-live has run out.
     */
    private EventCorrelator.Outcome correlate(InboxEntry event, CallOwner owner) {
        try (MDC.MDCCloseable call = MDC.putCloseable("callConnectionId", event.callConnectionId());
             MDC.MDCCloseable flow = MDC.putCloseable("processInstanceId", owner == null ? null : owner.flow())) {
            return correlateLogged(event, owner);
        }
    }

    private EventCorrelator.Outcome correlateLogged(InboxEntry event, CallOwner owner) {
        RuntimeException failure = null;
        for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
            try {
                EventCorrelator.Outcome outcome = transactions.execute(status -> correlator.correlate(event, owner,
                        EventRecord.stored(inbox, event.id())));
                if (outcome != EventCorrelator.Outcome.WAITING_FOR_OWNER) {
                    eventData.forget(event); // done, or its variables are applied
                }
                return outcome;
            } catch (RuntimeException e) {
                failure = e;
                sleepQuietly(10L * attempt);
            }
        }
        String reason = (failure instanceof OptimisticLockingException ? "Concurrent change: " : "Delivering it to the flow failed: ")
                + failure.getMessage();
        if (correlator.isExpired(event)) {
            log.error("Event {} ({}) of call {} could not be delivered", event.eventId(), event.eventType(),
                    event.callConnectionId(), failure);
            inbox.finish(event.id(), InboxStatus.UNMATCHED, owner == null ? null : owner.flow(), reason);
            eventData.forget(event);
            return EventCorrelator.Outcome.DONE;
        }
        log.warn("Event {} ({}) of call {} failed {} times; the sweep will retry: {}", event.eventId(),
                event.eventType(), event.callConnectionId(), ATTEMPTS, failure.toString());
        inbox.recordFailedAttempt(event.id(), reason);
        return EventCorrelator.Outcome.WAITING_FOR_WAIT_STATE;
    }

    private void rememberWaiting(String owner, String callConnectionId, boolean waiting) {
        if (waiting) {
            waitingCalls.computeIfAbsent(owner, k -> ConcurrentHashMap.newKeySet()).add(callConnectionId);
        } else {
            waitingCalls.computeIfPresent(owner, (k, calls) -> {
                calls.remove(callConnectionId);
                return calls.isEmpty() ? null : calls;
            });
        }
    }

    private int stripe(String processInstanceId) {
        return Math.floorMod(processInstanceId.hashCode(), waitStateSignals.length());
    }

    private ThreadPoolExecutor lane(String callConnectionId) {
        return lanes[Math.floorMod(callConnectionId.hashCode(), lanes.length)];
    }

    private static void sleepQuietly(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @PreDestroy
    void stop() throws InterruptedException {
        for (ThreadPoolExecutor lane : lanes) {
            lane.shutdown();
        }
        for (ThreadPoolExecutor lane : lanes) {
            lane.awaitTermination(10, TimeUnit.SECONDS);
        }
    }
}
