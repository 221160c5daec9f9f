package com.switchboard.acs;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

/**
 * The identity of one action request across its retries: the same key means "the same request again",
 * and ACS answers it without acting twice.
 */
public record RequestKey(UUID id, Instant firstSent) {

    /** A key derived from something stable across retries, such as the id of the BPMN job. */
    public static RequestKey derivedFrom(String stableName, Instant firstSent) {
        return new RequestKey(UUID.nameUUIDFromBytes(stableName.getBytes(StandardCharsets.UTF_8)),
                firstSent.truncatedTo(ChronoUnit.SECONDS));
    }

    public static RequestKey random() {
        return new RequestKey(UUID.randomUUID(), Instant.now().truncatedTo(ChronoUnit.SECONDS));
    }
}
