package com.switchboard.acs;

import java.util.Objects;

/**
 * One thing ACS plays: text to speech, an SSML document, or an audio file at an https URL.
 *
 * @param type  what the value is
 * @param value the text, the SSML document, or the file's URL
 */
public record PlaySource(Type type, String value) {

    /** The kinds of play source the Call Automation API knows. */
    public enum Type { TEXT, SSML, FILE }

    public PlaySource {
        Objects.requireNonNull(type);
        Objects.requireNonNull(value);
    }

    public static PlaySource text(String text) {
        return new PlaySource(Type.TEXT, text);
    }

    public static PlaySource ssml(String ssml) {
        return new PlaySource(Type.SSML, ssml);
    }

    public static PlaySource file(String url) {
        return new PlaySource(Type.FILE, url);
    }
}
