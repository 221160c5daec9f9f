package com.switchboard.correlation;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CallVariablesTest {

    private final ObjectMapper mapper = new ObjectMapper();
    private final CallVariables variables = new CallVariables(mapper);

    @Test
    void aFailureRecordsTheResultAndEndsTheCallState() throws Exception {
        Map<String, Object> vars = variables.of("CreateCallFailed", json("""
                {"callConnectionId":"c1","serverCallId":"s1","correlationId":"k1",
                 "resultInformation":{"code":603,"subCode":560603,"message":"Declined"}}"""), null);
        assertThat(vars).containsEntry("callState", "disconnected").containsEntry("lastResultCode", 603)
                .containsEntry("lastResultSubCode", 560603).containsEntry("lastResultMessage", "Declined")
                .containsEntry("serverCallId", "s1").containsEntry("correlationId", "k1")
                .containsEntry("lastEvent", "CreateCallFailed");
    }

    @Test
    void participantsComeFromTheNewestListOnly() throws Exception {
        JsonNode update = json("""
                {"sequenceNumber":3,"participants":[{"identifier":{"rawId":"4:+14255550123"}},
                                                     {"identifier":{"rawId":"8:acs:agent"}}]}""");
        assertThat(variables.of("ParticipantsUpdated", update, 2))
                .containsEntry("participants", "[\"4:+14255550123\",\"8:acs:agent\"]")
                .containsEntry("participantCount", 2).containsEntry(CallVariables.PARTICIPANTS_SEQUENCE, 3);
        assertThat(variables.of("ParticipantsUpdated", update, 4)).doesNotContainKeys("participants", "participantCount");
    }

    @Test
    void recognizedKeysWithoutTheStopToneAndNullsForTheRest() throws Exception {
        Map<String, Object> vars = variables.of("RecognizeCompleted", json("""
                {"recognitionType":"dtmf","dtmfResult":{"tones":["one","two","three","four"]},
                 "resultInformation":{"code":200,"subCode":8514,"message":"stop tone"}}"""), null);
        assertThat(vars).containsEntry("recognizeOutcome", "stopToneDetected").containsEntry("recognitionType", "dtmf")
                .containsEntry("recognizedTones", "1234").containsEntry("recognizedChoice", null)
                .containsEntry("recognizedPhrase", null).containsEntry("recognizedSpeech", null)
                .containsEntry("recognitionConfidence", null);
    }

    @Test
    void recognizedChoiceAndSpeech() throws Exception {
        assertThat(variables.of("RecognizeCompleted", json("""
                {"recognitionType":"choices","choiceResult":{"label":"sales","recognizedPhrase":"buy","confidence":0.8},
                 "resultInformation":{"code":200,"subCode":8545}}"""), null))
                .containsEntry("recognizeOutcome", "choiceMatched").containsEntry("recognizedChoice", "sales")
                .containsEntry("recognizedPhrase", "buy").containsEntry("recognitionConfidence", 0.8)
                .containsEntry("recognizedTones", null);
        assertThat(variables.of("RecognizeCompleted", json("""
                {"recognitionType":"speech","speechResult":{"speech":"my order","confidence":0.95},
                 "resultInformation":{"code":200,"subCode":8569}}"""), null))
                .containsEntry("recognizeOutcome", "speechRecognized").containsEntry("recognizedSpeech", "my order")
                .containsEntry("recognitionConfidence", 0.95);
    }

    @Test
    void recognizeFailuresAndCancelsClearThePreviousAttempt() throws Exception {
        assertThat(variables.of("RecognizeFailed", json("""
                {"resultInformation":{"code":400,"subCode":8510,"message":"silence"}}"""), null))
                .containsEntry("recognizeOutcome", "initialSilenceTimeout").containsEntry("recognizedTones", null);
        assertThat(variables.of("RecognizeFailed", json("""
                {"resultInformation":{"code":500,"subCode":8511}}"""), null)).containsEntry("recognizeOutcome", "failed");
        assertThat(variables.of("RecognizeCanceled", json("{}"), null)).containsEntry("recognizeOutcome", "canceled")
                .containsEntry("recognizedChoice", null);
        assertThat(variables.changes("RecognizeCanceled", json("{}"), Map.of("recognizedTones", "1234")))
                .containsEntry("recognizedTones", null);
    }

    @Test
    void continuousTonesAndFailedPlaySource() throws Exception {
        assertThat(variables.of("ContinuousDtmfRecognitionToneReceived", json("""
                {"tone":"pound","sequenceId":3}"""), null)).containsEntry("lastTone", "#").containsEntry("lastToneSequenceId", 3);
        assertThat(variables.of("PlayFailed", json("""
                {"failedPlaySourceIndex":1,"resultInformation":{"code":400,"subCode":8536}}"""), null))
                .containsEntry("failedPlaySourceIndex", 1);
        assertThat(variables.of("PlayFailed", json("{}"), null)).containsEntry("failedPlaySourceIndex", null);
    }

    @Test
    void recordingStateChangedWritesTheRecordingAndItsState() throws Exception {
        assertThat(variables.of("RecordingStateChanged", json("""
                {"recordingId":"rec-1","state":"active","serverCallId":"srv"}"""), null))
                .containsEntry("recordingId", "rec-1").containsEntry("recordingState", "active")
                .containsEntry("lastEvent", "RecordingStateChanged");
        assertThat(variables.changes("RecordingStateChanged", json("""
                {"recordingId":"rec-1","state":"inactive"}"""), Map.of("recordingId", "rec-1", "recordingState", "active")))
                .containsEntry("recordingState", "inactive").doesNotContainKey("recordingId");
        assertThat(variables.of("PlayCompleted", json("""
                {"recordingId":"rec-1","state":"active"}"""), null)).doesNotContainKeys("recordingId", "recordingState");
    }

    @Test
    void connectedSetsTheState() throws Exception {
        assertThat(variables.of("CallConnected", json("{}"), null)).containsEntry("callState", "connected")
                .doesNotContainKey("lastResultCode");
    }

    @Test
    void onlyWhatChangesIsWritten() throws Exception {
        JsonNode update = json("""
                {"serverCallId":"s1","sequenceNumber":5,"participants":[{"identifier":{"rawId":"4:+14255550123"}},
                                                                         {"identifier":{"rawId":"8:acs:agent"}}]}""");
        Map<String, Object> current = new java.util.HashMap<>(Map.of("lastEvent", "ParticipantsUpdated",
                "serverCallId", "s1", "participants", "[\"4:+14255550123\"]", "participantCount", 2,
                CallVariables.PARTICIPANTS_SEQUENCE, 4));
        current.put("lastResultCode", null);
        assertThat(variables.changes("ParticipantsUpdated", update, current))
                .containsOnlyKeys("participants", CallVariables.PARTICIPANTS_SEQUENCE);
        assertThat(variables.changes("ParticipantsUpdated", update, Map.of(CallVariables.PARTICIPANTS_SEQUENCE, 6)))
                .as("an older list changes no list").containsOnlyKeys("lastEvent", "serverCallId");
        assertThat(variables.changes("CallConnected", json("{}"), Map.of()))
                .as("a variable the flow does not have yet is written").containsOnlyKeys("lastEvent", "callState");
    }

    private JsonNode json(String text) throws Exception {
        return mapper.readTree(text);
    }
}
