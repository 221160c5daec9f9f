package com.switchboard.callbacks;

import java.time.Instant;

/** A stored callback event as the inbox holds it. */
public record InboxEntry(long id, String eventId, String eventType, String callConnectionId, String operationContext,
                         String payload, Instant receivedAt, InboxStatus status, boolean variablesApplied,
                         int attempts, String processInstanceId, String reason, Instant handledAt) {

    /** The BPMN message name: the event type without its {@code Microsoft.Communication.} prefix. */
    public String eventName() {
        return CallbackEvent.name(eventType);
    }
}
