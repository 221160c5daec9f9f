package com.switchboard.acs;

import java.util.List;

/**
 * Play sources to some participants of a call, or to everyone when {@code playTo} is empty.
 *
 * @param voice  the neural voice text is spoken with, or null for the locale's default
 * @param locale the language text is spoken in, or null
 */
public record PlayRequest(String callConnectionId, List<PlaySource> sources, List<Party> playTo, String voice,
                          String locale, boolean loop, boolean interruptCurrentMedia, String operationCallbackUrl,
                          String operationContext) {

    public PlayRequest {
        sources = List.copyOf(sources);
        playTo = List.copyOf(playTo);
    }
}
