package com.switchboard.correlation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The process variables an event updates, so analysts can branch on the call's state in gateways and
 * operators can see it in Cockpit, whether or not the flow waits for the event.
 *
 * <ul>
 *   <li>{@code serverCallId}, {@code correlationId}: when the event carries them</li>
 *   <li>{@code callState}: {@code connected} on CallConnected; {@code disconnected} on CallDisconnected and
 *       on CreateCallFailed / AnswerFailed / ConnectFailed</li>
 *   <li>{@code participants} (JSON array of raw ids) and {@code participantCount}: from the newest
 *       ParticipantsUpdated (by {@code sequenceNumber}; an older one arriving late changes nothing)</li>
 *   <li>{@code lastEvent}: the event's name; {@code lastResultCode}, {@code lastResultSubCode},
 *       {@code lastResultMessage}: from the event's resultInformation, when it has one</li>
 * </ul>
 */
final class CallVariables {

    static final String PARTICIPANTS_SEQUENCE = "participantsSequenceNumber";
    /** Every variable an event may write. */
    static final List<String> NAMES = List.of("lastEvent", "serverCallId", "correlationId", "callState", "lastResultCode",
            "lastResultSubCode", "lastResultMessage", "participants", "participantCount", PARTICIPANTS_SEQUENCE);
    private static final Set<String> ENDING_EVENTS =
            Set.of("CallDisconnected", "CreateCallFailed", "AnswerFailed", "ConnectFailed");

    private final ObjectMapper mapper;

    CallVariables(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    /**
     * @param lastParticipantsSequence the sequence number of the participant list the flow already has,
     *                                 or null
     */
    Map<String, Object> of(String eventName, JsonNode data, Integer lastParticipantsSequence) {
        Map<String, Object> variables = new HashMap<>();
        variables.put("lastEvent", eventName);
        copyText(data, "serverCallId", variables);
        copyText(data, "correlationId", variables);
        if ("CallConnected".equals(eventName)) {
            variables.put("callState", "connected");
        } else if (ENDING_EVENTS.contains(eventName)) {
            variables.put("callState", "disconnected");
        }
        JsonNode result = data.path("resultInformation");
        if (result.isObject()) {
            variables.put("lastResultCode", result.path("code").isNumber() ? result.path("code").asInt() : null);
            variables.put("lastResultSubCode", result.path("subCode").isNumber() ? result.path("subCode").asInt() : null);
            variables.put("lastResultMessage", result.path("message").isTextual() ? result.path("message").asText() : null);
        }
        if ("ParticipantsUpdated".equals(eventName) && data.path("participants").isArray()) {
            int sequence = data.path("sequenceNumber").asInt(0);
            if (lastParticipantsSequence == null || sequence >= lastParticipantsSequence) {
                ArrayNode rawIds = mapper.createArrayNode();
                data.path("participants").forEach(p -> rawIds.add(p.path("identifier").path("rawId").asText()));
                variables.put("participants", rawIds.toString());
                variables.put("participantCount", rawIds.size());
                variables.put(PARTICIPANTS_SEQUENCE, sequence);
            }
        }
        return variables;
    }

    /**
     * What the event changes, given the flow's current call variables: {@link #of} without the variables that
     * already hold the same value. The engine writes every variable it is given (and its history row), even one
     * that does not change, and most events repeat most of the call's state.
     */
    Map<String, Object> changes(String eventName, JsonNode data, Map<String, Object> current) {
        Object lastSequence = current.get(PARTICIPANTS_SEQUENCE);
        Map<String, Object> variables = of(eventName, data, lastSequence instanceof Integer sequence ? sequence : null);
        variables.entrySet().removeIf(variable -> current.containsKey(variable.getKey())
                && Objects.equals(current.get(variable.getKey()), variable.getValue()));
        return variables;
    }

    private static void copyText(JsonNode data, String field, Map<String, Object> variables) {
        JsonNode value = data.get(field);
        if (value != null && value.isTextual() && !value.asText().isEmpty()) {
            variables.put(field, value.asText());
        }
    }
}
