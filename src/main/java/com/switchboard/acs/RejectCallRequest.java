package com.switchboard.acs;

/** Decline an incoming call with a reason: none, busy or forbidden. */
public record RejectCallRequest(String incomingCallContext, String reason) {
}
