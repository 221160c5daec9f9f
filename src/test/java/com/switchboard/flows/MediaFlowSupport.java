package com.switchboard.flows;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.switchboard.SwitchboardIntegrationTest;
import com.switchboard.emulator.AcsEmulator;
import com.switchboard.emulator.EmulatorClients;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
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

    /**
     * What the call's participants heard and did, in order: {@code GET /emulator/calls/{callConnectionId}/media} of
     * the emulator's control API.
     */
    protected JsonNode media(String callConnectionId) {
        HttpResponse<String> response = EmulatorClients.unsigned(emulator, "GET",
                "/emulator/calls/" + encode(callConnectionId) + "/media");
        assertThat(response.statusCode()).as("%s", response.body()).isEqualTo(200);
        return read(response.body());
    }

    /** The prompts of {@link #media}: plays, hold music and recognizes' prompts, each with its outcome, as JSON. */
    protected String prompts(String callConnectionId) {
        return media(callConnectionId).path("prompts").toString();
    }

    /**
     * The participant presses keys now, as the caller would: {@code POST
     * /emulator/calls/{callConnectionId}/participants/{rawId}:press}.
     */
    protected void press(String callConnectionId, String rawId, String tones) {
        control("POST", "/emulator/calls/" + encode(callConnectionId) + "/participants/" + encode(rawId) + ":press",
                mapper.createObjectNode().put("tones", tones).toString());
    }

    /** A request to the emulator's control API that must succeed; answers the body. */
    protected String control(String method, String path, String json) {
        HttpResponse<String> response = json == null ? EmulatorClients.unsigned(emulator, method, path)
                : EmulatorClients.control(emulator, method, path, json);
        assertThat(response.statusCode()).as("%s %s: %s", method, path, response.body()).isBetween(200, 299);
        return response.body();
    }

    /**
     * Whether ACS lists the participant as on hold: {@code isOnHold} of the call's participant list at api-version
     * 2026-03-12, asked as any ACS client asks (HMAC-signed).
     */
    protected boolean onHold(String callConnectionId, String rawId) {
        HttpResponse<String> response = EmulatorClients.signed(emulator, "GET", "/calling/callConnections/"
                + encode(callConnectionId) + "/participants?api-version=2026-03-12", null, Map.of());
        assertThat(response.statusCode()).as("%s", response.body()).isEqualTo(200);
        for (JsonNode participant : read(response.body()).path("value")) {
            if (participant.path("identifier").path("rawId").asText().equals(rawId)) {
                return participant.path("isOnHold").asBoolean(false);
            }
        }
        throw new AssertionError(rawId + " is not in the call " + callConnectionId + ": " + response.body());
    }

    private static String encode(String pathSegment) {
        return URLEncoder.encode(pathSegment, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private JsonNode read(String json) {
        try {
            return mapper.readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The text, URL or SSML of every play source the call's participants heard (prompts, hold music), in order. */
    protected List<String> heard(String callConnectionId) {
        List<String> sources = new ArrayList<>();
        collectSources(media(callConnectionId).path("prompts"), sources);
        return sources;
    }

    private static void collectSources(JsonNode node, List<String> sources) {
        node.properties().forEach(field -> {
            if (List.of("text", "url", "ssml").contains(field.getKey()) && field.getValue().isTextual()) {
                sources.add(field.getValue().asText());
            } else {
                collectSources(field.getValue(), sources);
            }
        });
        if (node.isArray()) {
            node.forEach(element -> collectSources(element, sources));
        }
    }
}
