package com.switchboard.acs;

import java.util.Locale;
import java.util.Optional;

/**
 * A DTMF key and the name the Call Automation API gives it on the wire ({@code "one"}, {@code "pound"}, {@code "a"}):
 * requests send the name, events (RecognizeCompleted's tones, ContinuousDtmfRecognitionToneReceived's tone) carry it.
 * Flows see the key, as the caller pressed it.
 */
public enum DtmfTone {
    ZERO('0'), ONE('1'), TWO('2'), THREE('3'), FOUR('4'), FIVE('5'), SIX('6'), SEVEN('7'), EIGHT('8'), NINE('9'),
    A('A'), B('B'), C('C'), D('D'), POUND('#'), ASTERISK('*');

    private final char key;

    DtmfTone(char key) {
        this.key = key;
    }

    public char key() {
        return key;
    }

    /** The API's name of the tone. */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The tone of a key (0-9, *, #, A-D; a-d too). */
    public static DtmfTone ofKey(char key) {
        char upper = Character.toUpperCase(key);
        for (DtmfTone tone : values()) {
            if (tone.key == upper) {
                return tone;
            }
        }
        throw new IllegalArgumentException("No DTMF key: " + key);
    }

    /** The tone an event names, in any case; empty for a name the API does not have. */
    public static Optional<DtmfTone> ofWireName(String name) {
        for (DtmfTone tone : values()) {
            if (tone.name().equalsIgnoreCase(name)) {
                return Optional.of(tone);
            }
        }
        return Optional.empty();
    }
}
