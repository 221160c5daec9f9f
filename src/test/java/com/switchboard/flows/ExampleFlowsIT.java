package com.switchboard.flows;

import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.switchboard.SwitchboardIntegrationTest;
import com.switchboard.callbacks.CallbackInbox;
import com.switchboard.callbacks.InboxEntry;
import com.switchboard.callbacks.InboxStatus;
import com.switchboard.emulator.AcsEmulator;
import com.switchboard.emulator.telephony.CallSnapshot;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** Every example flow in processes/, one scenario of the Call Automation guide each, end to end. */
class ExampleFlowsIT extends SwitchboardIntegrationTest {

    private static final String CALLER_ID = "+14255550100";
    private static final String CUSTOMER = "+14255550123";
    private static final String AGENT = "8:acs:agent-7";

    @Autowired
    AcsEmulator emulator;
    @Autowired
    CallbackInbox inbox;
    @Autowired
    ObjectMapper mapper;

    @Test
    void groupCallToAPhoneNumberAndAnAcsUser() throws Exception {
        ProcessInstance flow = start("group-call", Map.of("phoneNumber", CUSTOMER, "acsUser", AGENT, "callerId", CALLER_ID));
        awaitEnded(flow);
        assertThat(flow).hasPassedInOrder("createCall", "callConnected", "listParticipants", "hangUp",
                "callDisconnected", "callCompleted");
        CallSnapshot call = emulator.call(callConnectionId(flow)).orElseThrow();
        assertThat(call.targets()).containsExactly("4:" + CUSTOMER, AGENT);
        assertThat(rawIds(variable(flow, "participants"))).contains("4:" + CUSTOMER, AGENT);
    }

    @Test
    void connectToARoomCallListItsParticipantsAndLeave() throws Exception {
        String roomId = "room-" + java.util.UUID.randomUUID();
        emulator.createRoom(roomId, List.of("8:acs:teacher", CUSTOMER));
        ProcessInstance flow = start("connect-room-call", Map.of("roomId", roomId));
        awaitEnded(flow);
        assertThat(flow).hasPassedInOrder("connectCall", "callConnected", "listParticipants", "leave",
                "callDisconnected", "leftRoom");
        assertThat(rawIds(variable(flow, "participants"))).contains("8:acs:teacher", "4:" + CUSTOMER);
    }

    @Test
    void aRoomOfSixtyAcsUsersIsListedWhole() throws Exception {
        String roomId = "room-" + java.util.UUID.randomUUID();
        String resource = java.util.UUID.randomUUID().toString();
        List<String> users = java.util.stream.IntStream.range(0, 60)
                .mapToObj(i -> "8:acs:" + resource + "_" + java.util.UUID.randomUUID()).toList();
        emulator.createRoom(roomId, users);
        ProcessInstance flow = start("connect-room-call", Map.of("roomId", roomId));
        awaitEnded(flow);

        assertThat(flow).hasPassedInOrder("connectCall", "callConnected", "listParticipants", "leave",
                "callDisconnected", "leftRoom");
        String participants = (String) variable(flow, "participants");
        assertThat(participants).hasSizeGreaterThan(4000);
        assertThat(rawIds(participants)).containsAll(users).hasSize(61);
        assertThat(variable(flow, "participantCount")).isEqualTo(61);
        List<InboxEntry> updates = inbox.ofCall(callConnectionId(flow)).stream()
                .filter(e -> e.eventName().equals("ParticipantsUpdated")).toList();
        assertThat(updates).isNotEmpty().extracting(InboxEntry::status).doesNotContain(InboxStatus.PENDING)
                .contains(InboxStatus.APPLIED);
    }

    @Test
    void connectingToAnUnknownRoomFails() {
        ProcessInstance flow = start("connect-room-call", Map.of("roomId", "no-such-room"));
        awaitEnded(flow);
        assertThat(flow).hasPassedInOrder("connectCall", "connectFailed", "notConnected");
    }

    @Test
    void transferInAOneToOneCall() {
        ProcessInstance flow = start("transfer-call", Map.of("target", CUSTOMER, "transferTarget", AGENT, "callerId", CALLER_ID));
        awaitEnded(flow);
        assertThat(flow).hasPassedInOrder("callConnected", "transferCall", "transferAccepted", "callDisconnected", "transferred");
    }

