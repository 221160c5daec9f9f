package com.switchboard.emulator.delivery;

import com.switchboard.emulator.faults.FaultKind;
import java.time.Instant;
import java.util.List;

/**
 * A record of one callback event (or Event Grid delivery) the emulator tried to send.
 *
 * @param type the event name without the {@code Microsoft.Communication.} prefix, e.g. {@code CallConnected}
 * @param callConnectionId the call the event belongs to; null for Event Grid deliveries
 * @param callbackUri where it was POSTed
 * @param status the HTTP status of the last attempt, or -1 when no response arrived
 * @param attempts how many attempts were made
 * @param delivered whether an attempt got a 2xx answer
 * @param event the CloudEvent JSON that was POSTed (as the single element of the JSON array); for Event Grid the
 *     body that was sent
 * @param time when the outcome was known
 * @param faults the faults injected into this delivery ({@link FaultKind#DUPLICATE} marks the second POST of an
 *     event, whose {@code event} carries the same {@code id}); empty for Event Grid deliveries
 */
public record DeliveredEvent(
    String type,
    String callConnectionId,
    String callbackUri,
    int status,
    int attempts,
    boolean delivered,
    String event,
    Instant time,
    List<FaultKind> faults) {

    public DeliveredEvent {
        faults = List.copyOf(faults);
    }
}
