package com.switchboard.incoming;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.switchboard.MovableClock;
import com.switchboard.SwitchboardIntegrationTest;
import com.switchboard.emulator.AcsEmulator;
import com.switchboard.emulator.delivery.EventGridSchema;
import com.switchboard.emulator.telephony.IncomingCallRequest;
import com.switchboard.emulator.telephony.IncomingCallResult;
import com.switchboard.emulator.telephony.IncomingCallSnapshot;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.camunda.bpm.engine.runtime.Incident;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;

/** Incoming calls end to end: Event Grid delivery from the emulator, DMN routing, answer / reject / redirect. */
@Import(MovableClock.InPlace.class)
class IncomingCallsIT extends SwitchboardIntegrationTest {

    static final Instant TUESDAY_10_AM = Instant.parse("2026-11-24T10:00:00Z");
    static final Instant TUESDAY_8_PM = Instant.parse("2026-11-24T20:00:00Z");
    static final Instant SATURDAY_10_AM = Instant.parse("2026-11-28T10:00:00Z");
    static final String SUPPORT_LINE = "+18005550100";

    @Autowired
    AcsEmulator emulator;
    @Autowired
    MovableClock clock;
    @Autowired
    IncomingCallRouter router;
    @Autowired
    TestRestTemplate http;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    ObjectMapper mapper;
    @LocalServerPort
    int port;

    @BeforeEach
    void subscribe() {
        clock.set(TUESDAY_10_AM);
        emulator.setEventGridSubscription("http://localhost:" + port + "/api/incoming-calls", EventGridSchema.EVENT_GRID);
    }

    @AfterEach
    void restore() {
        emulator.setIncomingCallTimeout(Duration.ofSeconds(30));
    }

    @Test
    void eachRoutingRulePicksItsFlow() {
        assertThat(route("4:" + SUPPORT_LINE, "4:+14255550123", TUESDAY_10_AM))
                .isEqualTo(new IncomingCallRouter.Route("incoming-answer", Map.of("agent", "8:acs:support-agent")));
        assertThat(route("4:" + SUPPORT_LINE, "4:+14255550123", TUESDAY_8_PM).flow()).isEqualTo("incoming-reject-busy");
        assertThat(route("4:" + SUPPORT_LINE, "4:+14255550123", SATURDAY_10_AM).flow()).isEqualTo("incoming-reject-busy");
        assertThat(route("4:+18005550199", "4:+14255550123", TUESDAY_10_AM)).isEqualTo(new IncomingCallRouter.Route(
                "incoming-redirect", Map.of("redirectTo", "+14255550150", "redirectCallerId", "+18005550199")));
        assertThat(route("8:acs:support-bot", "8:acs:customer", TUESDAY_8_PM).flow()).isEqualTo("incoming-answer");
        assertThat(route("8:acs:support-bot", "4:+14255550123", TUESDAY_8_PM).flow()).isEqualTo("incoming-default");
        assertThat(route("4:+19999999999", "4:+14255550123", TUESDAY_10_AM))
                .isEqualTo(new IncomingCallRouter.Route("incoming-default", Map.of()));
    }

    @Test
    void inOfficeHoursTheSupportLineIsAnsweredAndAnAgentAdded() {
        IncomingCallResult call = emulator.placeIncomingCall(IncomingCallRequest.of("+14255550123", SUPPORT_LINE)
                .withCallerDisplayName("Ada").withSipHeaders(Map.of("X-MS-Custom-Ticket", "42")));
        String id = awaitFlowFor(call);
        assertThat(definitionKeyOf(id)).isEqualTo("incoming-answer");
        ProcessInstance flow = runtime.createProcessInstanceQuery().processInstanceId(id).singleResult();
        await().atMost(FLOW_TIMEOUT).untilAsserted(() -> assertThat(flow).isWaitingAt("awaitEnd"));
        assertThat(runtime.getVariables(flow.getId())).containsEntry("from", "4:+14255550123")
                .containsEntry("to", "4:" + SUPPORT_LINE).containsEntry("callerDisplayName", "Ada")
                .containsEntry("serverCallId", call.serverCallId()).containsEntry("correlationId", call.correlationId())
                .containsEntry("sipHeaders", "{\"X-MS-Custom-Ticket\":\"42\"}");
        assertThat(emulator.eventGridSubscription().validated()).isTrue();

        String callConnectionId = (String) runtime.getVariable(flow.getId(), "callConnectionId");
        emulator.hangUpParticipant(callConnectionId, "8:acs:support-agent");
        emulator.hangUpParticipant(callConnectionId, "4:+14255550123");
        awaitEnded(flow);
        assertThat(flow).hasPassedInOrder("answerCall", "callConnected", "addAgent", "agentJoined", "callHandled");
    }

