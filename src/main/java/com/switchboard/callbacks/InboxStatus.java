package com.switchboard.callbacks;

/** Where a stored callback event stands. */
public enum InboxStatus {
    /** Stored; waiting for its flow (not known yet, or not yet at the wait state for it). */
    PENDING,
    /** Delivered to a BPMN wait state as a message. */
    CORRELATED,
    /** The flow models no wait for this event; it updated the call's variables. */
    APPLIED,
    /** Could not be delivered; {@code reason} says why. */
    UNMATCHED,
    /** Came to the callback URL of another call than this one (another flow's, or another of its flow): never delivered. */
    REJECTED
}
