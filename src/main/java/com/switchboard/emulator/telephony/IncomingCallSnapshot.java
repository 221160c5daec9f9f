package com.switchboard.emulator.telephony;

import java.time.Instant;

/**
 * A point-in-time view of an incoming call, for the control API and tests.
 *
 * @param from raw id of the caller
 * @param to raw id of the callee
 * @param state {@code ringing}, {@code answered}, {@code rejected}, {@code redirected}, {@code abandoned} (the
 *     caller hung up before anyone answered) or {@code expired} (nobody answered within the incoming call timeout)
 * @param callConnectionId the call connection that answered it, else null
 * @param rejectReason {@code none}, {@code busy} or {@code forbidden} once rejected, else null
 * @param redirectTarget raw id it was redirected to, else null
 * @param expiresAt when its incoming call context expires unless answered, rejected or redirected before
 */
public record IncomingCallSnapshot(
    String serverCallId,
    String correlationId,
    String incomingCallContext,
    String from,
    String to,
    String callerDisplayName,
    String state,
    String callConnectionId,
    String rejectReason,
    String redirectTarget,
    Instant receivedAt,
    Instant expiresAt) {
}
