package com.switchboard.emulator.telephony;

/** How an emulated callee reacts when the emulator calls it. */
public enum PhoneBehaviour {
    /** Answers after the answer delay. */
    ANSWER,
    /** Rejects as busy (SIP 486) after the answer delay. */
    BUSY,
    /** Is temporarily unavailable (SIP 480) after the answer delay. */
    UNAVAILABLE,
    /** Declines (SIP 603) after the answer delay. */
    DECLINE,
    /** Rings until the ring timeout (or the invitation timeout of add participant), then fails with 408. */
    NO_ANSWER,
    /** Answers after the answer delay and hangs up once the rule's {@code after} has passed. */
    HANG_UP_AFTER
}
