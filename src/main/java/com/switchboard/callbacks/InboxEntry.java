package com.switchboard.callbacks;

import java.time.Instant;

/**
 * A stored callback event as the inbox holds it.
 *
 * @param claimedFlow    the flow whose callback URL the event came to (null where callback authentication is off):
 *                       it is delivered only if that flow owns the call
 * @param claimedCallKey the call key of that URL, which must be the owned call's
 * @param origin         {@code RECEIVED} (posted by ACS) or {@code RECONCILED} (what the call's state, asked of ACS,
 *                       proved: correlation/CallReconciler)
 */
public record InboxEntry(long id, String eventId, String eventType, String callConnectionId, String operationContext,
                         String payload, Instant receivedAt, InboxStatus status, boolean variablesApplied,
                         int attempts, String processInstanceId, String reason, Instant handledAt, String claimedFlow,
                         String claimedCallKey, String origin) {

    /** The BPMN message name: the event type without its {@code Microsoft.Communication.} prefix. */
    public String eventName() {
        return CallbackEvent.name(eventType);
    }
}
