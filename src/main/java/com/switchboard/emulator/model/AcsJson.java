package com.switchboard.emulator.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

/**
 * Reads and writes the shared Call Automation JSON models ({@code CommunicationIdentifierModel},
 * {@code CallParticipant}, {@code ResultInformation}, {@code CommunicationErrorResponse}).
 */
public final class AcsJson {

    /** Instants (in snapshots) are written as ISO-8601 strings. */
    public static final ObjectMapper MAPPER = new ObjectMapper()
        .registerModule(new JavaTimeModule())
        .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

    private AcsJson() {
    }

    public static ObjectNode object() {
        return MAPPER.createObjectNode();
    }

    /** A {@code CommunicationIdentifierModel} as responses carry it: kind, rawId and the kind's own property. */
    public static ObjectNode identifier(Identifier identifier) {
        ObjectNode node = object();
        node.put("kind", identifier.kind().wireName());
        node.put("rawId", identifier.rawId());
        switch (identifier.kind()) {
            case COMMUNICATION_USER -> node.putObject("communicationUser").put("id", identifier.rawId());
            case PHONE_NUMBER -> node.putObject("phoneNumber").put("value", identifier.phoneNumber());
            case MICROSOFT_TEAMS_USER -> {
                ObjectNode teams = node.putObject("microsoftTeamsUser");
                teams.put("userId", identifier.teamsUserId());
                teams.put("isAnonymous", identifier.teamsCloud().anonymous());
                teams.put("cloud", identifier.teamsCloud().wireName());
            }
            case UNKNOWN -> {
                // an unknown identifier is described by kind and rawId alone
            }
        }
        return node;
    }

    /** A {@code CommunicationUserIdentifierModel} or {@code PhoneNumberIdentifierModel}: only the kind's own object. */
    public static ObjectNode bareIdentifier(Identifier identifier) {
        return identifier.isPhoneNumber()
            ? object().put("value", identifier.phoneNumber())
            : object().put("id", identifier.rawId());
    }

    /** A {@code CallParticipant}; {@code isOnHold} exists from api-version 2024-09-15 on. */
    public static ObjectNode participant(Identifier identifier, boolean muted, boolean onHold, ApiVersion version) {
        ObjectNode node = object();
        node.set("identifier", identifier(identifier));
        node.put("isMuted", muted);
        if (version.hasHoldState()) {
            node.put("isOnHold", onHold);
        }
        return node;
    }

    public static ObjectNode resultInformation(ResultInfo result) {
        return object().put("code", result.code()).put("subCode", result.subCode()).put("message", result.message());
    }

    public static ObjectNode error(String code, String message) {
        ObjectNode node = object();
        node.putObject("error").put("code", code).put("message", message);
        return node;
    }

    /**
     * Parses a {@code CommunicationIdentifierModel} from a request. The kind's own property wins over rawId,
     * as in the service; a bare rawId is accepted too.
     *
     * @throws AcsApiException 400/8523 naming {@code field} when the model identifies nobody
     */
    public static Identifier readIdentifier(JsonNode node, String field) {
        if (node == null || !node.isObject()) {
            throw AcsApiException.invalidArgument("The field '" + field + "' is required and must be an identifier.");
        }
        String userId = node.path("communicationUser").path("id").asText("");
        if (!userId.isBlank()) {
            return Identifier.communicationUser(userId);
        }
        String phone = node.path("phoneNumber").path("value").asText("");
        if (!phone.isBlank()) {
            return readPhoneNumber(phone, field);
        }
        JsonNode teams = node.path("microsoftTeamsUser");
        if (!teams.path("userId").asText("").isBlank()) {
            return Identifier.teamsUser(teams.path("userId").asText(), teams.path("isAnonymous").asBoolean(false),
                teams.path("cloud").asText(null));
        }
        String rawId = node.path("rawId").asText("");
        if (!rawId.isBlank()) {
            return Identifier.fromRawId(rawId);
        }
        throw AcsApiException.invalidArgument("The field '" + field + "' does not identify a participant.");
    }

    /** Parses a {@code PhoneNumberIdentifierModel} ({@code {"value": "+1..."}}). */
    public static Identifier readPhoneNumberModel(JsonNode node, String field) {
        String value = node == null ? "" : node.path("value").asText("");
        if (value.isBlank()) {
            throw AcsApiException.invalidArgument("The field '" + field + ".value' is required.");
        }
        return readPhoneNumber(value, field);
    }

    private static Identifier readPhoneNumber(String value, String field) {
        if (!value.matches("\\+[0-9]{3,15}")) {
            throw AcsApiException.invalidArgument(
                "The phone number '" + value + "' in '" + field + "' is not in E.164 format.");
        }
        return Identifier.phoneNumber(value);
    }
}
