package com.switchboard.acs;

import java.util.regex.Pattern;

/**
 * Someone who can be in a call, by the raw id ACS uses for it. Accepts what an analyst types: an
 * E.164 phone number ({@code +14255550123}) or its raw form ({@code 4:+14255550123}), an ACS user
 * ({@code 8:acs:...}) or a Teams user ({@code 8:orgid:...}).
 */
public record Party(String rawId, Kind kind) {

    public enum Kind { PHONE_NUMBER, ACS_USER, TEAMS_USER }

    private static final Pattern E164 = Pattern.compile("\\+[1-9][0-9]{6,14}");
    /** Longer than any raw id ACS gives out (an ACS user's is about 80 characters, a phone number's at most 17). */
    static final int MAX_LENGTH = 256;

    public static Party parse(String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("it is empty");
        }
        String value = text.trim();
        if (value.length() > MAX_LENGTH) {
            throw new IllegalArgumentException("it is " + value.length() + " characters long; no phone number or user id "
                    + "is that long");
        }
        String phone = value.startsWith("4:") ? value.substring(2) : value;
        if (E164.matcher(phone).matches()) {
            return new Party("4:" + phone, Kind.PHONE_NUMBER);
        }
        if (value.startsWith("8:acs:") || value.startsWith("8:spool:") || value.startsWith("8:dod-acs:")
                || value.startsWith("8:gcch-acs:")) {
            return new Party(value, Kind.ACS_USER);
        }
        if (value.startsWith("8:orgid:") || value.startsWith("8:dod:") || value.startsWith("8:gcch:")
                || value.startsWith("8:teamsvisitor:")) {
            return new Party(value, Kind.TEAMS_USER);
        }
        throw new IllegalArgumentException("'" + value + "' is neither a phone number in international format "
                + "(like +14255550123) nor a user id (like 8:acs:...)");
    }

    /** A phone number in international format, as a caller ID must be. */
    public static Party parsePhoneNumber(String text) {
        Party party = parse(text);
        if (party.kind != Kind.PHONE_NUMBER) {
            throw new IllegalArgumentException("'" + text + "' is not a phone number in international format (like +14255550123)");
        }
        return party;
    }

    public boolean isPhoneNumber() {
        return kind == Kind.PHONE_NUMBER;
    }

    /** The phone number without the {@code 4:} prefix, for phone numbers. */
    public String phoneNumber() {
        return rawId.substring(2);
    }

    @Override
    public String toString() {
        return rawId;
    }
}
