package com.switchboard.acs;

import java.util.List;

/**
 * Put a participant on hold, with music (the first play source) or silence when {@code holdMusic} is empty.
 */
public record HoldRequest(String callConnectionId, Party participant, List<PlaySource> holdMusic, String voice,
                          String locale, String operationCallbackUrl, String operationContext) {

    public HoldRequest {
        holdMusic = List.copyOf(holdMusic);
    }
}
