package com.switchboard.emulator.media;

import com.fasterxml.jackson.databind.JsonNode;
import com.switchboard.emulator.model.AcsApiException;

/**
 * One {@code PlaySource} of a play, recognize prompt or hold music: a file ({@code url}), text to speech
 * ({@code text}, with its voice and locale) or SSML ({@code ssml}).
 *
 * @param kind {@code file}, {@code text} or {@code ssml}
 */
public record PlaySource(Kind kind, String url, String text, String voice, String locale, String ssml) {

    /** The spec's {@code PlaySourceType}. */
    public enum Kind {
        FILE("file"), TEXT("text"), SSML("ssml");

        private final String wireName;

        Kind(String wireName) {
            this.wireName = wireName;
        }

        public String wireName() {
            return wireName;
        }
    }

    /** Text to speech needs a Cognitive Services endpoint on the call; a file does not. */
    boolean needsCognitiveServices() {
        return kind != Kind.FILE;
    }

    /**
     * Reads a {@code PlaySource} of a request.
     *
     * @param field the field's path for messages ({@code playSources[0]})
     * @param speechAllowed false before 2026-03-12 (file sources only)
     * @throws AcsApiException 400/8523 naming the field when it is not a usable source
     */
    static PlaySource read(JsonNode node, String field, boolean speechAllowed) {
        if (node == null || !node.isObject()) {
            throw AcsApiException.invalidArgument("The field '" + field + "' must be a play source object.");
        }
        String kind = node.path("kind").asText("");
        if (kind.isEmpty()) {
            kind = node.has("file") ? "file" : node.has("text") ? "text" : node.has("ssml") ? "ssml" : "";
        }
        switch (kind.toLowerCase(java.util.Locale.ROOT)) {
            case "file" -> {
                String uri = required(node.path("file").path("uri"), field + ".file.uri");
                return new PlaySource(Kind.FILE, uri, null, null, null, null);
            }
            case "text" -> {
                requireSpeech(speechAllowed, field);
                JsonNode text = node.path("text");
                String value = required(text.path("text"), field + ".text.text");
                if (value.length() > 4000) {
                    throw AcsApiException.invalidArgument("The field '" + field + ".text.text' must be at most 4000 "
                        + "characters (use SSML for longer text), was " + value.length() + ".");
                }
                return new PlaySource(Kind.TEXT, null, value, optional(text.path("voiceName")),
                    optional(text.path("sourceLocale")), null);
            }
            case "ssml" -> {
                requireSpeech(speechAllowed, field);
                String ssml = required(node.path("ssml").path("ssmlText"), field + ".ssml.ssmlText");
                return new PlaySource(Kind.SSML, null, null, null, null, ssml);
            }
            default -> throw AcsApiException.invalidArgument("The field '" + field + ".kind' must be one of file, "
                + "text, ssml" + (speechAllowed ? "" : " (text and ssml from api-version 2026-03-12 on)") + ".");
        }
    }

    private static void requireSpeech(boolean speechAllowed, String field) {
        if (!speechAllowed) {
            throw AcsApiException.invalidArgument("The field '" + field + "' must be a file source at this "
                + "api-version; text and SSML sources exist from 2026-03-12 on.");
        }
    }

    private static String required(JsonNode node, String field) {
        if (!node.isTextual() || node.asText().isBlank()) {
            throw AcsApiException.invalidArgument("The field '" + field + "' is required.");
        }
        return node.asText();
    }

    private static String optional(JsonNode node) {
        return node.isTextual() && !node.asText().isBlank() ? node.asText() : null;
    }
}
