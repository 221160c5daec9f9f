package com.switchboard.acs;

import java.time.Duration;

/**
 * Invite a party into a call.
 *
 * @param callerId             required for a phone number
 * @param invitationTimeout    how long it rings, or null for ACS's default
 * @param customContext        SIP or VoIP headers, or null
 * @param operationCallbackUrl where this operation's events go instead of the call's callback URL, or null
 */
public record AddParticipantRequest(String callConnectionId, Party participant, Party callerId,
                                    String sourceDisplayName, Duration invitationTimeout,
                                    CustomCallingContext customContext, String operationCallbackUrl,
                                    String operationContext) {
}