    @Test
    void aTransferToABusyTargetFails() {
        ProcessInstance flow = start("transfer-call",
                Map.of("target", CUSTOMER, "transferTarget", "8:acs:emulator-busy", "callerId", CALLER_ID));
        awaitEnded(flow);
        assertThat(flow).hasPassedInOrder("transferCall", "transferFailed", "hangUpAfterFailure", "notTransferred");
        assertThat(variable(flow, "lastResultCode")).isEqualTo(486);
    }

    @Test
    void transferATransfereeInAGroupCall() throws Exception {
        ProcessInstance flow = start("transfer-participant",
                Map.of("customer", CUSTOMER, "agent", AGENT, "transferTarget", "+14255550199", "callerId", CALLER_ID));
        awaitEnded(flow);
        assertThat(flow).hasPassedInOrder("callConnected", "transferCall", "transferAccepted", "hangUp", "callCompleted");
        JsonNode accepted = event(callConnectionId(flow), "CallTransferAccepted");
        assertThat(accepted.path("data").path("transferee").path("rawId").asText()).isEqualTo("4:" + CUSTOMER);
        assertThat(accepted.path("data").path("transferTarget").path("rawId").asText()).isEqualTo("4:+14255550199");
    }

    @Test
    void addAParticipantThenCancelTheInvitation() {
        ProcessInstance flow = start("add-and-cancel-participant",
                Map.of("target", CUSTOMER, "participant", "8:acs:emulator-no-answer", "callerId", CALLER_ID,
                        "invitationTimeout", 60));
        awaitEnded(flow);
        assertThat(flow).hasPassedInOrder("addParticipant", "cancelAddParticipant", "cancelSucceeded", "addFailed",
                "hangUp", "callCompleted");
        assertThat(variable(flow, "invitationId")).isNotNull();
        assertThat(variable(flow, "lastResultCode")).isNotNull();
        assertThat(event(callConnectionId(flow), "AddParticipantFailed").path("data").path("resultInformation")
                .path("code").asInt()).isEqualTo(487);
    }

    @Test
    void removeAParticipant() throws Exception {
        ProcessInstance flow = start("remove-participant", Map.of("target", CUSTOMER, "participant", AGENT, "callerId", CALLER_ID));
        awaitEnded(flow);
        assertThat(flow).hasPassedInOrder("callConnected", "removeParticipant", "removed", "listParticipants", "hangUp",
                "callCompleted");
        assertThat(rawIds(variable(flow, "participants"))).contains("4:" + CUSTOMER).doesNotContain(AGENT);
    }

    @Test
    void queryResultsAreVariablesAGatewayCanUse() {
        ProcessInstance flow = start("test-call-queries", Map.of("target", AGENT));
        awaitEnded(flow);
        assertThat(flow).hasPassedInOrder("getCallProperties", "getParticipant", "listParticipants", "hangUp", "end")
                .hasNotPassed("unexpected");
        assertThat(variable(flow, "participantInCall")).isEqualTo(true);
        assertThat(variable(flow, "participantMuted")).isEqualTo(false);
    }

    @Test
    void hangUpForEveryone() {
        ProcessInstance flow = start("hang-up-for-everyone", Map.of("targets", CUSTOMER + ", " + AGENT, "callerId", CALLER_ID));
        awaitEnded(flow);
        assertThat(flow).hasPassedInOrder("callConnected", "hangUp", "callDisconnected", "callCompleted");
        assertThat(emulator.call(callConnectionId(flow)).map(CallSnapshot::state)).hasValue("disconnected");
        assertThat(inbox.ofCall(callConnectionId(flow))).extracting(InboxEntry::status).doesNotContain(InboxStatus.PENDING);
    }

    private String callConnectionId(ProcessInstance flow) {
        return (String) variable(flow, "callConnectionId");
    }

    private JsonNode event(String callConnectionId, String name) {
        return inbox.ofCall(callConnectionId).stream().filter(e -> e.eventName().equals(name)).findFirst()
                .map(e -> {
                    try {
                        return mapper.readTree(e.payload());
                    } catch (Exception ex) {
                        throw new IllegalStateException(ex);
                    }
                }).orElseThrow(() -> new AssertionError("no " + name + " for call " + callConnectionId));
    }

    private List<String> rawIds(Object json) throws Exception {
        return mapper.readerForListOf(String.class).readValue(String.valueOf(json));
    }
}
