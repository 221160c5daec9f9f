package com.switchboard.acs;

/** Take a participant out of the call. */
public record RemoveParticipantRequest(String callConnectionId, Party participant, String operationCallbackUrl,
                                       String operationContext) {
}