    @Test
    void aCallWhoseContextIsTenThousandCharactersLongIsAnswered() {
        IncomingCallResult call = emulator.placeIncomingCall(IncomingCallRequest.of("+14255550123", SUPPORT_LINE)
                .withContextLength(10_000));
        String id = awaitFlowFor(call);
        ProcessInstance flow = runtime.createProcessInstanceQuery().processInstanceId(id).singleResult();
        await().atMost(FLOW_TIMEOUT).untilAsserted(() -> assertThat(flow).isWaitingAt("awaitEnd"));
        assertThat(emulator.incomingCall(call.serverCallId()).map(IncomingCallSnapshot::state)).hasValue("answered");
        assertThat(runtime.getVariable(id, "incomingCallContext")).isEqualTo(call.incomingCallContext());
        assertThat(emulator.eventGridDeliveries()).filteredOn(d -> d.event().contains(call.serverCallId()))
                .singleElement().satisfies(delivery -> {
                    assertThat(delivery.status()).as("the webhook's answer").isEqualTo(200);
                    assertThat(delivery.attempts()).as("Event Grid had no reason to retry").isEqualTo(1);
                });

        String callConnectionId = (String) runtime.getVariable(id, "callConnectionId");
        emulator.hangUpParticipant(callConnectionId, "8:acs:support-agent");
        emulator.hangUpParticipant(callConnectionId, "4:+14255550123");
        awaitEnded(flow);
        assertThat(flow).hasPassedInOrder("answerCall", "callConnected", "addAgent", "agentJoined", "callHandled");
    }

    @Test
    void longCustomHeadersReachTheFlowWhole() throws Exception {
        Map<String, String> sip = new java.util.TreeMap<>();
        Map<String, String> voip = new java.util.TreeMap<>();
        for (int i = 0; i < 6; i++) {
            sip.put("X-MS-Custom-Part-" + i, "s" + i + "-" + "0123456789ABCDEF".repeat(60));
            voip.put("part-" + i, "v" + i + "-" + "fedcba9876543210".repeat(60));
        }
        IncomingCallResult phoneCall = emulator.placeIncomingCall(IncomingCallRequest.of("+14255550123", "+19999999999")
                .withSipHeaders(sip));
        IncomingCallResult userCall = emulator.placeIncomingCall(IncomingCallRequest.of("8:acs:customer", "8:acs:support-bot")
                .withVoipHeaders(voip));

        String declined = awaitFlowFor(phoneCall);
        awaitEnded(declined);
        assertThat(activities(declined)).contains("rejectCall", "declined");
        String sipHeaders = (String) historicVariable(declined, "sipHeaders");
        assertThat(sipHeaders).hasSizeGreaterThan(4000);
        Map<String, String> sipRead = mapper.readerForMapOf(String.class).readValue(sipHeaders);
        assertThat(sipRead).isEqualTo(sip);

        String answered = awaitFlowFor(userCall);
        await().atMost(FLOW_TIMEOUT).until(() -> activities(answered).contains("awaitEnd"));
        String voipHeaders = (String) runtime.getVariable(answered, "voipHeaders");
        assertThat(voipHeaders).hasSizeGreaterThan(4000);
        Map<String, String> voipRead = mapper.readerForMapOf(String.class).readValue(voipHeaders);
        assertThat(voipRead).isEqualTo(voip);
        runtime.deleteProcessInstance(answered, "test done");
    }

