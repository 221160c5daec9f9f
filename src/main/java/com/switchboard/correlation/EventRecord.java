package com.switchboard.correlation;

import com.switchboard.callbacks.CallbackInbox;
import com.switchboard.callbacks.InboxStatus;

/**
 * Where {@link EventCorrelator} writes what became of an event: the event's row in the inbox, or, for an event delivered
 * in the transaction that stores it, the row it is about to be stored as ({@code DeliveryOnLane}), so that it is
 * inserted once, as it ends, instead of inserted as pending and then updated.
 */
interface EventRecord {

    /** The event is done with: correlated, applied, unmatched or rejected. */
    void finish(InboxStatus status, String processInstanceId, String reason);

    /** The event waits on, its variables applied to the flow's call variables. */
    void variablesApplied(String processInstanceId);

    /** The row of a stored event. */
    static EventRecord stored(CallbackInbox inbox, long id) {
        return new EventRecord() {
            @Override
            public void finish(InboxStatus status, String processInstanceId, String reason) {
                inbox.finish(id, status, processInstanceId, reason);
            }

            @Override
            public void variablesApplied(String processInstanceId) {
                inbox.markVariablesApplied(id, processInstanceId);
            }
        };
    }
}
