package com.switchboard.acs;

/** Mute an ACS user in the call. */
public record MuteRequest(String callConnectionId, Party participant, String operationContext) {
}
