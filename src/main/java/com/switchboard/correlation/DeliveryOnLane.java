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
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
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
    private final Map<Left, Counter> leftBecause = new EnumMap<>(Left.class);

    /** Why a callback was left to the usual path: what to tune (lanes, the wait) or what went wrong. */
    enum Left {
        /** The call's lane had work queued: the event would only have waited behind it. */
        LANE_BUSY("lane-busy"),
        /** The lane did not begin it within {@code delivery-on-receipt-wait}. */
        LANE_LATE("lane-late"),
        /** The call's owner is not known (yet) on this node. */
        OWNER_UNKNOWN("owner-unknown"),
        /** An earlier event of the call waits in the inbox: this one must not overtake it. */
        EARLIER_WAITING("earlier-waiting"),
        /** The transaction failed and was rolled back. */
        ROLLED_BACK("rolled-back"),
        /** Begun, but not known to have finished in time, or the node is stopping. */
        UNFINISHED("unfinished");

        private final String tag;

        Left(String tag) {
            this.tag = tag;
        }
    }

    /** What an offer came to: taken, or left to the usual path for a reason. */
    private record Offered(Taken taken, Left left) {

        static Offered left(Left reason) {
            return new Offered(null, reason);
        }
    }

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
        for (Left reason : Left.values()) {
            leftBecause.put(reason, Counter.builder("switchboard.callbacks.on-receipt.left").tag("reason", reason.tag)
                    .description("Single callbacks left to the usual path (stored, then correlated), by why")
                    .register(meters));
        }
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
        Offered offered = offer(event, receivedAt, sender);
        if (offered.taken() == null) {
            left.increment();
            leftBecause.get(offered.left()).increment();
            return Optional.empty();
        }
        Taken taken = offered.taken();
        if (!taken.receipts().contains(CallbackInbox.Receipt.STORED)) {
            stored.increment(); // a redelivery, or a conflict: the event was stored before, and not tried again
        } else {
            (taken.delivered() ? delivered : waiting).increment();
        }
        return Optional.of(taken);
    }

    private Offered offer(CallbackEvent event, Instant receivedAt, CallbackSender sender) {
        Attempt attempt = new Attempt(event, receivedAt, sender);
        Future<Offered> result;
        try {
            Optional<Future<Offered>> next = lanes.nextOnLane(event.callConnectionId(), attempt::run);
            if (next.isEmpty()) {
                return Offered.left(Left.LANE_BUSY); // this event would only wait behind the lane's backlog
            }
            result = next.get();
        } catch (RejectedExecutionException stopping) {
            return Offered.left(Left.UNFINISHED);
        }
        try {
            try {
                return result.get(wait.toMillis(), TimeUnit.MILLISECONDS);
            } catch (TimeoutException busy) {
                if (attempt.abandon()) {
                    return Offered.left(Left.LANE_LATE); // the lane had not begun it, and now never will
                }
                return result.get(BEGUN_WAIT.toMillis(), TimeUnit.MILLISECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            attempt.abandon();
            return Offered.left(Left.UNFINISHED);
        } catch (ExecutionException | TimeoutException e) {
            // Not known whether the lane's transaction committed: the usual path stores the delivery, and finds its
            // event stored already if it did (a redelivery, as far as the inbox can tell).
            log.warn("Delivering callback event {} on receipt did not finish ({}); storing it as usual", event.eventId(),
                    e.toString());
            return Offered.left(Left.UNFINISHED);
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
        Offered run() {
            if (!claimed.compareAndSet(false, true)) {
                return Offered.left(Left.LANE_LATE); // abandoned by the webhook, which counts it
            }
            String call = event.callConnectionId();
            CallOwner owner = ownership.ownerOf(call);
            // An unknown owner: the event waits for the news that the call is owned. Earlier events waiting: this
            // one must not overtake them. Either way the usual path stores it and the lane takes the call in order.
            if (owner == null) {
                return Offered.left(Left.OWNER_UNKNOWN);
            }
            if (!inbox.pending(call).isEmpty()) {
                return Offered.left(Left.EARLIER_WAITING);
            }
            try (MDC.MDCCloseable callId = MDC.putCloseable("callConnectionId", call);
                 MDC.MDCCloseable flow = MDC.putCloseable("processInstanceId", owner.flow())) {
                return new Offered(transactions.execute(status -> storeAndCorrelate(owner)), null);
            } catch (RuntimeException e) {
                log.debug("Callback event {} was not delivered on receipt ({}); storing it as usual", event.eventId(), e.toString());
                return Offered.left(Left.ROLLED_BACK);
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
