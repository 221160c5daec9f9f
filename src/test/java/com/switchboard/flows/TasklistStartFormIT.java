package com.switchboard.flows;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.switchboard.BrowserScripts;
import com.switchboard.SwitchboardIntegrationTest;
import com.switchboard.security.SwitchboardGroups;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.camunda.bpm.engine.history.HistoricVariableInstance;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Starting a call from Tasklist as staff do, in headless Chromium (src/test/browser/tasklist.js): a flow starter
 * signs in, clicks Start process, picks Outbound call and fills its start form. A good entry starts the call; a typo
 * is stopped by the form; what only the server can judge (a phone number called without a caller ID) is refused by
 * the start check, and Tasklist shows its message. The screenshots are in target/screenshots.
 */
class TasklistStartFormIT extends SwitchboardIntegrationTest {

    private static final Path SCREENSHOTS = BrowserScripts.SCREENSHOTS;
    private static final String PASSWORD = "Tasklist-Pa55word";
    private static final String FLOW = "Outbound call";
    private static final String TARGET = "Who to call";
    private static final String CALLER_ID = "Caller ID (the number they see)";
    private static final String PARTICIPANT = "Who to add once they answer";

    @LocalServerPort
    int port;
    @Autowired
    IdentityService identity;
    @Autowired
    ObjectMapper mapper;

    @Test
    void aFlowStarterStartsAnOutboundCallWithTheForm() throws Exception {
        String starter = user(SwitchboardGroups.FLOW_STARTERS);

        JsonNode page = tasklist(starter, "tasklist-start", TARGET + "=8:acs:customer", PARTICIPANT + "=8:acs:agent");

        assertThat(page.path("signedIn").asBoolean()).as(page.toString()).isTrue();
        assertThat(page.path("formShown").asBoolean()).as(page.toString()).isTrue();
        assertThat(page.path("fieldErrors").size()).as(page.toString()).isZero();
        assertThat(texts(page, "notifications")).as(page.toString()).contains("The process has been started");
        List<HistoricProcessInstance> started = startedBy(starter);
        assertThat(started).as(page.toString()).hasSize(1);
        String call = started.get(0).getId();
        Map<String, Object> variables = startVariables(call);
        assertThat(variables).containsEntry("target", "8:acs:customer").containsEntry("participant", "8:acs:agent")
                .containsEntry("ringTimeout", "PT60S").containsEntry("invitationTimeout", "60");
        assertThat(variables.get("callerId")).as("left empty").satisfiesAnyOf(
                value -> assertThat(value).isNull(), value -> assertThat(value).isEqualTo(""));
        // It ran: the emulator answered, the participant was added, the call ended for everyone.
        awaitEnded(call);
        assertThat(activities(call)).containsSubsequence("checkStartVariables", "createCall", "callConnected",
                "addParticipant", "participantAdded", "hangUp", "callCompleted");
    }

    @Test
    void theFormStopsATypoAndStartsNothing() throws Exception {
        String starter = user(SwitchboardGroups.FLOW_STARTERS);

        JsonNode page = tasklist(starter, "tasklist-typo", TARGET + "=12345", PARTICIPANT + "=8:acs:agent");

        assertThat(page.path("formShown").asBoolean()).as(page.toString()).isTrue();
        assertThat(texts(page, "fieldErrors")).as(page.toString()).contains("must match pattern");
        assertThat(page.path("startEnabled").asBoolean()).as("Start is disabled: " + page).isFalse();
        assertThat(startedBy(starter)).as(page.toString()).isEmpty();
    }

    @Test
    void whatTheFormCannotJudgeTheServerRefusesAndTasklistSaysWhy() throws Exception {
        // A phone number needs a caller ID; the form leaves the field optional (user ids need none), the start check
        // refuses it.
        String starter = user(SwitchboardGroups.FLOW_STARTERS);

        JsonNode page = tasklist(starter, "tasklist-refused", TARGET + "=+14255550123", PARTICIPANT + "=8:acs:agent");

        assertThat(page.path("fieldErrors").size()).as(page.toString()).isZero();
        assertThat(texts(page, "notifications")).as(page.toString()).contains("The process could not be started")
                .contains("Start variable \"callerId\": it is empty, but calling a phone number needs a caller ID");
        assertThat(startedBy(starter)).as(page.toString()).isEmpty();
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5))
                .until(() -> startedBy(starter).isEmpty());
    }

    private static String texts(JsonNode page, String field) {
        List<String> texts = new ArrayList<>();
        page.path(field).forEach(text -> texts.add(text.asText()));
        return String.join("\n", texts);
    }

    private List<HistoricProcessInstance> startedBy(String user) {
        return history.createHistoricProcessInstanceQuery().processDefinitionKey("outbound-call").startedBy(user).list();
    }

    /** The flow's own variables (not a task's inputs of the same names), as they were set at the start. */
    private Map<String, Object> startVariables(String processInstanceId) {
        List<HistoricVariableInstance> variables = history.createHistoricVariableInstanceQuery()
                .processInstanceId(processInstanceId).activityInstanceIdIn(processInstanceId).list();
        Map<String, Object> values = new HashMap<>();
        variables.forEach(variable -> values.put(variable.getName(), variable.getValue()));
        return values;
    }

    private JsonNode tasklist(String user, String screenshots, String... entries) throws IOException, InterruptedException {
        List<String> arguments = new ArrayList<>(List.of("http://localhost:" + port, user, PASSWORD,
                SCREENSHOTS.resolve(screenshots).toString(), FLOW));
        arguments.addAll(List.of(entries));
        return BrowserScripts.run(mapper, "tasklist.js", SCREENSHOTS.resolve(screenshots + "-after.png"), arguments);
    }

    private String user(String group) {
        return BrowserScripts.user(identity, group, PASSWORD, "Office", "Worker");
    }
}
