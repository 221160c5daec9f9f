package com.switchboard.flows;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.switchboard.SwitchboardIntegrationTest;
import com.switchboard.emulator.AcsEmulator;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

/**
 * What the tests of the media example flows share: starting a flow over the engine REST API as a client does,
 * waiting for a flow to reach a wait, letting a timer's time pass at once, and reading what the emulator says the
 * call's participants heard and did.
 */
abstract class MediaFlowSupport extends SwitchboardIntegrationTest {

    protected static final String CALLER_ID = "+14255550100";

    @Autowired
    protected AcsEmulator emulator;
    @Autowired
    protected ManagementService management;
    @Autowired
    protected TestRestTemplate http;
    @Autowired
    protected ObjectMapper mapper;

    /** Starts the flow over the engine REST API; the start must be accepted. */
    protected ProcessInstance startOverRest(String flow, Map<String, Object> variables) {
        ResponseEntity<JsonNode> started = postStart(flow, variables);
        assertThat(started.getStatusCode().value()).as("%s", started.getBody()).isEqualTo(200);
        String id = started.getBody().path("id").asText();
        return runtime.createProcessInstanceQuery().processInstanceId(id).singleResult();
    }

    protected ResponseEntity<JsonNode> postStart(String flow, Map<String, Object> variables) {
        ObjectNode body = mapper.createObjectNode();
        ObjectNode values = body.putObject("variables");
        variables.forEach((name, value) -> values.putObject(name).put("value", String.valueOf(value)));
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.APPLICATION_JSON);
        return http.withBasicAuth("admin", TEST_ADMIN_PASSWORD).postForEntity(
                "/engine-rest/process-definition/key/{key}/start", new HttpEntity<>(body, headers), JsonNode.class, flow);
    }

    /** Waits until the flow waits at the activity (an event-based gateway, a timer, ...). */
    protected void awaitWaitingAt(ProcessInstance flow, String activityId) {
        await().atMost(FLOW_TIMEOUT).until(() -> runtime.getActiveActivityIds(flow.getId()).contains(activityId));
    }

    /** The timer of the catch event is due now: the test does not wait its minutes. */
    protected void timePasses(ProcessInstance flow, String timerEventId) {
        await().atMost(FLOW_TIMEOUT).until(() -> timer(flow, timerEventId) != null);
        management.executeJob(timer(flow, timerEventId).getId());
    }

    private Job timer(ProcessInstance flow, String timerEventId) {
        return management.createJobQuery().processInstanceId(flow.getId()).activityId(timerEventId).timers()
                .singleResult();
    }

    protected String callConnectionId(ProcessInstance flow) {
        Object live = runtime.createProcessInstanceQuery().processInstanceId(flow.getId()).count() == 1
                ? runtime.getVariable(flow.getId(), "callConnectionId") : null;
        return (String) (live != null ? live : variable(flow, "callConnectionId"));
    }

    /** What the call's participants heard and did, in order, as the emulator's control API shows it. */
    protected JsonNode media(String callConnectionId) {
        return mapper.valueToTree(emulator.media(callConnectionId));
    }

    /** The text, URL or SSML of every source of every prompt played in the call, in order. */
    protected List<String> heard(String callConnectionId) {
        List<String> sources = new ArrayList<>();
        media(callConnectionId).path("prompts").forEach(prompt -> prompt.path("sources").forEach(source -> {
            for (String field : List.of("text", "url", "ssml")) {
                if (source.hasNonNull(field)) {
                    sources.add(source.path(field).asText());
                }
            }
        }));
        return sources;
    }
}
