package com.switchboard.acs;

/** Send an incoming call to another party; a phone number target needs a caller ID. */
public record RedirectCallRequest(String incomingCallContext, Party target, Party callerId) {
}
