package com.switchboard.acs;

/**
 * Send DTMF keys to a participant on a phone number.
 *
 * @param tones the keys as a string like {@code 1234#}
 */
public record SendDtmfTonesRequest(String callConnectionId, Party participant, String tones,
                                   String operationCallbackUrl, String operationContext) {
}
