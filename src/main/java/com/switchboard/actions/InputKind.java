package com.switchboard.actions;

/**
 * What an action's input holds, as an analyst fills it in. Each kind has one reading in {@link Inputs} and one way
 * its element template field looks (checked by the template test).
 */
public enum InputKind {
    /** Any text. */
    TEXT("text"),
    /** A phone number like +14255550123 or a user id like 8:acs:... */
    PARTY("party"),
    /** One or more parties, separated by commas or semicolons. */
    PARTIES("parties"),
    /** A phone number of the ACS resource shown as the caller; required when a phone number is called. */
    CALLER_ID("caller ID"),
    /** A whole number of seconds within the input's range. */
    SECONDS("seconds"),
    /** An absolute http(s) URL. */
    URL("URL"),
    /** Name/value pairs, one {@code Name: value} per line. */
    HEADERS("headers"),
    /** true or false. */
    BOOLEAN("true / false"),
    /** One of a fixed list of words. */
    CHOICE("choice"),
    /** Play sources, one per line: an https file URL, an SSML document from {@code <speak} to {@code </speak>}, or text. */
    PROMPT("prompt"),
    /** DTMF keys 0-9, *, #, A-D as a string like {@code 1234#}; spaces and commas are ignored. */
    TONES("tones"),
    /** Recognize choices, one {@code label: phrase, phrase | tone} per line. */
    CHOICES("choices"),
    /** A whole number within the input's range. */
    NUMBER("number");

    private final String label;

    InputKind(String label) {
        this.label = label;
    }

    /** How the README and messages name the kind. */
    public String label() {
        return label;
    }
}
