package com.switchboard.correlation;

import com.switchboard.callbacks.CallOwner;
import com.switchboard.callbacks.CallbackEvent;
import com.switchboard.callbacks.CallbackInbox;
import com.switchboard.callbacks.CallbackSender;
import com.switchboard.callbacks.DeliveryOnReceipt;
import com.switchboard.callbacks.InboxStatus;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Stores a callback and delivers it to its flow in one transaction, on its call's lane: the webhook's commit and the
 * correlation's become one, which on a database that writes every commit through (H2 with {@code WRITE_DELAY=0})
 * is most of what a callback costs. It is taken only where the usual path would do the same: one event, its call's
 * owner known, no earlier event of the call waiting in the inbox, and the call's lane (which keeps the call's events
 * in order) with no backlog and beginning it within {@code delivery-on-receipt-wait}: a callback is never held to wait
 * behind other calls' work. The event is tried on its flow first and then inserted once, as the try left it (an insert
 * of the ended row instead of an insert of a pending one, a read back and an update). The webhook answers after the
 * commit, as always.
 * Whatever goes wrong rolls the whole transaction back and leaves the delivery to the usual path, which stores it
 * alone; an event that does not reach its flow at once waits in the inbox as any other.
 */
@Component
class DeliveryOnLane implements DeliveryOnReceipt {

    private static final Logger log = LoggerFactory.getLogger(DeliveryOnLane.class);
    /** How long the webhook waits for a delivery the lane has begun: longer than any transaction should take. */
    private static final Duration BEGUN_WAIT = Duration.ofSeconds(30);

    private final CorrelationLanes lanes;
    private final EventCorrelator correlator;
    private final CallOwnership ownership;
    private final CallbackInbox inbox;
    private final StoredEventData eventData;
    private final TransactionTemplate transactions;
    private final Duration wait;
    private final Counter delivered;
    private final Counter waiting;
    private final Counter stored;
    private final Counter left;

    DeliveryOnLane(CorrelationLanes lanes, EventCorrelator correlator, CallOwnership ownership, CallbackInbox inbox,
                   StoredEventData eventData, TransactionTemplate transactions, CorrelationProperties properties,
                   MeterRegistry meters) {
        this.lanes = lanes;
        this.correlator = correlator;
        this.ownership = ownership;
        this.inbox = inbox;
        this.eventData = eventData;
        this.transactions = transactions;
        this.wait = properties.deliveryOnReceiptWait();
        this.delivered = onReceipt(meters, "delivered");
        this.waiting = onReceipt(meters, "stored-waiting");
        this.stored = onReceipt(meters, "stored-already");
        this.left = onReceipt(meters, "left-to-the-lanes");
    }

    private static Counter onReceipt(MeterRegistry meters, String outcome) {
        return Counter.builder("switchboard.callbacks.on-receipt").tag("outcome", outcome)
                .description("Single callbacks the webhook offered to deliver in the transaction that stores them").register(meters);
    }

    @Override
    public Optional<Taken> storeAndDeliver(CallbackEvent event, Instant receivedAt, CallbackSender sender) {
        if (wait.isZero() || wait.isNegative() || event.callConnectionId() == null) {
            return Optional.empty();
        }
        Optional<Taken> taken = offer(event, receivedAt, sender);
        outcome(taken).increment();
        return taken;
    }

    private Counter outcome(Optional<Taken> taken) {
        if (taken.isEmpty()) {
            return left;
        }
        if (taken.get().receipts().contains(CallbackInbox.Receipt.STORED)) {
            return taken.get().delivered() ? delivered : waiting;
        }
        return stored; // a redelivery, or a conflict: the event was stored before, and not tried again
    }

