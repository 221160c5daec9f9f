package com.switchboard.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.switchboard.BrowserScripts;
import com.switchboard.SwitchboardIntegrationTest;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Cockpit as people see it, in headless Chromium: an operator signs in and sees the call flows and their incident;
 * a user in no group is not let in. The screenshots are in target/screenshots.
 */
class CockpitAccessIT extends SwitchboardIntegrationTest {

    private static final Path SCREENSHOTS = BrowserScripts.SCREENSHOTS;

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
        Path shot = SCREENSHOTS.resolve(screenshot);
        return BrowserScripts.run(mapper, "cockpit.js", shot,
                List.of("http://localhost:" + port, user, PASSWORD, shot.toString()));
    }

    private static final String PASSWORD = "Cockpit-Pa55word";

    private String user(String group) {
        return BrowserScripts.user(identity, group, PASSWORD, "Cockpit", "Tester");
    }
}
