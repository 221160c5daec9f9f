package com.switchboard.correlation;

/** Signals, after a commit, that waiting callback events may now find their flow. */
sealed interface CorrelationDue {

    /** An action recorded that a process instance owns this call. */
    record CallOwned(String callConnectionId) implements CorrelationDue {
    }

    /** A process instance reached a wait state for a message. */
    record WaitStateReached(String processInstanceId) implements CorrelationDue {
    }
}
