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
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Cockpit's Call tab as an operator sees it, in headless Chromium (src/test/browser/call-tab.js): a live call's
 * participants and events, the agent appearing (muted) in the open tab once she joins, the unmatched-events page
 * listing an event for a call nobody owns with its reason, and no Camunda 8 migration banner. Screenshots in
 * target/screenshots (call-tab-before.png, call-tab-after.png, unmatched.png, dashboard.png).
 */
class CallTabIT extends SwitchboardIntegrationTest {

    private static final String PASSWORD = "Operator-Pa55word";

    @LocalServerPort
    int port;
    @Autowired
    IdentityService identity;
    @Autowired
    ObjectMapper mapper;
    @Autowired
    TestRestTemplate http;
    @Autowired
    CallbackUrls callbackUrls;
    @Autowired
    AcsEmulator emulator;

    @Test
    void anOperatorWatchesALiveCallAndTheUnmatchedEvents() throws Exception {
        if (!Files.isExecutable(BrowserScripts.CHROMIUM)) {
            if (System.getenv("CI") != null) {
                throw new IllegalStateException("Debian's chromium is not installed: " + BrowserScripts.CHROMIUM);
            }
            Assumptions.abort("Debian's chromium is not installed (apt-get install chromium)");
        }
        String customer = "8:acs:customer-" + UUID.randomUUID();
        String agent = "8:acs:agent-" + UUID.randomUUID();
        ProcessInstance flow = start("test-operator-call", Map.of("customer", customer, "agent", agent));
        await().atMost(FLOW_TIMEOUT).until(() -> waitsFor(flow, "flow:AddAgent"));
        String unmatched = postEventForACallNobodyOwns();
        String operator = BrowserScripts.user(identity, "operators", PASSWORD, "Olivia", "Operator");

        Files.createDirectories(BrowserScripts.SCREENSHOTS);
        Process node = new ProcessBuilder("node", "src/test/browser/call-tab.js", "http://localhost:" + port, operator,
                PASSWORD, flow.getId(), agent, unmatched, BrowserScripts.SCREENSHOTS.toString())
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        List<String> output = new ArrayList<>();
        JsonNode before = null;
        try (BufferedReader out = new BufferedReader(new InputStreamReader(node.getInputStream(), StandardCharsets.UTF_8));
             Writer in = new OutputStreamWriter(node.getOutputStream(), StandardCharsets.UTF_8)) {
            for (String line = out.readLine(); line != null; line = out.readLine()) {
                output.add(line);
                if (line.startsWith("READY ")) {
                    before = mapper.readTree(line.substring("READY ".length()));
                    // The agent joins while the operator looks at the tab: the flow adds and mutes her.
                    runtime.createMessageCorrelation("flow:AddAgent").processInstanceId(flow.getId()).correlate();
                    await().atMost(FLOW_TIMEOUT).until(() -> waitsFor(flow, "flow:HangUp"));
                    in.write("GO\n");
                    in.flush();
                }
            }
        } finally {
            if (!node.waitFor(120, TimeUnit.SECONDS)) {
                node.destroyForcibly();
            }
        }
        assertThat(node.exitValue()).as(String.join("\n", output)).isZero();
        JsonNode result = mapper.readTree(output.get(output.size() - 1));

        assertThat(result.path("bannerInPage").asBoolean()).as("Cockpit still renders the banner's element").isTrue();
        assertThat(result.path("bannerVisible").asBoolean()).as("the migration banner is hidden").isFalse();
        assertThat(result.path("menu").toString()).contains("Unmatched events");

        assertThat(before).as(String.join("\n", output)).isNotNull();
        assertThat(before.path("error").isNull()).as(before.toString()).isTrue();
        assertThat(before.path("summary").path("Call state").asText()).isEqualTo("connected");
        assertThat(before.path("summary").path("Media in progress").asText()).contains("Playing a prompt");
        assertThat(before.path("summary").path("Flow waits for").asText()).contains("flow:AddAgent");
        assertThat(rawIds(before)).contains(customer).doesNotContain(agent);
        List<String> eventsBefore = column(before.path("events"), 1);
        assertThat(eventsBefore).contains("CallConnected", "ParticipantsUpdated", "PlayStarted");
        // Newest first: the play started after the call connected.
        assertThat(eventsBefore.indexOf("PlayStarted")).isLessThan(eventsBefore.indexOf("CallConnected"));
        assertThat(before.path("events").toString()).contains("delivered to the flow", "applied to the call's variables");

        JsonNode after = result.path("after");
        assertThat(rawIds(after)).contains(customer, agent);
        JsonNode agentRow = null;
        for (JsonNode row : after.path("participants")) {
            if (row.get(0).asText().equals(agent)) {
                agentRow = row;
            }
        }
        assertThat(agentRow).isNotNull();
        assertThat(agentRow.get(1).asText()).isEqualTo("ACS user");
        assertThat(agentRow.get(2).asText()).as("muted").isEqualTo("yes");
        List<String> eventsAfter = column(after.path("events"), 1);
        assertThat(eventsAfter.get(0)).isEqualTo("ParticipantsUpdated");
        assertThat(eventsAfter).contains("AddParticipantSucceeded");
        assertThat(eventsAfter.size()).isGreaterThan(eventsBefore.size());

        JsonNode unmatchedRow = null;
        for (JsonNode row : result.path("unmatched")) {
            if (row.toString().contains("nobodys-")) {
                unmatchedRow = row;
            }
        }
        assertThat(unmatchedRow).as(result.path("unmatched").toString()).isNotNull();
        assertThat(unmatchedRow.toString()).contains("CallConnected", "UNMATCHED", "No flow owns call connection");

        runtime.createMessageCorrelation("flow:HangUp").processInstanceId(flow.getId()).correlate();
        awaitEnded(flow);
    }

