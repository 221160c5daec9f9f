package com.switchboard.correlation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.switchboard.acs.DtmfTone;
import java.util.HashMap;
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
 *   <li>{@code recordingId}, {@code recordingState} ({@code active} / {@code inactive}): from RecordingStateChanged</li>
 * </ul>
 */
final class CallVariables {

    static final String PARTICIPANTS_SEQUENCE = "participantsSequenceNumber";
    /** Every variable an event may write (read once per event, against each variable of the flow). */
    static final Set<String> NAMES = Set.of("lastEvent", "serverCallId", "correlationId", "callState", "lastResultCode",
            "lastResultSubCode", "lastResultMessage", "participants", "participantCount", PARTICIPANTS_SEQUENCE,
            "recognizeOutcome", "recognitionType", "recognizedTones", "recognizedChoice", "recognizedPhrase",
            "recognizedSpeech", "recognitionConfidence", "lastTone", "lastToneSequenceId", "failedPlaySourceIndex",
            "recordingId", "recordingState");
    private static final Set<String> RECOGNIZE_EVENTS = Set.of("RecognizeCompleted", "RecognizeFailed", "RecognizeCanceled");
    /** The outcome a recognize's result code stands for; any other code of a failure is {@code failed}. */
    private static final Map<Integer, String> RECOGNIZE_OUTCOMES = Map.of(8531, "maxTonesReceived",
            8514, "stopToneDetected", 8532, "interToneTimeout", 8533, "choiceMatched", 8545, "choiceMatched",
            8569, "speechRecognized", 8510, "initialSilenceTimeout", 8547, "noChoiceMatched",
            8563, "speechNotRecognized", 8570, "speechNotRecognized");
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
        if (RECOGNIZE_EVENTS.contains(eventName)) {
            recognized(eventName, data, result, variables);
        }
        if ("ContinuousDtmfRecognitionToneReceived".equals(eventName)) {
            variables.put("lastTone", data.path("tone").isTextual() ? toneKey(data.path("tone").asText()) : null);
            variables.put("lastToneSequenceId", data.path("sequenceId").isNumber() ? data.path("sequenceId").asInt() : null);
        }
        if ("RecordingStateChanged".equals(eventName)) {
            copyText(data, "recordingId", variables);
            if (data.path("state").isTextual()) {
                variables.put("recordingState", data.path("state").asText());
            }
        }
        if ("PlayFailed".equals(eventName)) {
            variables.put("failedPlaySourceIndex",
                    data.path("failedPlaySourceIndex").isNumber() ? data.path("failedPlaySourceIndex").asInt() : null);
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

    /**
     * Every recognize variable, null where the event has none, so that a retry loop never reads the previous
     * attempt's values.
     */
    private static void recognized(String eventName, JsonNode data, JsonNode result, Map<String, Object> variables) {
        String outcome;
        if ("RecognizeCanceled".equals(eventName)) {
            outcome = "canceled";
        } else {
            int code = result.path("subCode").asInt(-1);
            outcome = RECOGNIZE_OUTCOMES.getOrDefault(code, "failed");
        }
        variables.put("recognizeOutcome", outcome);
        variables.put("recognitionType", data.path("recognitionType").isTextual() ? data.path("recognitionType").asText() : null);
        String tones = null;
        if (data.path("dtmfResult").path("tones").isArray()) {
            StringBuilder keys = new StringBuilder();
            data.path("dtmfResult").path("tones").forEach(tone -> keys.append(toneKey(tone.asText())));
            tones = keys.toString();
        }
        variables.put("recognizedTones", tones);
        JsonNode choice = data.path("choiceResult");
        JsonNode speech = data.path("speechResult");
        variables.put("recognizedChoice", choice.path("label").isTextual() ? choice.path("label").asText() : null);
        variables.put("recognizedPhrase",
                choice.path("recognizedPhrase").isTextual() ? choice.path("recognizedPhrase").asText() : null);
        variables.put("recognizedSpeech", speech.path("speech").isTextual() ? speech.path("speech").asText() : null);
        JsonNode confidence = choice.path("confidence").isNumber() ? choice.path("confidence") : speech.path("confidence");
        variables.put("recognitionConfidence", confidence.isNumber() ? confidence.asDouble() : null);
    }

    /**
     * The key a tone name of the API stands for: {@code one} is 1, {@code pound} is #, {@code a} is A; a name the API
     * does not have is kept as it came, so nothing the caller pressed is silently dropped.
     */
    static String toneKey(String tone) {
        return DtmfTone.ofWireName(tone).map(known -> String.valueOf(known.key())).orElse(tone);
    }

    private static void copyText(JsonNode data, String field, Map<String, Object> variables) {
        JsonNode value = data.get(field);
        if (value != null && value.isTextual() && !value.asText().isEmpty()) {
            variables.put(field, value.asText());
        }
    }
}
