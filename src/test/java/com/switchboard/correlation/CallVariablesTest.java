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
