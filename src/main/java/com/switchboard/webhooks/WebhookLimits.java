package com.switchboard.webhooks;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

/**
 * What the public webhooks ({@code /api/callbacks}, {@code /api/incoming-calls}) accept at most; beyond it
 * they answer 413 and store nothing. ACS sends one event per callback POST and Event Grid batches are small.
 *
 * @param maxBodySize          the largest request body
 * @param maxEventsPerDelivery the most events one delivery may carry
 * @param bodyReadTimeout      how long a body may take to arrive, all of it (ACS and Event Grid send it at once)
 */
@ConfigurationProperties("switchboard.webhooks")
public record WebhookLimits(DataSize maxBodySize, int maxEventsPerDelivery, Duration bodyReadTimeout) {

    /** Refuses a delivery with more events than allowed. */
    public void checkEventCount(int events) {
        if (events > maxEventsPerDelivery) {
            throw new PayloadTooLargeException("The delivery has " + events + " events; at most "
                    + maxEventsPerDelivery + " are accepted at once");
        }
    }
}
