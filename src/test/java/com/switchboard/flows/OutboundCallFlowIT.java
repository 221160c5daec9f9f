package com.switchboard.flows;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.switchboard.SwitchboardIntegrationTest;
import com.switchboard.callbacks.CallbackInbox;
import com.switchboard.callbacks.InboxEntry;
import com.switchboard.callbacks.InboxStatus;
import com.switchboard.emulator.AcsEmulator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.BadUserRequestException;
import org.camunda.bpm.engine.runtime.Incident;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** processes/outbound-call.bpmn, every path, against the emulator's phone network. */
class OutboundCallFlowIT extends SwitchboardIntegrationTest {

    private static final String CALLER_ID = "+14255550100";
    private static final String CUSTOMER = "+14255550123";
    private static final String AGENT = "8:acs:agent-1";

    @Autowired
    CallbackInbox inbox;
    @Autowired
    AcsEmulator emulator;
    @Autowired
    ObjectMapper mapper;

    @Test
    void connectsAddsTheParticipantAndEndsTheCallForEveryone() {
        ProcessInstance call = startCall(CUSTOMER, AGENT, Map.of());
        awaitEnded(call);

        assertThat(call).hasPassedInOrder("createCall", "callConnected", "addParticipant", "participantAdded",
                "participantJoined", "hangUp", "callDisconnected", "callCompleted");
        assertThat(call).hasNotPassed("remoteHungUp", "createCallFailed", "noAnswer");
        String callConnectionId = (String) variable(call, "callConnectionId");
        assertThat(callConnectionId).isNotBlank();
        assertThat(variable(call, "serverCallId")).isNotNull();
        assertThat(variable(call, "correlationId")).isNotNull();
        assertThat(variable(call, "callState")).isEqualTo("disconnected");
        assertThat(variable(call, "participants")).as("the latest participant list")
                .isEqualTo(latestParticipantList(callConnectionId));
        assertThat(inbox.ofCall(callConnectionId)).anySatisfy(event -> assertThat(event.payload())
                .contains("ParticipantsUpdated").contains(AGENT).contains("4:" + CUSTOMER));

        List<InboxEntry> events = inbox.ofCall(callConnectionId);
        assertThat(events).filteredOn(e -> e.status() == InboxStatus.CORRELATED).extracting(InboxEntry::eventName)
                .containsExactly("CallConnected", "AddParticipantSucceeded", "CallDisconnected");
        assertThat(events).filteredOn(e -> e.eventName().equals("ParticipantsUpdated"))
                .isNotEmpty().allSatisfy(e -> assertThat(e.status()).isIn(InboxStatus.APPLIED, InboxStatus.UNMATCHED));
        assertThat(events).extracting(InboxEntry::status).doesNotContain(InboxStatus.PENDING);
    }

    @Test
    void startVariablesNamedLikeActionInputsDoNotReachTheActions() {
        // Anyone who may start a flow could otherwise send its add-participant events elsewhere, or change what the
        // callee sees: an action reads only the inputs its task maps.
        ProcessInstance call = startCall(CUSTOMER, AGENT, Map.of(
                "operationCallbackUrl", "https://attacker.example/acs-events",
                "sourceDisplayName", "Not your bank",
                "customHeaders", "X-MS-Custom-Stolen: yes",
                "forEveryone", "false"));
        awaitEnded(call);

        assertThat(call).hasPassedInOrder("addParticipant", "participantAdded", "hangUp", "callDisconnected");
        String callConnectionId = (String) variable(call, "callConnectionId");
        assertThat(inbox.ofCall(callConnectionId)).filteredOn(e -> e.status() == InboxStatus.CORRELATED)
                .extracting(InboxEntry::eventName).contains("AddParticipantSucceeded");
        assertThat(emulator.deliveredEvents()).as("nothing went to the start variable's URL")
                .isNotEmpty().noneSatisfy(event -> assertThat(event.callbackUri()).contains("attacker.example"));
    }

    @Test
    void aBusyCalleeEndsInCalleeBusy() {
        ProcessInstance call = startCall("+15550000486", AGENT, Map.of());
        awaitEnded(call);
        assertThat(call).hasPassed("createCallFailed", "calleeBusy").hasNotPassed("callConnected", "addParticipant");
        assertThat(variable(call, "lastResultCode")).isEqualTo(486);
        assertThat(variable(call, "callState")).isEqualTo("disconnected");
    }

