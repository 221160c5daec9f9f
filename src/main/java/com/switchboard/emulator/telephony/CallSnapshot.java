package com.switchboard.emulator.telephony;

import java.util.List;

/**
 * A point-in-time view of an emulated call, for the control API and tests.
 *
 * @param state {@code connecting}, {@code connected} or {@code disconnected}
 * @param source raw id of the application's identity in the call
 * @param targets raw ids the call was created for
 * @param participants raw ids currently in the call, the application's first
 * @param ringing raw ids invited but not yet answered
 * @param operations the Call Automation requests that acted on the call, oldest first
 */
public record CallSnapshot(
    String callConnectionId,
    String serverCallId,
    String correlationId,
    String state,
    String callbackUri,
    String source,
    List<String> targets,
    List<String> participants,
    List<String> ringing,
    List<CallOperation> operations) {
}
