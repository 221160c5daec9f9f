package com.switchboard.emulator.telephony;

import com.switchboard.emulator.model.AcsApiException;
import com.switchboard.emulator.model.Identifier;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;

/**
 * A call ringing the application, known by its incoming call context until it is answered, rejected, redirected,
 * abandoned by the caller or expired. Thread-safety: guarded by this object's monitor; {@link InboundCalls} holds it
 * across each check-then-act step (and, after it, the call connection's monitor).
 */
final class IncomingCall {

    enum State {
        RINGING, ANSWERED, REJECTED, REDIRECTED, ABANDONED, EXPIRED;

        String wireName() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    private final String serverCallId;
    private final String correlationId;
    private final String context;
    private final Identifier from;
    private final Identifier to;
    private final String callerDisplayName;
    private final Map<String, String> sipHeaders;
    private final Map<String, String> voipHeaders;
    private final Instant receivedAt;
    private final Instant expiresAt;
    private final Clock clock;
    private State state = State.RINGING;
    private boolean callerGone;
    private String callConnectionId;
    private String rejectReason;
    private Identifier redirectTarget;

    IncomingCall(String serverCallId, String correlationId, String context, Identifier from, Identifier to,
                 String callerDisplayName, Map<String, String> sipHeaders, Map<String, String> voipHeaders,
                 Clock clock, Duration timeout) {
        this.serverCallId = serverCallId;
        this.correlationId = correlationId;
        this.context = context;
        this.from = from;
        this.to = to;
        this.callerDisplayName = callerDisplayName;
        this.sipHeaders = Map.copyOf(sipHeaders);
        this.voipHeaders = Map.copyOf(voipHeaders);
        this.clock = clock;
        this.receivedAt = clock.instant();
        this.expiresAt = receivedAt.plus(timeout);
    }

    String serverCallId() {
        return serverCallId;
    }

    String correlationId() {
        return correlationId;
    }

    String context() {
        return context;
    }

    Identifier from() {
        return from;
    }

    Identifier to() {
        return to;
    }

    String callerDisplayName() {
        return callerDisplayName;
    }

    Map<String, String> sipHeaders() {
        return sipHeaders;
    }

    Map<String, String> voipHeaders() {
        return voipHeaders;
    }

    /** The state, expiring a call that rang (or was abandoned) past its timeout. */
    synchronized State state() {
        if ((state == State.RINGING || state == State.ABANDONED) && !clock.instant().isBefore(expiresAt)) {
            state = State.EXPIRED;
        }
        return state;
    }

    synchronized boolean callerGone() {
        return callerGone;
    }

    synchronized String callConnectionId() {
        return callConnectionId;
    }

    /**
     * Checks that the context may still be answered (also after the caller hung up: the answer then fails by event),
     * rejected or redirected.
     *
     * @param action for the error message, e.g. {@code answered}
     * @param abandonedAllowed whether a call the caller already hung up on is still accepted
     */
    synchronized void requireActionable(String action, boolean abandonedAllowed) {
        switch (state()) {
            case RINGING -> {
                // fine
            }
            case ABANDONED -> {
                if (!abandonedAllowed) {
                    throw new AcsApiException(404, "8522",
                        "Call not found: the caller hung up before the call could be " + action + ".");
                }
            }
            case EXPIRED -> throw new AcsApiException(404, "8522", "The incoming call context has expired: the call "
                + "was not answered, rejected or redirected in time and has stopped ringing.");
            case ANSWERED, REJECTED, REDIRECTED -> throw AcsApiException.invalidArgument(
                "The incoming call cannot be " + action + ": it was already " + state.wireName() + ".");
        }
    }

    synchronized void answered(String connectionId) {
        state = State.ANSWERED;
        callConnectionId = connectionId;
    }

    synchronized void rejected(String reason) {
        state = State.REJECTED;
        rejectReason = reason;
    }

    synchronized void redirected(Identifier target) {
        state = State.REDIRECTED;
        redirectTarget = target;
    }

    /** The caller hangs up; returns the state it was in. */
    synchronized State callerHangsUp() {
        State before = state();
        callerGone = true;
        if (before == State.RINGING) {
            state = State.ABANDONED;
        }
        return before;
    }

    synchronized IncomingCallSnapshot snapshot() {
        return new IncomingCallSnapshot(serverCallId, correlationId, context, from.rawId(), to.rawId(),
            callerDisplayName, state().wireName(), callConnectionId, rejectReason,
            redirectTarget == null ? null : redirectTarget.rawId(), receivedAt, expiresAt);
    }
}
