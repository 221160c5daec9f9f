package com.switchboard.emulator.media;

import com.switchboard.emulator.model.ApiVersion;
import com.switchboard.emulator.model.Identifier;
import java.net.URI;
import java.util.List;
import java.util.Objects;

/**
 * What a play (or a recognize's prompt, or hold music) asks for.
 *
 * @param playTo the participants who hear it; empty for everyone in the call
 * @param interrupt true to cancel what plays or is queued instead of queuing behind it
 * @param operationCallbackUri where its events go; null for the call's callback URI
 * @param version the api-version of the request, which decides the events' shapes
 */
public record PlayRequest(List<PlaySource> sources, List<Identifier> playTo, boolean loop, boolean interrupt,
                          String operationContext, URI operationCallbackUri, ApiVersion version) {

    public PlayRequest {
        sources = List.copyOf(Objects.requireNonNull(sources, "sources"));
        if (sources.isEmpty()) {
            throw new IllegalArgumentException("A play needs at least one source");
        }
        playTo = List.copyOf(Objects.requireNonNull(playTo, "playTo"));
        Objects.requireNonNull(version, "version");
    }
}
