package com.switchboard.acs;

/** Stop every play and recognize running or queued in the call. */
public record CancelAllMediaRequest(String callConnectionId, String operationCallbackUrl, String operationContext) {
}
