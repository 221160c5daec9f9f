package com.switchboard.acs;

/** Take a participant off hold. */
public record UnholdRequest(String callConnectionId, Party participant, String operationCallbackUrl,
                            String operationContext) {
}
