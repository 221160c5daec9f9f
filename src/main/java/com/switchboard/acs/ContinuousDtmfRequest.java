package com.switchboard.acs;

/** Start or stop reporting each key one participant presses, as ContinuousDtmfRecognitionToneReceived events. */
public record ContinuousDtmfRequest(String callConnectionId, Party participant, String operationCallbackUrl,
                                    String operationContext) {
}
