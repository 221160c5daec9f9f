package com.switchboard.emulator.media;

import com.fasterxml.jackson.databind.JsonNode;
import com.switchboard.emulator.model.AcsApiException;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.List;

/** Reads the media parts of requests (play sources, tones) for the routes, answering 400/8523 for bad ones. */
public final class MediaRequests {

    private MediaRequests() {
    }

    /** A non-empty array of play sources; text and SSML only when {@code speechAllowed}. */
    public static List<PlaySource> playSources(JsonNode node, String field, boolean speechAllowed) {
        if (node == null || !node.isArray() || node.isEmpty()) {
            throw AcsApiException.invalidArgument("The field '" + field + "' must hold at least one play source.");
        }
        List<PlaySource> sources = new ArrayList<>();
        for (int i = 0; i < node.size(); i++) {
            sources.add(PlaySource.read(node.get(i), field + "[" + i + "]", speechAllowed));
        }
        return sources;
    }

    public static PlaySource playSource(JsonNode node, String field, boolean speechAllowed) {
        return PlaySource.read(node, field, speechAllowed);
    }

    public static Tone tone(String wireName, String field) {
        return Tone.read(wireName, field);
    }

    /**
     * The {@code callIntelligenceOptions.cognitiveServicesEndpoint} of a create, answer or connect request; null when
     * absent (or before 2026-03-12, which has no such field).
     */
    public static URI cognitiveServicesEndpoint(JsonNode callIntelligenceOptions) {
        if (callIntelligenceOptions == null || callIntelligenceOptions.isNull()) {
            return null;
        }
        String field = "callIntelligenceOptions.cognitiveServicesEndpoint";
        JsonNode endpoint = callIntelligenceOptions.path("cognitiveServicesEndpoint");
        if (endpoint.isMissingNode() || endpoint.isNull() || endpoint.asText("").isBlank()) {
            return null;
        }
        try {
            URI uri = new URI(endpoint.asText());
            if (!"https".equalsIgnoreCase(uri.getScheme()) || uri.getHost() == null) {
                throw AcsApiException.invalidArgument("The field '" + field + "' must be an absolute https URI.");
            }
            return uri;
        } catch (URISyntaxException e) {
            throw AcsApiException.invalidArgument("The field '" + field + "' is not a valid URI.");
        }
    }
}
