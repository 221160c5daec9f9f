package com.switchboard.emulator.telephony;

/** The incoming call the emulator placed: what the IncomingCall event carries to identify it. */
public record IncomingCallResult(String serverCallId, String incomingCallContext, String correlationId) {
}
