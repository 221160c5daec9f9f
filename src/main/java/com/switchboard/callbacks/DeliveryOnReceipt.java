package com.switchboard.callbacks;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * A first try at delivering a callback to its flow in the transaction that stores it: one commit instead of two for
 * the common case (one event, no earlier event of its call still waiting). Correlation offers it; the webhook stores
 * alone, and correlation follows as usual, whenever the offer is not taken.
 */
public interface DeliveryOnReceipt {

    /**
     * What became of a delivery taken.
     *
     * @param receipts  what became of each event, as {@link CallbackInbox#store} says
     * @param delivered whether the stored event is done with already; if not, it waits in the inbox as any other
     */
    record Taken(List<CallbackInbox.Receipt> receipts, boolean delivered) {
    }

    /**
     * Stores the delivery and tries its event on the flow in one transaction.
     *
     * @return empty when not taken, and then nothing of the delivery is stored
     */
    Optional<Taken> storeAndDeliver(CallbackEvent event, Instant receivedAt, CallbackSender sender);
}
