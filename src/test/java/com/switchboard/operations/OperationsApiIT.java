package com.switchboard.operations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.switchboard.BrowserScripts;
import com.switchboard.SignedCallbacks;
import com.switchboard.SwitchboardIntegrationTest;
import com.switchboard.callbacks.CallbackUrls;
import com.switchboard.emulator.AcsEmulator;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.authorization.Authorization;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;

/**
 * Who may read the operations API of the Cockpit plugin, and what it answers: a live call's participants and events,
 * newest first, to an operator signed in to Cockpit; 401 without a Cockpit session or with a made-up one; 404 for a
 * user who may use Cockpit but not read the flow; 403 for the engine-wide unmatched events to her, and for anything
 * but GET; 400 problem+json for a malformed id or limit.
 */
class OperationsApiIT extends SwitchboardIntegrationTest {

    private static final String PASSWORD = "Operations-Pa55word";

    @LocalServerPort
    int port;
    @Autowired
    IdentityService identity;
    @Autowired
    AuthorizationService authorizations;
    @Autowired
    ObjectMapper mapper;
    @Autowired
    TestRestTemplate http;
    @Autowired
    CallbackUrls callbackUrls;
    @Autowired
    AcsEmulator emulator;

    private final List<String> users = new ArrayList<>();
    private ProcessInstance flow;

    @BeforeEach
    void liveCall() {
        flow = start("test-operator-call", Map.of("customer", "8:acs:customer-" + UUID.randomUUID(),
                "agent", "8:acs:agent-" + UUID.randomUUID()));
        await().atMost(FLOW_TIMEOUT).until(() -> runtime.createEventSubscriptionQuery().processInstanceId(flow.getId())
                .eventName("flow:AddAgent").count() == 1);
    }

    @AfterEach
    void cleanUp() {
        if (runtime.createProcessInstanceQuery().processInstanceId(flow.getId()).count() == 1) {
            runtime.deleteProcessInstance(flow.getId(), "test over");
        }
        users.forEach(identity::deleteUser);
    }

    @Test
    void anOperatorReadsTheLiveCallNewestEventFirst() throws Exception {
        CockpitSession operator = signedIn(user("operators"));
        HttpResponse<String> response = operator.get("/api/operations/calls/" + flow.getId());

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(response.headers().firstValue("Cache-Control")).hasValueSatisfying(v -> assertThat(v).contains("no-store"));
        JsonNode call = mapper.readTree(response.body());
        assertThat(call.path("flowState").asText()).isEqualTo("running");
        assertThat(call.path("processDefinitionKey").asText()).isEqualTo("test-operator-call");
        assertThat(call.path("call").path("callState").asText()).isEqualTo("connected");
        assertThat(call.path("waitsFor").toString()).contains("flow:AddAgent");
        assertThat(call.path("media").toString()).contains("Playing a prompt");
        List<String> participants = new ArrayList<>();
        call.path("participants").forEach(p -> participants.add(p.path("rawId").asText() + " " + p.path("kind").asText()));
        // The customer, and the application itself (ACS lists it first).
        assertThat(participants).hasSize(2).anySatisfy(p -> assertThat(p).startsWith("8:acs:customer-").endsWith(" ACS user"));
        List<Long> ids = new ArrayList<>();
        List<String> types = new ArrayList<>();
        call.path("events").forEach(e -> {
            ids.add(e.path("id").asLong());
            types.add(e.path("type").asText() + " " + e.path("status").asText());
        });
        assertThat(ids).isSortedAccordingTo((a, b) -> Long.compare(b, a));
        assertThat(types).contains("CallConnected CORRELATED", "ParticipantsUpdated APPLIED");
    }

