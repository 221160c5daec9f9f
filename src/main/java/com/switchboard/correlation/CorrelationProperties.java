package com.switchboard.correlation;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How stored callback events are taken to their flows. The keys are under {@code switchboard.callbacks}, beside
 * {@code reconcile} ({@link ReconcileProperties}): what becomes of a callback once it is stored.
 *
 * @param earlyEventTtl how long an event may wait for its flow to reach the matching wait state before
 *                      it is recorded as unmatched
 * @param sweepInterval how often events still waiting are retried anyway (the safety net; the normal
 *                      path is triggered by the wait state's commit)
 * @param lanes         parallel correlation lanes; one call's events always take the same lane
 * @param deliveryOnReceiptWait how long the webhook waits for its call's lane (with no backlog) to begin a callback,
 *                      to store it and deliver it to its flow in one transaction ({@link DeliveryOnLane}); after that,
 *                      or on a lane with a backlog, the usual path: stored first, correlated after; 0 turns this off
 */
@ConfigurationProperties("switchboard.callbacks")
public record CorrelationProperties(Duration earlyEventTtl, Duration sweepInterval, int lanes,
                                    @DefaultValue("100ms") Duration deliveryOnReceiptWait) {
}