    @Test
    void outsideOfficeHoursTheSupportLineIsBusy() {
        clock.set(TUESDAY_8_PM);
        IncomingCallResult call = emulator.placeIncomingCall(IncomingCallRequest.of("+14255550123", SUPPORT_LINE));
        String flow = awaitFlowFor(call);
        awaitEnded(flow);
        assertThat(activities(flow)).contains("rejectCall", "rejectedBusy");
        assertThat(emulator.incomingCall(call.serverCallId())).hasValueSatisfying(c -> {
            assertThat(c.state()).isEqualTo("rejected");
            assertThat(c.rejectReason()).isEqualTo("busy");
        });
    }

    @Test
    void theRetiredNumberIsRedirectedToTheNewOne() {
        IncomingCallResult call = emulator.placeIncomingCall(IncomingCallRequest.of("+14255550123", "+18005550199"));
        String flow = awaitFlowFor(call);
        awaitEnded(flow);
        assertThat(activities(flow)).contains("redirectCall", "redirected");
        assertThat(emulator.incomingCall(call.serverCallId())).hasValueSatisfying(c -> {
            assertThat(c.state()).isEqualTo("redirected");
            assertThat(c.redirectTarget()).isEqualTo("4:+14255550150");
        });
    }

    @Test
    void aCallNoRuleMatchesIsDeclinedPolitely() {
        IncomingCallResult call = emulator.placeIncomingCall(IncomingCallRequest.of("+14255550123", "+19999999999"));
        String flow = awaitFlowFor(call);
        awaitEnded(flow);
        assertThat(activities(flow)).contains("rejectCall", "declined");
        assertThat(emulator.incomingCall(call.serverCallId()).map(IncomingCallSnapshot::rejectReason)).hasValue("none");
    }

    @Test
    void theCloudEventsSchemaWorksToo() {
        emulator.setEventGridSubscription("http://localhost:" + port + "/api/incoming-calls", EventGridSchema.CLOUD_EVENTS);
        IncomingCallResult call = emulator.placeIncomingCall(IncomingCallRequest.of("+14255550123", "+19999999999"));
        String flow = awaitFlowFor(call);
        awaitEnded(flow);
        assertThat(emulator.eventGridSubscription().validated()).isTrue();
        assertThat(activities(flow)).contains("declined");
    }

    @Test
    void theCloudEventsHandshakeAllowsTheOrigin() {
        HttpHeaders headers = new HttpHeaders();
        headers.set("WebHook-Request-Origin", "eventgrid.azure.net");
        ResponseEntity<Void> response = http.exchange("/api/incoming-calls", HttpMethod.OPTIONS, new HttpEntity<>(headers), Void.class);
        assertThat(response.getStatusCode().value()).isEqualTo(200);
        assertThat(response.getHeaders().getFirst("WebHook-Allowed-Origin")).isEqualTo("eventgrid.azure.net");
    }

