package com.switchboard.emulator.faults;

/** The kinds of fault the emulator injects, as counted by {@code AcsEmulator.injectedFaults()}. */
public enum FaultKind {
    /** A delivered callback was POSTed once more. */
    DUPLICATE,
    /** A callback was held back to go after the call's next one (or until the hold ran out). */
    REORDER,
    /** A callback was delivered after an extra delay. */
    DELAY,
    /** The first POST of a callback was not made and counted as a failed attempt. */
    FAIL_FIRST_ATTEMPT,
    /** An action's response waited for the first callback it caused. */
    DELIVER_BEFORE_RESPONSE,
    /** An action was refused with 429, 500 or 503 without being carried out. */
    ACTION_FAULT
}