    @Test
    void aDecliningCalleeEndsInCalleeDeclined() {
        ProcessInstance call = startCall("+15550000603", AGENT, Map.of());
        awaitEnded(call);
        assertThat(call).hasPassed("createCallFailed", "calleeDeclined");
        assertThat(variable(call, "lastResultCode")).isEqualTo(603);
    }

    @Test
    void anUnavailableCalleeEndsInNotReached() {
        ProcessInstance call = startCall("+15550000480", AGENT, Map.of());
        awaitEnded(call);
        assertThat(call).hasPassed("createCallFailed", "calleeNotReached");
        assertThat(variable(call, "lastResultCode")).isEqualTo(480);
    }

    @Test
    void whenAcsGivesUpRingingTheCalleeIsNotReached() {
        // The emulator rings for 3 s in tests (ring-timeout), less than the flow's own timer.
        ProcessInstance call = startCall("+15550000408", AGENT, Map.of());
        awaitEnded(call);
        assertThat(call).hasPassed("createCallFailed", "calleeNotReached").hasNotPassed("noAnswer");
        assertThat(variable(call, "lastResultCode")).isEqualTo(408);
    }

    @Test
    void whenNoEventComesInTimeTheFlowCancelsTheCall() {
        ProcessInstance call = startCall("+15550000408", AGENT, Map.of("ringTimeout", "PT1S"));
        awaitEnded(call);
        assertThat(call).hasPassedInOrder("createCall", "noAnswer", "cancelCall", "noAnswerEnd")
                .hasNotPassed("createCallFailed");
    }

    @Test
    void aParticipantWhoIsBusyIsNotAddedAndTheCallStillEndsCleanly() {
        ProcessInstance call = startCall(CUSTOMER, "8:acs:emulator-busy", Map.of());
        awaitEnded(call);
        assertThat(call).hasPassedInOrder("callConnected", "addParticipant", "participantNotAdded",
                "participantMissing", "hangUp", "callDisconnected", "callCompleted");
        assertThat(variable(call, "lastResultCode")).isEqualTo(486);
    }

    @Test
    void theRemoteSideHangingUpEndsTheFlowAtAnyMoment() {
        // The participant rings for a minute; meanwhile the customer hangs up.
        ProcessInstance call = startCall(CUSTOMER, "8:acs:emulator-no-answer", Map.of("invitationTimeout", 60));
        await().atMost(FLOW_TIMEOUT).until(() -> activities(call.getId()).contains("awaitParticipant"));
        assertThat(activities(call.getId())).as("the flow waits for the participant").doesNotContain("participantMissing",
                "participantJoined", "endedByRemote");
        emulator.hangUpParticipant((String) runtime.getVariable(call.getId(), "callConnectionId"), "4:" + CUSTOMER);
        awaitEnded(call);
        assertThat(call).hasPassed("remoteHungUp", "endedByRemote").hasNotPassed("hangUp", "participantAdded");
        assertThat(variable(call, "callState")).isEqualTo("disconnected");
    }

    @Test
    void aTargetThatIsNotAPhoneNumberOrUserIsRefusedBeforeAnyoneIsCalled() {
        long calls = emulator.calls().size();
        long flows = history.createHistoricProcessInstanceQuery().processDefinitionKey("outbound-call").count();
        assertThatThrownBy(() -> startCall("12345", AGENT, Map.of()))
                .isInstanceOf(BadUserRequestException.class)
                .hasMessage("Start variable \"target\": '12345' is neither a phone number in international format "
                        + "(like +14255550123) nor a user id (like 8:acs:...)");
        assertThat(history.createHistoricProcessInstanceQuery().processDefinitionKey("outbound-call").count())
                .as("no flow was started").isEqualTo(flows);
        assertThat(emulator.calls()).as("nobody was called").hasSize((int) calls);
    }

    @Test
    void aPhoneNumberAsParticipantWithoutCallerIdIsRefusedBeforeTheTargetIsCalled() {
        Map<String, Object> variables = new HashMap<>();
        variables.put("target", AGENT);
        variables.put("participant", CUSTOMER);
        assertThatThrownBy(() -> start("outbound-call", variables)).isInstanceOf(BadUserRequestException.class)
                .hasMessageStartingWith("Start variable \"callerId\": it is empty, but calling a phone number needs a caller ID");
    }

