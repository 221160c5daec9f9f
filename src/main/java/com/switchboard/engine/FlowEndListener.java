package com.switchboard.engine;

/**
 * Told when a process instance ends, however it ends: its end event, a cancellation in Cockpit, a deletion, even one
 * that skips custom listeners. Called inside the engine's transaction; a bean of this type is found by
 * {@link ParseHooks}.
 */
public interface FlowEndListener {

    void flowEnded(String processInstanceId);
}
