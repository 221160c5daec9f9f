package com.switchboard.emulator.media;

import com.switchboard.emulator.model.AcsApiException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** A DTMF key, as the spec's {@code Tone} enum names it on the wire ({@code "one"}, {@code "pound"}). */
public enum Tone {
    ZERO('0', "zero"), ONE('1', "one"), TWO('2', "two"), THREE('3', "three"), FOUR('4', "four"), FIVE('5', "five"),
    SIX('6', "six"), SEVEN('7', "seven"), EIGHT('8', "eight"), NINE('9', "nine"), A('A', "a"), B('B', "b"),
    C('C', "c"), D('D', "d"), POUND('#', "pound"), ASTERISK('*', "asterisk");

    private final char key;
    private final String wireName;

    Tone(char key, String wireName) {
        this.key = key;
        this.wireName = wireName;
    }

    public char key() {
        return key;
    }

    public String wireName() {
        return wireName;
    }

    /** The tone of a key ({@code 0-9 * # A-D}, letters in either case). */
    public static Optional<Tone> ofKey(char key) {
        char upper = Character.toUpperCase(key);
        return Arrays.stream(values()).filter(t -> t.key == upper).findFirst();
    }

    /** The tone of a wire name ({@code "one"}); case-insensitive, as the service reads enums. */
    public static Optional<Tone> ofWireName(String name) {
        return Arrays.stream(values()).filter(t -> t.wireName.equalsIgnoreCase(name)).findFirst();
    }

    /**
     * The keys of a string such as {@code "12#"}; spaces and commas are ignored.
     *
     * @throws IllegalArgumentException naming the first character that is not a key
     */
    public static List<Tone> parseKeys(String keys) {
        List<Tone> tones = new ArrayList<>();
        for (char c : keys.toCharArray()) {
            if (c == ' ' || c == ',') {
                continue;
            }
            tones.add(ofKey(c).orElseThrow(() -> new IllegalArgumentException(
                "'" + c + "' is not a DTMF key (0-9, *, #, A-D): " + keys)));
        }
        return tones;
    }

    /** The tone of a request field; 400/8523 naming the field when it is not one of the enum's names. */
    static Tone read(String name, String field) {
        return ofWireName(name).orElseThrow(() -> AcsApiException.invalidArgument("The field '" + field
            + "' must be one of " + Arrays.stream(values()).map(Tone::wireName).toList() + ", was '" + name + "'."));
    }

    /** The keys as a string: {@code "12#"}. */
    static String keys(List<Tone> tones) {
        StringBuilder keys = new StringBuilder();
        tones.forEach(t -> keys.append(t.key));
        return keys.toString();
    }
}
