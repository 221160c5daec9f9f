package com.switchboard.acs;

import java.util.List;

/**
 * Create call: one target is a 1:1 call, several a group call. A phone number among them needs a caller ID.
 *
 * @param callbackUrl               where ACS posts the call's events (the owning flow's, callbacks/CallbackUrls)
 * @param cognitiveServicesEndpoint the Azure AI services endpoint for text to speech and speech recognition on the
 *                                  call, or null for the configured one
 */
public record CreateCallRequest(List<Party> targets, Party callerId, String sourceDisplayName, String callbackUrl,
                                String operationContext, String cognitiveServicesEndpoint) {

    public CreateCallRequest {
        targets = List.copyOf(targets);
    }
}
