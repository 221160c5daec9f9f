package com.switchboard.acs;

import java.util.List;

/**
 * Create call: one target is a 1:1 call, several a group call. A phone number among them needs a caller ID.
 *
 * @param callbackUrl where ACS posts the call's events (the owning flow's, callbacks/CallbackUrls)
 */
public record CreateCallRequest(List<Party> targets, Party callerId, String sourceDisplayName, String callbackUrl,
                                String operationContext) {

    public CreateCallRequest {
        targets = List.copyOf(targets);
    }
}
