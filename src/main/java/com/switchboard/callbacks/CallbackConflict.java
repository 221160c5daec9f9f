package com.switchboard.callbacks;

import java.time.Instant;

/**
 * A callback event that came with the id of a stored event but another payload: the stored event stays as it is,
 * this is kept for an operator to look at.
 *
 * @param payload       the payload that came again, as received
 * @param storedPayload the payload stored under the id, the one the flow got (null once the stored event is gone)
 */
public record CallbackConflict(long id, String eventId, String payload, Instant receivedAt, String storedPayload) {
}
