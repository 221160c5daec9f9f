package com.switchboard.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.switchboard.SwitchboardIntegrationTest;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Cockpit as people see it, in headless Chromium: an operator signs in and sees the call flows and their incident;
 * a user in no group is not let in. The screenshots are in target/screenshots.
 */
class CockpitAccessIT extends SwitchboardIntegrationTest {

    private static final Path CHROMIUM = Path.of(System.getenv().getOrDefault("CHROMIUM", "/usr/bin/chromium"));
    private static final Path SCREENSHOTS = Path.of("target", "screenshots");

    @LocalServerPort
    int port;
    @Autowired
    IdentityService identity;
    @Autowired
    ObjectMapper mapper;

    @Test
    void anOperatorSeesTheFlowsAndTheirIncidents() throws Exception {
        // A phone number needs a caller id: started past the start check, the create-call step fails and becomes an
        // incident.
        ProcessInstance failing = runtime.createProcessInstanceByKey("outbound-call").startBeforeActivity("createCall")
                .setVariables(Map.of("target", "+14255550123", "participant", "8:acs:x")).execute();
        await().atMost(FLOW_TIMEOUT).until(() -> runtime.createIncidentQuery().processInstanceId(failing.getId()).count() == 1);

        JsonNode page = cockpit(user(SwitchboardGroups.OPERATORS), "cockpit-operator.png");

        assertThat(page.path("signedIn").asBoolean()).as(page.toString()).isTrue();
        Map<String, Integer> incidents = new java.util.HashMap<>();
        page.path("definitions").forEach(row -> incidents.put(row.path("key").asText(), row.path("incidents").asInt()));
        assertThat(incidents).containsKeys("outbound-call", "incoming-answer", "transfer-call");
        assertThat(incidents.get("outbound-call")).isGreaterThanOrEqualTo(1);
        runtime.deleteProcessInstance(failing.getId(), "test over");
    }

    @Test
    void aUserInNoGroupIsNotLetIn() throws Exception {
        JsonNode page = cockpit(user(null), "cockpit-no-group.png");
        assertThat(page.path("signedIn").asBoolean()).as(page.toString()).isFalse();
        assertThat(page.path("definitions").size()).isZero();
    }

    private JsonNode cockpit(String user, String screenshot) throws IOException, InterruptedException {
        boolean ci = System.getenv("CI") != null;
        if (!Files.isExecutable(CHROMIUM)) {
            String missing = "Debian's chromium is not installed (apt-get install chromium): " + CHROMIUM;
            if (ci) {
                throw new IllegalStateException(missing); // .ci/run installs it; a CI run without it tests nothing here
            }
            Assumptions.abort(missing);
        }
        Files.createDirectories(SCREENSHOTS);
        Path shot = SCREENSHOTS.resolve(screenshot);
        Process node = new ProcessBuilder("node", "src/test/browser/cockpit.js", "http://localhost:" + port, user,
                PASSWORD, shot.toString()).redirectErrorStream(true).start();
        boolean done = node.waitFor(90, TimeUnit.SECONDS);
        String output = new String(node.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(done).as("the browser finished: " + output).isTrue();
        assertThat(node.exitValue()).as(output).isZero();
        assertThat(shot).exists();
        String[] lines = output.strip().split("\\R");
        return mapper.readTree(lines[lines.length - 1]);
    }

    private static final String PASSWORD = "Cockpit-Pa55word";

    private String user(String group) {
        String id = "c" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        User user = identity.newUser(id);
        user.setFirstName("Cockpit");
        user.setLastName("Tester");
        user.setPassword(PASSWORD);
        identity.saveUser(user);
        if (group != null) {
            identity.createMembership(id, group);
        }
        return id;
    }
}
