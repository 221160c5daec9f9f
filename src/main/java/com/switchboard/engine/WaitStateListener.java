package com.switchboard.engine;

/**
 * Told when an execution enters an element that opens a message subscription (a message catch event, a receive task,
 * an event-based gateway, an activity with a message boundary event, a scope with a message event subprocess): the
 * flow is about to wait for a message. Called inside the engine's transaction; a bean of this type is found by
 * {@link ParseHooks}.
 */
public interface WaitStateListener {

    void waitingForMessage(String processInstanceId);
}
