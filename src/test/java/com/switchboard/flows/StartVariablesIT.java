package com.switchboard.flows;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.switchboard.SwitchboardIntegrationTest;
import com.switchboard.emulator.AcsEmulator;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

/**
 * A system starts flows over the engine REST API, as a real client does: a missing or wrong start variable answers
 * 400 naming the variable, and nothing is started or called.
 */
class StartVariablesIT extends SwitchboardIntegrationTest {

    private static final String CUSTOMER = "+14255550123";
    private static final String CALLER_ID = "+14255550100";
    private static final String AGENT = "8:acs:agent-rest";

    @Autowired
    TestRestTemplate http;
    @Autowired
    AcsEmulator emulator;
    @Autowired
    ObjectMapper mapper;

    @Test
    void goodStartVariablesStartTheFlow() {
        ResponseEntity<JsonNode> started = startOverRest("outbound-call", Map.of("target", CUSTOMER, "callerId", CALLER_ID,
                "participant", AGENT, "ringTimeout", "PT30S", "invitationTimeout", "60"));
        assertThat(started.getStatusCode().value()).as("%s", started.getBody()).isEqualTo(200);
        String id = started.getBody().path("id").asText();
        awaitEnded(id);
        assertThat(activities(id)).startsWith("requested", "checkStartVariables", "createCall").contains("callCompleted");
    }

    @Test
    void aTargetThatIsNoPhoneNumberAnswers400NamingIt() {
        assertRefused(Map.of("target", "+1 425", "callerId", CALLER_ID, "participant", AGENT),
                "Start variable \"target\": '+1 425' is neither a phone number in international format "
                        + "(like +14255550123) nor a user id (like 8:acs:...)");
    }

    @Test
    void aTenThousandCharacterTargetAnswers400NamingIt() {
        assertRefused(Map.of("target", "+1" + "4".repeat(9_998), "callerId", CALLER_ID, "participant", AGENT),
                "Start variable \"target\": it is 10000 characters long; no phone number or user id is that long");
    }

    @Test
    void anEmptyParticipantAnswers400BeforeTheTargetIsCalled() {
        assertRefused(Map.of("target", CUSTOMER, "callerId", CALLER_ID, "participant", " "),
                "Start variable \"participant\": it is empty, but it is required");
    }

    @Test
    void badTimeoutsAnswer400NamingEach() {
        assertRefused(Map.of("target", CUSTOMER, "callerId", CALLER_ID, "participant", AGENT, "ringTimeout", "garbage",
                        "invitationTimeout", "999"),
                "Start variable \"ringTimeout\": 'garbage' is not an ISO-8601 duration (like PT60S for 60 seconds, PT2M, P1D); "
                        + "Start variable \"invitationTimeout\": 999 is out of range: it must be between 1 and 180 seconds");
        assertRefused(Map.of("target", CUSTOMER, "callerId", CALLER_ID, "participant", AGENT, "ringTimeout", "-PT5S"),
                "Start variable \"ringTimeout\": '-PT5S' is not a positive duration (like PT60S)");
    }

    @Test
    void aPhoneNumberParticipantWithoutCallerIdAnswers400() {
        assertRefused(Map.of("target", AGENT, "participant", CUSTOMER),
                "Start variable \"callerId\": it is empty, but calling a phone number needs a caller ID (a phone number "
                        + "of your ACS resource, like +14255550100)");
    }

    @Test
    void everyExampleFlowWithStartVariablesChecksThemFirst() {
        Map<String, String> firstRequired = new LinkedHashMap<>();
        firstRequired.put("outbound-call", "target");
        firstRequired.put("group-call", "phoneNumber");
        firstRequired.put("connect-room-call", "roomId");
        firstRequired.put("transfer-call", "target");
        firstRequired.put("transfer-participant", "customer");
        firstRequired.put("add-and-cancel-participant", "target");
        firstRequired.put("remove-participant", "target");
        firstRequired.put("hang-up-for-everyone", "targets");
        firstRequired.put("appointment-reminder", "patient");
        firstRequired.put("hold-and-transfer", "customer");
        firstRequired.forEach((flow, variable) -> {
            long before = history.createHistoricProcessInstanceQuery().processDefinitionKey(flow).count();
            ResponseEntity<JsonNode> refused = startOverRest(flow, Map.of());
            assertThat(refused.getStatusCode().value()).as("%s: %s", flow, refused.getBody()).isEqualTo(400);
            assertThat(refused.getBody().path("message").asText()).as(flow)
                    .startsWith("Start variable \"" + variable + "\": it is empty");
            assertThat(history.createHistoricProcessInstanceQuery().processDefinitionKey(flow).count()).as(flow)
                    .isEqualTo(before);
        });
    }

    private void assertRefused(Map<String, Object> variables, String message) {
        long flows = history.createHistoricProcessInstanceQuery().processDefinitionKey("outbound-call").count();
        int calls = emulator.calls().size();

        ResponseEntity<JsonNode> refused = startOverRest("outbound-call", variables);

        assertThat(refused.getStatusCode().value()).as("%s", refused.getBody()).isEqualTo(400);
        assertThat(refused.getBody().path("type").asText()).isEqualTo("BadUserRequestException");
        assertThat(refused.getBody().path("message").asText()).isEqualTo(message);
        assertThat(history.createHistoricProcessInstanceQuery().processDefinitionKey("outbound-call").count())
                .as("no flow was started").isEqualTo(flows);
        assertThat(emulator.calls()).as("nobody was called").hasSize(calls);
    }

    private ResponseEntity<JsonNode> startOverRest(String flow, Map<String, Object> variables) {
        ObjectNode body = mapper.createObjectNode();
        ObjectNode values = body.putObject("variables");
        variables.forEach((name, value) -> values.putObject(name).put("value", String.valueOf(value)));
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.APPLICATION_JSON);
        return http.withBasicAuth("admin", TEST_ADMIN_PASSWORD).postForEntity(
                "/engine-rest/process-definition/key/{key}/start", new HttpEntity<>(body, headers), JsonNode.class, flow);
    }
}