    private Optional<Taken> offer(CallbackEvent event, Instant receivedAt, CallbackSender sender) {
        Attempt attempt = new Attempt(event, receivedAt, sender);
        Future<Optional<Taken>> result;
        try {
            Optional<Future<Optional<Taken>>> next = lanes.nextOnLane(event.callConnectionId(), attempt::run);
            if (next.isEmpty()) {
                return Optional.empty(); // the lane has a backlog: this event would only wait behind it
            }
            result = next.get();
        } catch (RejectedExecutionException stopping) {
            return Optional.empty();
        }
        try {
            try {
                return result.get(wait.toMillis(), TimeUnit.MILLISECONDS);
            } catch (TimeoutException busy) {
                if (attempt.abandon()) {
                    return Optional.empty(); // the lane had not begun it, and now never will
                }
                return result.get(BEGUN_WAIT.toMillis(), TimeUnit.MILLISECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            attempt.abandon();
            return Optional.empty();
        } catch (ExecutionException | TimeoutException e) {
            // Not known whether the lane's transaction committed: the usual path stores the delivery, and finds its
            // event stored already if it did (a redelivery, as far as the inbox can tell).
            log.warn("Delivering callback event {} on receipt did not finish ({}); storing it as usual", event.eventId(),
                    e.toString());
            return Optional.empty();
        }
    }

    /** One delivery, begun by the lane or abandoned by the webhook, never both. */
    private final class Attempt {

        private final CallbackEvent event;
        private final Instant receivedAt;
        private final CallbackSender sender;
        private final AtomicBoolean claimed = new AtomicBoolean();

        Attempt(CallbackEvent event, Instant receivedAt, CallbackSender sender) {
            this.event = event;
            this.receivedAt = receivedAt;
            this.sender = sender;
        }

        boolean abandon() {
            return claimed.compareAndSet(false, true);
        }

        /** On the call's lane. */
        Optional<Taken> run() {
            if (!claimed.compareAndSet(false, true)) {
                return Optional.empty();
            }
            String call = event.callConnectionId();
            CallOwner owner = ownership.ownerOf(call);
            // An unknown owner: the event waits for the news that the call is owned. Earlier events waiting: this
            // one must not overtake them. Either way the usual path stores it and the lane takes the call in order.
            if (owner == null || !inbox.pending(call).isEmpty()) {
                return Optional.empty();
            }
            try (MDC.MDCCloseable callId = MDC.putCloseable("callConnectionId", call);
                 MDC.MDCCloseable flow = MDC.putCloseable("processInstanceId", owner.flow())) {
                Taken taken = transactions.execute(status -> storeAndCorrelate(owner));
                return Optional.ofNullable(taken);
            } catch (RuntimeException e) {
                log.debug("Callback event {} was not delivered on receipt ({}); storing it as usual", event.eventId(), e.toString());
                return Optional.empty();
            }
        }

        private Taken storeAndCorrelate(CallOwner owner) {
            Tried tried = new Tried();
            CallbackInbox.Receipt receipt = inbox.storeHandled(event, receivedAt, sender, unstored -> {
                eventData.stored(List.of(event));
                correlator.correlate(unstored, owner, tried);
                if (tried.done()) {
                    eventData.forget(unstored);
                }
                return tried.handled;
            });
            // A redelivery or a conflict is not tried (its event is stored already): nothing new to deliver.
            return new Taken(List.of(receipt), tried.done());
        }
    }

    /**
     * What the correlation made of the event, for the row it is stored as: not tried, ended, or waiting with its
     * variables applied (the correlator does one of these per event).
     */
    private static final class Tried implements EventRecord {

        private CallbackInbox.Handled handled = CallbackInbox.Handled.WAITING;

        @Override
        public void finish(InboxStatus status, String processInstanceId, String reason) {
            handled = new CallbackInbox.Handled(status, false, processInstanceId, reason);
        }

        @Override
        public void variablesApplied(String processInstanceId) {
            handled = new CallbackInbox.Handled(InboxStatus.PENDING, true, processInstanceId, null);
        }

        boolean done() {
            return handled.status() != InboxStatus.PENDING;
        }
    }
}