    @Test
    void withoutACockpitSessionItIsUnauthorized() throws Exception {
        CockpitSession anonymous = new CockpitSession(port);
        for (String path : List.of("/api/operations/calls/" + flow.getId(), "/api/operations/unmatched-events")) {
            HttpResponse<String> response = anonymous.get(path);
            assertThat(response.statusCode()).as(path).isEqualTo(401);
            assertThat(response.headers().firstValue("Content-Type")).hasValue(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        }
        // A session cookie the server never gave, and HTTP basic (not what this API takes) with a real password.
        assertThat(anonymous.get("/api/operations/calls/" + flow.getId(), "Cookie", "JSESSIONID=" + UUID.randomUUID())
                .statusCode()).isEqualTo(401);
        assertThat(anonymous.get("/api/operations/calls/" + flow.getId(), "Authorization",
                HttpHeaders.encodeBasicAuth("admin", TEST_ADMIN_PASSWORD, null).transform(b -> "Basic " + b))
                .statusCode()).isEqualTo(401);
    }

    @Test
    void aCockpitUserWhoMayNotReadTheFlowFindsNoCall() throws Exception {
        String outsider = user(null);
        Authorization cockpit = authorizations.createNewAuthorization(Authorization.AUTH_TYPE_GRANT);
        cockpit.setUserId(outsider);
        cockpit.setResource(Resources.APPLICATION);
        cockpit.setResourceId("cockpit");
        cockpit.addPermission(Permissions.ACCESS);
        authorizations.saveAuthorization(cockpit);
        CockpitSession session = signedIn(outsider);

        HttpResponse<String> call = session.get("/api/operations/calls/" + flow.getId());
        assertThat(call.statusCode()).as(call.body()).isEqualTo(404);
        assertThat(call.headers().firstValue("Content-Type")).hasValue(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        assertThat(call.body()).doesNotContain("8:acs:customer");
        assertThat(session.get("/api/operations/unmatched-events").statusCode()).isEqualTo(403);
    }

    @Test
    void aUserTakenOutOfTheGroupsLosesAccessAtOnce() throws Exception {
        String operator = user("operators");
        CockpitSession session = signedIn(operator);
        assertThat(session.get("/api/operations/unmatched-events").statusCode()).isEqualTo(200);
        identity.deleteMembership(operator, "operators");
        assertThat(session.get("/api/operations/unmatched-events").statusCode()).isIn(401, 403);
        assertThat(session.get("/api/operations/calls/" + flow.getId()).statusCode()).isIn(401, 403, 404);
    }

    @Test
    void badIdsAndLimitsAreBadRequests() throws Exception {
        CockpitSession operator = signedIn(user("operators"));
        // Tomcat itself refuses an encoded NUL while it parses the request; the answer is a problem all the same.
        HttpResponse<String> nul = operator.get("/api/operations/calls/abc%00");
        assertThat(nul.statusCode()).isEqualTo(400);
        assertThat(nul.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/problem+json"));
        assertThat(nul.body()).contains("\"status\":400").doesNotContain("<html").doesNotContain("Tomcat");
        for (String path : List.of("/api/operations/calls/abc%0Adef", "/api/operations/calls/abc%09",
                "/api/operations/calls/" + "a".repeat(65), "/api/operations/calls/a%27%20or%201=1",
                "/api/operations/calls/%E2%80%AEabc", "/api/operations/calls/" + flow.getId() + "?limit=0",
                "/api/operations/calls/" + flow.getId() + "?limit=abc", "/api/operations/calls/" + flow.getId() + "?limit=100000",
                "/api/operations/unmatched-events?limit=201", "/api/operations/unmatched-events?before=-1",
                "/api/operations/unmatched-events?limit=1&limit=2")) {
            HttpResponse<String> response = operator.get(path);
            assertThat(response.statusCode()).as(path + ": " + response.body()).isEqualTo(400);
            assertThat(response.headers().firstValue("Content-Type")).as(path)
                    .hasValue(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        }
        assertThat(operator.get("/api/operations/calls/" + UUID.randomUUID()).statusCode()).isEqualTo(404);
    }

    @Test
    void nothingButGetAndNotFromAnotherOrigin() throws Exception {
        CockpitSession operator = signedIn(user("operators"));
        for (String method : List.of("POST", "PUT", "DELETE", "PATCH")) {
            HttpResponse<String> response = operator.send(method, "/api/operations/calls/" + flow.getId(),
                    "Content-Type", "application/json", "X-XSRF-TOKEN", operator.cookie("XSRF-TOKEN"));
            assertThat(response.statusCode()).as(method).isEqualTo(405);
            assertThat(response.headers().firstValue("Allow")).as(method).contains("GET");
            assertThat(response.headers().firstValue("Content-Type")).as(method).contains("application/problem+json");
            assertThat(response.body()).as(method).contains("The operations API only reads: GET");
        }
        assertThat(operator.get("/api/operations/calls/" + flow.getId(), "Origin", "https://evil.example")
                .statusCode()).isEqualTo(403);
    }

    @Test
    void theUnmatchedEventsListAnEventForACallNobodyOwnsWithItsReason() throws Exception {
        String call = "nobodys-" + UUID.randomUUID();
        String eventId = UUID.randomUUID().toString();
        String event = "[{\"id\":\"" + eventId + "\",\"type\":\"Microsoft.Communication.CallConnected\",\"specversion\":\"1.0\","
                + "\"time\":\"2026-12-01T10:00:00Z\",\"data\":{\"callConnectionId\":\"" + call + "\"}}]";
        assertThat(new SignedCallbacks(http, callbackUrls, emulator).post("operations-it", "call", event)
                .getStatusCode().value()).isEqualTo(200);

        CockpitSession operator = signedIn(user("operators"));
        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(500)).until(() ->
                operator.get("/api/operations/unmatched-events?limit=200").body().contains(eventId));
        JsonNode page = mapper.readTree(operator.get("/api/operations/unmatched-events?limit=200").body());
        JsonNode entry = null;
        for (JsonNode candidate : page.path("events")) {
            if (candidate.path("eventId").asText().equals(eventId)) {
                entry = candidate;
            }
        }
        assertThat(entry).isNotNull();
        assertThat(entry.path("callConnectionId").asText()).isEqualTo(call);
        assertThat(entry.path("type").asText()).isEqualTo("CallConnected");
        assertThat(entry.path("reason").asText()).contains("No flow owns call connection " + call);

        // Paging: one at a time, each page older than the one before.
        JsonNode first = mapper.readTree(operator.get("/api/operations/unmatched-events?limit=1").body());
        assertThat(first.path("events").size()).isEqualTo(1);
        if (first.hasNonNull("next")) {
            JsonNode second = mapper.readTree(operator.get("/api/operations/unmatched-events?limit=1&before="
                    + first.path("next").asLong()).body());
            assertThat(second.path("events").get(0).path("id").asLong()).isLessThan(first.path("events").get(0).path("id").asLong());
        }
    }

    private CockpitSession signedIn(String user) throws Exception {
        CockpitSession session = new CockpitSession(port);
        assertThat(session.signIn(user, PASSWORD)).isEqualTo(200);
        return session;
    }

    private String user(String group) {
        String id = BrowserScripts.user(identity, group, PASSWORD, "Olivia", "Operator");
        users.add(id);
        return id;
    }
}