    @Test
    void theSubscriptionValidationHandshakeEchoesTheCode() {
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.APPLICATION_JSON);
        headers.set("aeg-event-type", "SubscriptionValidation");
        String body = """
                [{"id":"v1","topic":"/subscriptions/x","subject":"","eventType":"Microsoft.EventGrid.SubscriptionValidationEvent",
                  "eventTime":"2026-11-24T10:00:00Z","dataVersion":"2","metadataVersion":"1",
                  "data":{"validationCode":"512d38b6-c7b8-40c8-89fe-f46f9e9622b6","validationUrl":"https://x"}}]""";
        ResponseEntity<String> response = http.postForEntity("/api/incoming-calls", new HttpEntity<>(body, headers), String.class);
        assertThat(response.getStatusCode().value()).isEqualTo(200);
        assertThat(response.getBody()).isEqualTo("{\"validationResponse\":\"512d38b6-c7b8-40c8-89fe-f46f9e9622b6\"}");
    }

    @Test
    void anEventDeliveredTwiceStartsOneFlow() {
        String eventId = UUID.randomUUID().toString();
        String correlationId = UUID.randomUUID().toString();
        String body = """
                [{"id":"%s","topic":"/subscriptions/x","subject":"/caller/4:+14255550123/recipient/4:+19999999999",
                  "eventType":"Microsoft.Communication.IncomingCall","eventTime":"2026-11-24T10:00:00Z",
                  "dataVersion":"1.0","metadataVersion":"1",
                  "data":{"to":{"rawId":"4:+19999999999","kind":"phoneNumber","phoneNumber":{"value":"+19999999999"}},
                          "from":{"rawId":"4:+14255550123","kind":"phoneNumber","phoneNumber":{"value":"+14255550123"}},
                          "serverCallId":"server-1","callerDisplayName":"","incomingCallContext":"ctx-%s",
                          "correlationId":"%s"}}]""".formatted(eventId, eventId, correlationId);
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.APPLICATION_JSON);
        headers.set("aeg-event-type", "Notification");
        for (int i = 0; i < 3; i++) {
            assertThat(http.postForEntity("/api/incoming-calls", new HttpEntity<>(body, headers), String.class)
                    .getStatusCode().value()).isEqualTo(200);
        }
        assertThat(history.createHistoricProcessInstanceQuery().processInstanceBusinessKey(correlationId).count()).isEqualTo(1);
    }

    @Test
    void anIncomingCallWithoutContextIsABadRequest() {
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.APPLICATION_JSON);
        headers.set("aeg-event-type", "Notification");
        String body = """
                [{"id":"e1","topic":"/t","subject":"/s","eventType":"Microsoft.Communication.IncomingCall",
                  "eventTime":"2026-11-24T10:00:00Z","dataVersion":"1.0","metadataVersion":"1",
                  "data":{"to":{"rawId":"4:+19999999999"},"from":{"rawId":"4:+14255550123"},"serverCallId":"s"}}]""";
        ResponseEntity<String> response = http.postForEntity("/api/incoming-calls", new HttpEntity<>(body, headers), String.class);
        assertThat(response.getStatusCode().value()).isEqualTo(400);
        assertThat(response.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
        assertThat(response.getBody()).contains("Event 0 (e1): \\\"data.incomingCallContext\\\" is missing");
    }

    /** The second event of each batch, and the field its refusal names. */
    static Stream<Arguments> badSecondEvents() {
        return Stream.of(
                Arguments.of(Map.of("id", "x".repeat(200)), "Event 1: \"id\" is 200 characters long; at most 128 are accepted"),
                Arguments.of(Map.of("id", "e\\u0000"), "Event 1: \"id\" contains a control character (U+0000) at position 1; none are accepted"),
                Arguments.of(Map.of("serverCallId", "s".repeat(600)),
                        "\"data.serverCallId\" is 600 characters long; at most 512 are accepted"),
                Arguments.of(Map.of("from", "4:+" + "1".repeat(300)), "\"data.from.rawId\" is 303 characters long; at most 256 are accepted"),
                Arguments.of(Map.of("to", "4:+1\\n"), "\"data.to.rawId\" contains a control character (U+000A) at position 4; none are accepted"),
                Arguments.of(Map.of("correlationId", ""), "\"data.correlationId\" is empty"),
                Arguments.of(Map.of("correlationId", "c".repeat(300)), "\"data.correlationId\" is 300 characters long; at most 255 are accepted"),
                Arguments.of(Map.of("incomingCallContext", ""), "\"data.incomingCallContext\" is empty"));
    }

    @ParameterizedTest
    @MethodSource("badSecondEvents")
    void aBatchWhoseSecondEventIsBadStartsNoFlowAndItsRedeliveryStartsEachOnce(Map<String, String> bad, String detail)
            throws Exception {
        Map<String, String> first = incomingCall();
        Map<String, String> second = incomingCall();
        Map<String, String> broken = new HashMap<>(second);
        broken.putAll(bad);

        ResponseEntity<String> refused = deliver(eventGridBatch(first, broken));

        assertThat(refused.getStatusCode().value()).isEqualTo(400);
        assertThat(refused.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
        assertThat(mapper.readTree(refused.getBody()).path("detail").asText()).startsWith("Event 1").endsWith(detail);
        assertThat(flowsWithBusinessKey(first.get("correlationId"))).isZero();
        assertThat(jdbc.queryForObject("select count(*) from incoming_call where event_id = ?", Long.class,
                first.get("id"))).isZero();

        // Event Grid delivers the batch again once it is right (here: fixed), and again: each call starts one flow.
        for (int i = 0; i < 2; i++) {
            assertThat(deliver(eventGridBatch(first, second)).getStatusCode().value()).isEqualTo(200);
            assertThat(flowsWithBusinessKey(first.get("correlationId"))).isEqualTo(1);
            assertThat(flowsWithBusinessKey(second.get("correlationId"))).isEqualTo(1);
        }
    }

    @Test
    void answeringAStaleContextBecomesAnIncidentThatSaysSo() throws InterruptedException {
        emulator.setEventGridSubscription(null, EventGridSchema.EVENT_GRID);
        emulator.setIncomingCallTimeout(Duration.ofMillis(300));
        IncomingCallResult call = emulator.placeIncomingCall(IncomingCallRequest.of("+14255550123", SUPPORT_LINE));
        Thread.sleep(600);
        ProcessInstance flow = start("incoming-answer", Map.of("incomingCallContext", call.incomingCallContext(),
                "agent", "8:acs:support-agent"));
        await().atMost(FLOW_TIMEOUT).until(() -> runtime.createIncidentQuery().processInstanceId(flow.getId()).count() == 1);
        Incident incident = runtime.createIncidentQuery().processInstanceId(flow.getId()).singleResult();
        assertThat(incident.getActivityId()).isEqualTo("answerCall");
        assertThat(incident.getIncidentMessage()).startsWith("ACS could not answer the incoming call: HTTP 404");
        runtime.deleteProcessInstance(flow.getId(), "test done");
    }

    /** The fields of an IncomingCall event from an unknown number (declined by the default flow), all fresh. */
    private static Map<String, String> incomingCall() {
        String id = UUID.randomUUID().toString();
        return Map.of("id", id, "from", "4:+14255550123", "to", "4:+19999999999", "serverCallId", "server-" + id,
                "correlationId", UUID.randomUUID().toString(), "incomingCallContext", "ctx-" + id);
    }

    /** Event Grid schema; the values go into the JSON as given, so JSON escapes in them stay escapes. */
    private static String eventGridBatch(Map<String, String> first, Map<String, String> second) {
        return "[" + eventGridEvent(first) + "," + eventGridEvent(second) + "]";
    }

    private static String eventGridEvent(Map<String, String> call) {
        return """
                {"id":"%s","topic":"/subscriptions/x","subject":"/caller/%s/recipient/4:+19999999999",
                 "eventType":"Microsoft.Communication.IncomingCall","eventTime":"2026-11-24T10:00:00Z",
                 "dataVersion":"1.0","metadataVersion":"1",
                 "data":{"to":{"rawId":"%s"},"from":{"rawId":"%s"},"serverCallId":"%s","callerDisplayName":"",
                         "incomingCallContext":"%s","correlationId":"%s"}}""".formatted(call.get("id"), call.get("from"),
                call.get("to"), call.get("from"), call.get("serverCallId"), call.get("incomingCallContext"),
                call.get("correlationId"));
    }

    private ResponseEntity<String> deliver(String eventGridBody) {
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.APPLICATION_JSON);
        headers.set("aeg-event-type", "Notification");
        return http.postForEntity("/api/incoming-calls", new HttpEntity<>(eventGridBody, headers), String.class);
    }

    private long flowsWithBusinessKey(String correlationId) {
        return history.createHistoricProcessInstanceQuery().processInstanceBusinessKey(correlationId).count();
    }

    private IncomingCallRouter.Route route(String to, String from, Instant at) {
        clock.set(at);
        return router.route(new IncomingCall("e", to, from, null, "s", "c", "ctx", Map.of(), Map.of()));
    }

    /** The id of the flow the incoming call started. */
    private String awaitFlowFor(IncomingCallResult call) {
        await().atMost(FLOW_TIMEOUT).until(() ->
                history.createHistoricProcessInstanceQuery().processInstanceBusinessKey(call.correlationId()).count() == 1);
        return history.createHistoricProcessInstanceQuery().processInstanceBusinessKey(call.correlationId())
                .singleResult().getId();
    }

    private Object historicVariable(String processInstanceId, String name) {
        return history.createHistoricVariableInstanceQuery().processInstanceId(processInstanceId)
                .activityInstanceIdIn(processInstanceId).variableName(name).singleResult().getValue();
    }

    private String definitionKeyOf(String processInstanceId) {
        return history.createHistoricProcessInstanceQuery().processInstanceId(processInstanceId).singleResult()
                .getProcessDefinitionKey();
    }
}
