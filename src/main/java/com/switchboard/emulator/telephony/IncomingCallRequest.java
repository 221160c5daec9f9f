package com.switchboard.emulator.telephony;

import java.util.Map;
import java.util.Objects;

/**
 * Someone calls the application: the emulator raises a {@code Microsoft.Communication.IncomingCall} event.
 *
 * @param from the caller: an E.164 phone number ({@code +14255550123}) or a raw id ({@code 8:acs:...}, {@code 4:+1...})
 * @param to the callee the application answers for, in the same forms
 * @param callerDisplayName shown as {@code callerDisplayName}; null for none (sent as an empty string, as ACS does)
 * @param sipHeaders custom SIP headers of the call ({@code customContext.sipHeaders}), may be empty
 * @param voipHeaders custom VoIP headers of the call ({@code customContext.voipHeaders}), may be empty
 * @param contextLength the length of the {@code incomingCallContext}, a token that grows (with the call's headers,
 *                      among others); null for the usual few hundred characters
 */
public record IncomingCallRequest(String from, String to, String callerDisplayName, Map<String, String> sipHeaders,
                                  Map<String, String> voipHeaders, Integer contextLength) {

    public IncomingCallRequest {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        sipHeaders = sipHeaders == null ? Map.of() : Map.copyOf(sipHeaders);
        voipHeaders = voipHeaders == null ? Map.of() : Map.copyOf(voipHeaders);
    }

    public static IncomingCallRequest of(String from, String to) {
        return new IncomingCallRequest(from, to, null, Map.of(), Map.of(), null);
    }

    public IncomingCallRequest withCallerDisplayName(String value) {
        return new IncomingCallRequest(from, to, value, sipHeaders, voipHeaders, contextLength);
    }

    public IncomingCallRequest withSipHeaders(Map<String, String> value) {
        return new IncomingCallRequest(from, to, callerDisplayName, value, voipHeaders, contextLength);
    }

    public IncomingCallRequest withVoipHeaders(Map<String, String> value) {
        return new IncomingCallRequest(from, to, callerDisplayName, sipHeaders, value, contextLength);
    }

    /** An incoming call context of exactly this many characters. */
    public IncomingCallRequest withContextLength(int value) {
        return new IncomingCallRequest(from, to, callerDisplayName, sipHeaders, voipHeaders, value);
    }
}