    /** The banner is in every webapp's header, and their user stylesheets hide it in each. */
    @Test
    void theMigrationBannerIsHiddenInTasklistAndAdminToo() throws Exception {
        for (String app : List.of("tasklist", "admin")) {
            Path shot = BrowserScripts.SCREENSHOTS.resolve("banner-" + app + ".png");
            JsonNode page = BrowserScripts.run(mapper, "banner.js", shot,
                    List.of("http://localhost:" + port, "admin", TEST_ADMIN_PASSWORD, app, shot.toString()));
            assertThat(page.path("signedIn").asBoolean()).as(app + ": " + page).isTrue();
            assertThat(page.path("bannerInPage").asBoolean()).as(app + ": " + page).isTrue();
            assertThat(page.path("bannerText").asText()).as(app).contains("Camunda 8");
            assertThat(page.path("bannerVisible").asBoolean()).as(app + ": the banner shows").isFalse();
        }
    }

    private boolean waitsFor(ProcessInstance flow, String message) {
        return runtime.createEventSubscriptionQuery().processInstanceId(flow.getId()).eventName(message).count() == 1;
    }

    private String postEventForACallNobodyOwns() {
        String eventId = UUID.randomUUID().toString();
        String event = "[{\"id\":\"" + eventId + "\",\"type\":\"Microsoft.Communication.CallConnected\",\"specversion\":\"1.0\","
                + "\"time\":\"2026-12-01T10:00:00Z\",\"data\":{\"callConnectionId\":\"nobodys-" + UUID.randomUUID() + "\"}}]";
        assertThat(new SignedCallbacks(http, callbackUrls, emulator).post("call-tab-it", "call", event)
                .getStatusCode().value()).isEqualTo(200);
        return eventId;
    }

    private static List<String> rawIds(JsonNode tab) {
        return column(tab.path("participants"), 0);
    }

    private static List<String> column(JsonNode rows, int index) {
        List<String> values = new ArrayList<>();
        rows.forEach(row -> values.add(row.path(index).asText()));
        return values;
    }
}
