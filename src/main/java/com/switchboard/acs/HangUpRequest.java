package com.switchboard.acs;

/** Leave the call, or end it for everyone. */
public record HangUpRequest(String callConnectionId, boolean forEveryone) {
}