    @Test
    void aBadTargetPastTheCheckStillBecomesAReadableIncident() {
        // The check refuses such a start; a flow started at the call itself (Cockpit's "start before") meets the
        // action's own check of its inputs.
        ProcessInstance call = startAtTheCall(Map.of("target", "12345", "callerId", CALLER_ID, "participant", AGENT));
        await().atMost(FLOW_TIMEOUT).until(() ->
                runtime.createIncidentQuery().processInstanceId(call.getId()).count() == 1);
        Incident incident = runtime.createIncidentQuery().processInstanceId(call.getId()).singleResult();
        assertThat(incident.getActivityId()).isEqualTo("createCall");
        assertThat(incident.getIncidentMessage())
                .isEqualTo("Task \"Call the target\", input \"targets\": '12345' is neither a phone number in "
                        + "international format (like +14255550123) nor a user id (like 8:acs:...)");
        runtime.deleteProcessInstance(call.getId(), "test done");
    }

    @Test
    void callingAPhoneNumberWithoutCallerIdPastTheCheckIsRefusedBeforeAcsIsAsked() {
        long calls = emulator.calls().size();
        ProcessInstance call = startAtTheCall(Map.of("target", CUSTOMER, "participant", AGENT));
        await().atMost(FLOW_TIMEOUT).until(() ->
                runtime.createIncidentQuery().processInstanceId(call.getId()).count() == 1);
        assertThat(runtime.createIncidentQuery().processInstanceId(call.getId()).singleResult().getIncidentMessage())
                .as("the task maps ${callerId}, which this flow, started past its check, does not have")
                .startsWith("Unknown property used in expression: ${callerId}");
        assertThat(runtime.getVariable(call.getId(), "callConnectionId")).isNull();
        assertThat(emulator.calls()).as("nobody was called").hasSize((int) calls);
        runtime.deleteProcessInstance(call.getId(), "test done");
    }

    @Test
    void aPhoneNumberWithAnEmptyCallerIdIsRefusedBeforeAcsIsAsked() {
        Map<String, Object> variables = new HashMap<>();
        variables.put("target", CUSTOMER);
        variables.put("participant", AGENT);
        variables.put("callerId", null);
        long calls = emulator.calls().size();
        ProcessInstance call = startAtTheCall(variables);
        await().atMost(FLOW_TIMEOUT).until(() ->
                runtime.createIncidentQuery().processInstanceId(call.getId()).count() == 1);
        assertThat(runtime.createIncidentQuery().processInstanceId(call.getId()).singleResult().getIncidentMessage())
                .startsWith("Task \"Call the target\", input \"callerId\": it is empty, but calling a phone number needs a caller ID");
        assertThat(emulator.calls()).as("nobody was called").hasSize((int) calls);
        runtime.deleteProcessInstance(call.getId(), "test done");
    }

    private ProcessInstance startAtTheCall(Map<String, Object> variables) {
        return runtime.createProcessInstanceByKey("outbound-call").startBeforeActivity("createCall")
                .setVariables(variables).execute();
    }

    private ProcessInstance startCall(String target, String participant, Map<String, Object> extra) {
        Map<String, Object> variables = new HashMap<>(extra);
        variables.put("target", target);
        variables.put("callerId", CALLER_ID);
        variables.put("participant", participant);
        return start("outbound-call", variables);
    }

    /** The participant list of the call's newest ParticipantsUpdated event, as the inbox stored it. */
    private String latestParticipantList(String callConnectionId) {
        JsonNode newest = null;
        for (InboxEntry event : inbox.ofCall(callConnectionId)) {
            if (event.eventName().equals("ParticipantsUpdated")) {
                JsonNode data = read(event.payload()).path("data");
                if (newest == null || data.path("sequenceNumber").asInt() >= newest.path("sequenceNumber").asInt()) {
                    newest = data;
                }
            }
        }
        assertThat(newest).as("a ParticipantsUpdated event").isNotNull();
        ArrayNode rawIds = mapper.createArrayNode();
        newest.path("participants").forEach(p -> rawIds.add(p.path("identifier").path("rawId").asText()));
        return rawIds.toString();
    }

    private JsonNode read(String json) {
        try {
            return mapper.readTree(json);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
