package com.switchboard.acs;

/** Withdraw an invitation made by add participant. */
public record CancelAddParticipantRequest(String callConnectionId, String invitationId, String operationCallbackUrl,
                                          String operationContext) {
}
