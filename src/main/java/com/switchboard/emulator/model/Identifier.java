package com.switchboard.emulator.model;

import java.util.Objects;

/**
 * A participant identity, keyed by its ACS raw id ({@code 8:acs:...} for ACS users, {@code 4:+1...} for phone
 * numbers, {@code 8:orgid:...} and friends for Teams users). The kind is derived from the raw id the same way
 * {@code CommunicationIdentifier.fromRawId} does.
 */
public record Identifier(Kind kind, String rawId) {

    private static final String PHONE_PREFIX = "4:";

    /** The {@code kind} values of {@code CommunicationIdentifierModel}. */
    public enum Kind {
        COMMUNICATION_USER("communicationUser"),
        PHONE_NUMBER("phoneNumber"),
        MICROSOFT_TEAMS_USER("microsoftTeamsUser"),
        UNKNOWN("unknown");

        private final String wireName;

        Kind(String wireName) {
            this.wireName = wireName;
        }

        public String wireName() {
            return wireName;
        }
    }

    public Identifier {
        Objects.requireNonNull(kind, "kind");
        if (rawId == null || rawId.isBlank()) {
            throw new IllegalArgumentException("rawId must not be blank");
        }
    }

    public static Identifier fromRawId(String rawId) {
        if (rawId.startsWith(PHONE_PREFIX)) {
            return new Identifier(Kind.PHONE_NUMBER, rawId);
        }
        for (String prefix : new String[] {"8:acs:", "8:spool:", "8:dod-acs:", "8:gcch-acs:"}) {
            if (rawId.startsWith(prefix)) {
                return new Identifier(Kind.COMMUNICATION_USER, rawId);
            }
        }
        for (TeamsCloud cloud : TeamsCloud.values()) {
            if (rawId.startsWith(cloud.prefix)) {
                return new Identifier(Kind.MICROSOFT_TEAMS_USER, rawId);
            }
        }
        return new Identifier(Kind.UNKNOWN, rawId);
    }

    /**
     * An identifier as people write it: an E.164 phone number ({@code +14255550123}) or a raw id.
     *
     * @throws AcsApiException 400/8523 naming {@code field} when it is blank or a malformed phone number
     */
    public static Identifier parse(String value, String field) {
        if (value == null || value.isBlank()) {
            throw AcsApiException.invalidArgument("The field '" + field + "' is required.");
        }
        String trimmed = value.trim();
        String number = trimmed.startsWith("+") ? trimmed
            : trimmed.startsWith(PHONE_PREFIX) ? trimmed.substring(PHONE_PREFIX.length()) : null;
        if (number != null) {
            if (!number.matches("\\+[0-9]{3,15}")) {
                throw AcsApiException.invalidArgument(
                    "The phone number '" + number + "' in '" + field + "' is not in E.164 format.");
            }
            return phoneNumber(number);
        }
        return fromRawId(trimmed);
    }

    public static Identifier phoneNumber(String number) {
        return new Identifier(Kind.PHONE_NUMBER, PHONE_PREFIX + number);
    }

    public static Identifier communicationUser(String id) {
        return new Identifier(Kind.COMMUNICATION_USER, id);
    }

    public static Identifier teamsUser(String userId, boolean anonymous, String cloud) {
        TeamsCloud teamsCloud = anonymous ? TeamsCloud.VISITOR : TeamsCloud.fromWireName(cloud);
        return new Identifier(Kind.MICROSOFT_TEAMS_USER, teamsCloud.prefix + userId);
    }

    public boolean isPhoneNumber() {
        return kind == Kind.PHONE_NUMBER;
    }

    /** The E.164 number of a phone identifier. */
    public String phoneNumber() {
        if (!isPhoneNumber()) {
            throw new IllegalStateException(rawId + " is not a phone number");
        }
        return rawId.substring(PHONE_PREFIX.length());
    }

    /** The Teams cloud (and anonymity) encoded in a Teams user's raw id. */
    public TeamsCloud teamsCloud() {
        for (TeamsCloud cloud : TeamsCloud.values()) {
            if (rawId.startsWith(cloud.prefix)) {
                return cloud;
            }
        }
        throw new IllegalStateException(rawId + " is not a Teams user");
    }

    /** The Teams user id without the cloud prefix. */
    public String teamsUserId() {
        return rawId.substring(teamsCloud().prefix.length());
    }

    /** Raw id prefixes of Microsoft Teams users per cloud. */
    public enum TeamsCloud {
        VISITOR("8:teamsvisitor:", "public"),
        PUBLIC("8:orgid:", "public"),
        DOD("8:dod:", "dod"),
        GCCH("8:gcch:", "gcch");

        private final String prefix;
        private final String wireName;

        TeamsCloud(String prefix, String wireName) {
            this.prefix = prefix;
            this.wireName = wireName;
        }

        static TeamsCloud fromWireName(String cloud) {
            if (cloud == null) {
                return PUBLIC;
            }
            return switch (cloud) {
                case "dod" -> DOD;
                case "gcch" -> GCCH;
                default -> PUBLIC;
            };
        }

        public String wireName() {
            return wireName;
        }

        public boolean anonymous() {
            return this == VISITOR;
        }
    }
}
