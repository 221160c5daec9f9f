package com.switchboard.emulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.awaitility.Awaitility.await;

import com.azure.communication.callautomation.CallAutomationClient;
import com.azure.communication.callautomation.models.CallInvite;
import com.azure.communication.callautomation.models.TransferCallToParticipantOptions;
import com.azure.communication.common.CommunicationUserIdentifier;
import com.azure.communication.common.PhoneNumberIdentifier;
import com.azure.core.util.Context;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.switchboard.emulator.telephony.CallOperation;
import com.switchboard.emulator.telephony.CallSnapshot;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Connect (raw requests: the SDK 1.0.4 has no connect) to rooms, group calls and hosted calls, and transfer: 1:1
 * through the SDK, with a transferee and custom calling context through raw requests at a newer api-version.
 */
class AcsEmulatorConnectAndTransferTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String V2026 = "2026-03-12";

    private static AcsEmulator emulator;
    private static CallbackReceiver receiver;
    private static CallAutomationClient client;

    @BeforeAll
    static void start() throws IOException {
        emulator = AcsEmulator.start(EmulatorSettings.defaults().withPort(0).withAnswerDelay(Duration.ZERO)
            .withRingTimeout(Duration.ofMillis(300)).withCallbackRetries(3, Duration.ofMillis(20)));
        receiver = CallbackReceiver.start();
        client = EmulatorClients.sdk(emulator);
    }

    @AfterAll
    static void stop() {
        emulator.close();
        receiver.close();
    }

    @Test
    void connectsToARoomRegisteredThroughTheControlApi() throws IOException {
        HttpResponse<String> room = EmulatorClients.control(emulator, "POST", "/emulator/rooms",
            "{\"id\":\"99434917639286209\",\"participants\":[\"8:acs:alice\",\"+14255550123\"]}");
        assertThat(room.statusCode()).isEqualTo(201);
        String roomServerCallId = JSON.readTree(room.body()).path("serverCallId").asText();

        HttpResponse<String> connected = connect("{\"kind\":\"roomCallLocator\",\"roomId\":\"99434917639286209\"}",
            ",\"operationContext\":\"join-room\"");

        assertThat(connected.statusCode()).isEqualTo(200);
        JsonNode body = JSON.readTree(connected.body());
        assertThat(body.path("callConnectionState").asText()).isEqualTo("connecting");
        assertThat(body.path("targets").isArray()).isTrue();
        assertThat(body.path("targets")).isEmpty();
        assertThat(body.path("serverCallId").asText()).isEqualTo(roomServerCallId);
        assertThat(body.path("callbackUri").asText()).isEqualTo(receiver.url());
        String callId = body.path("callConnectionId").asText();
        JsonNode updated = receiver.awaitEvent(callId, "ParticipantsUpdated");
        assertThat(receiver.types(callId)).containsExactly("CallConnected", "ParticipantsUpdated");
        JsonNode callConnected = receiver.events(callId).get(0).path("data");
        assertThat(callConnected.path("operationContext").asText()).isEqualTo("join-room");
        assertThat(callConnected.path("version").asText()).isEqualTo(V2026);
        assertThat(callConnected.path("serverCallId").asText()).isEqualTo(roomServerCallId);
        String application = emulator.call(callId).orElseThrow().source();
        assertThat(updated.path("data").path("participants").findValuesAsText("rawId"))
            .containsExactly(application, "8:acs:alice", "4:+14255550123");
        assertThat(emulator.call(callId).orElseThrow().operations()).extracting(CallOperation::name)
            .containsExactly("Connect");
    }

    @Test
    void connectsToAGroupCallAndByServerCallId() throws IOException {
        String serverCallId = emulator.createGroupCall("3f9a1c5e-group", List.of("8:acs:bob")).serverCallId();

        String byGroup = connectedCallId("{\"kind\":\"groupCallLocator\",\"groupCallId\":\"3f9a1c5e-group\"}");
        String byServerCall = connectedCallId("{\"kind\":\"serverCallLocator\",\"serverCallId\":\""
            + serverCallId + "\"}");

        assertThat(byGroup).isNotEqualTo(byServerCall);
        for (String callId : List.of(byGroup, byServerCall)) {
            JsonNode updated = receiver.awaitEvent(callId, "ParticipantsUpdated");
            assertThat(updated.path("data").path("participants").findValuesAsText("rawId")).contains("8:acs:bob");
        }
    }

    @Test
    void connectsToACallTheEmulatorHosts() throws IOException {
        String hostId = client.createCall(new CallInvite(new CommunicationUserIdentifier("8:acs:carol")),
            receiver.url()).getCallConnectionProperties().getCallConnectionId();
        receiver.awaitEvent(hostId, "ParticipantsUpdated");
        String serverCallId = emulator.call(hostId).orElseThrow().serverCallId();

        String callId = connectedCallId("{\"kind\":\"serverCallLocator\",\"serverCallId\":\"" + serverCallId + "\"}");

        JsonNode updated = receiver.awaitEvent(callId, "ParticipantsUpdated");
        assertThat(updated.path("data").path("participants").findValuesAsText("rawId")).contains("8:acs:carol");
        assertThat(emulator.call(callId).orElseThrow().serverCallId()).isEqualTo(serverCallId);
        assertThat(emulator.call(callId).orElseThrow().correlationId())
            .isEqualTo(emulator.call(hostId).orElseThrow().correlationId());
    }

    @Test
    void unknownRoomEndsInConnectFailed() throws IOException {
        HttpResponse<String> response = connect("{\"kind\":\"roomCallLocator\",\"roomId\":\"no-such-room\"}",
            ",\"operationContext\":\"join\"");

        assertThat(response.statusCode()).isEqualTo(200);
        String callId = JSON.readTree(response.body()).path("callConnectionId").asText();
        JsonNode failed = receiver.awaitEvent(callId, "ConnectFailed");
        JsonNode result = failed.path("data").path("resultInformation");
        assertThat(result.path("code").asInt()).isEqualTo(404);
        assertThat(result.path("subCode").asInt()).isEqualTo(8522);
        assertThat(result.path("message").asText()).containsIgnoringCase("call not found");
        assertThat(failed.path("data").path("operationContext").asText()).isEqualTo("join");
        assertThat(receiver.types(callId)).containsExactly("ConnectFailed");
        assertThat(EmulatorClients.signed(emulator, "GET", "/calling/callConnections/" + callId + "?api-version="
            + V2026, null, Map.of()).statusCode()).isEqualTo(404);
    }

    @Test
    void rejectsMissingOrInvalidLocators() throws IOException {
        assertInvalid(post("/calling/callConnections:connect?api-version=" + V2026,
            "{\"callbackUri\":\"" + receiver.url() + "\"}"), "callLocator");
        assertInvalid(connect("{\"kind\":\"roomCallLocator\",\"groupCallId\":\"x\"}", ""), "callLocator.roomId");
        assertInvalid(connect("{\"kind\":\"meetingLocator\",\"roomId\":\"x\"}", ""), "callLocator.kind");
        assertInvalid(connect("{}", ""), "callLocator");
        assertInvalid(post("/calling/callConnections:connect?api-version=" + V2026,
            "{\"callLocator\":{\"roomId\":\"x\"}}"), "callbackUri");
    }

    @Test
    void transfersOneToOneCallThroughTheSdkAndLeaves() {
        String callId = connectedCall("8:acs:caller");

        client.getCallConnection(callId).transferCallToParticipantWithResponse(
            new TransferCallToParticipantOptions(new CommunicationUserIdentifier("8:acs:agent"))
                .setOperationContext("to-agent"), Context.NONE);

        receiver.awaitEvent(callId, "CallDisconnected");
        assertThat(receiver.types(callId)).endsWith("CallTransferAccepted", "CallDisconnected");
        JsonNode accepted = receiver.awaitEvent(callId, "CallTransferAccepted");
        assertThat(accepted.path("data").path("operationContext").asText()).isEqualTo("to-agent");
        assertThat(accepted.path("data").has("transferee")).isFalse();
        assertThat(emulator.call(callId).orElseThrow().operations())
            .extracting(CallOperation::name, CallOperation::target)
            .endsWith(tuple("TransferToParticipant", "8:acs:agent"));
    }

    @Test
    void transferToABusyTargetFails() {
        String callId = connectedCall("8:acs:caller");

        client.getCallConnection(callId).transferCallToParticipant(new PhoneNumberIdentifier("+15550000486"));

        JsonNode failed = receiver.awaitEvent(callId, "CallTransferFailed");
        assertThat(failed.path("data").path("resultInformation").path("code").asInt()).isEqualTo(486);
        assertThat(emulator.call(callId).orElseThrow().state()).isEqualTo("connected");
        assertThat(receiver.types(callId)).doesNotContain("CallDisconnected");
    }

    @Test
    void transferWithTransfereeMovesOnlyTheTransfereeAndRecordsTheCustomContext() throws IOException {
        String callId = connectedCallRaw("8:acs:first");
        post("/calling/callConnections/" + callId + "/participants:add?api-version=" + V2026,
            "{\"participantToAdd\":{\"communicationUser\":{\"id\":\"8:acs:second\"}}}");
        receiver.awaitEvent(callId, "AddParticipantSucceeded");
        await().until(() -> receiver.types(callId).size() == 4);

        HttpResponse<String> transfer = post("/calling/callConnections/" + callId
            + ":transferToParticipant?api-version=" + V2026,
            "{\"targetParticipant\":{\"phoneNumber\":{\"value\":\"+14255550177\"}},"
                + "\"transferee\":{\"communicationUser\":{\"id\":\"8:acs:second\"}},"
                + "\"operationContext\":\"move\",\"operationCallbackUri\":\"" + receiver.url("/operation") + "\","
                + "\"customCallingContext\":{\"sipHeaders\":{\"X-MS-Custom-Queue\":\"billing\"},"
                + "\"voipHeaders\":{\"ticket\":\"42\"}}}");

        assertThat(transfer.statusCode()).isEqualTo(202);
        assertThat(JSON.readTree(transfer.body()).path("operationContext").asText()).isEqualTo("move");
        JsonNode accepted = receiver.awaitEvent(callId, "CallTransferAccepted");
        assertThat(accepted.path("data").path("transferTarget").path("rawId").asText()).isEqualTo("4:+14255550177");
        assertThat(accepted.path("data").path("transferee").path("rawId").asText()).isEqualTo("8:acs:second");
        await().until(() -> receiver.types(callId).size() == 6);
        assertThat(receiver.types(callId).subList(4, 6)).containsExactly("CallTransferAccepted", "ParticipantsUpdated");
        assertThat(receiver.events(callId).get(5).path("data").path("participants").findValuesAsText("rawId"))
            .contains("8:acs:first").doesNotContain("8:acs:second");
        assertThat(receiver.posts()).filteredOn(p -> p.path().equals("/operation"))
            .flatExtracting(CallbackReceiver.Post::events)
            .extracting(event -> event.path("type").asText())
            .contains("Microsoft.Communication.CallTransferAccepted");

        CallSnapshot call = emulator.call(callId).orElseThrow();
        assertThat(call.state()).isEqualTo("connected");
        CallOperation recorded = call.operations().get(call.operations().size() - 1);
        assertThat(recorded.name()).isEqualTo("TransferToParticipant");
        assertThat(recorded.target()).isEqualTo("4:+14255550177");
        assertThat(recorded.transferee()).isEqualTo("8:acs:second");
        assertThat(recorded.sipHeaders()).containsEntry("X-MS-Custom-Queue", "billing");
        assertThat(recorded.voipHeaders()).containsEntry("ticket", "42");
        assertThat(recorded.operationCallbackUri()).isEqualTo(receiver.url("/operation"));
        assertThat(EmulatorClients.unsigned(emulator, "GET", "/emulator/calls/" + callId).body())
            .contains("X-MS-Custom-Queue");
    }

    @Test
    void rejectsSipHeadersAcsDoesNotForward() throws IOException {
        String callId = connectedCallRaw("8:acs:first");
        HttpResponse<String> transfer = post("/calling/callConnections/" + callId
            + ":transferToParticipant?api-version=" + V2026,
            "{\"targetParticipant\":{\"communicationUser\":{\"id\":\"8:acs:agent\"}},"
                + "\"customCallingContext\":{\"sipHeaders\":{\"Queue\":\"billing\"}}}");
        assertInvalid(transfer, "customCallingContext.sipHeaders");
    }

    private String connectedCall(String rawId) {
        String callId = client.createCall(new CallInvite(new CommunicationUserIdentifier(rawId)), receiver.url())
            .getCallConnectionProperties().getCallConnectionId();
        receiver.awaitEvent(callId, "ParticipantsUpdated");
        return callId;
    }

    private String connectedCallRaw(String rawId) throws IOException {
        HttpResponse<String> created = post("/calling/callConnections?api-version=" + V2026,
            "{\"targets\":[{\"communicationUser\":{\"id\":\"" + rawId + "\"}}],\"callbackUri\":\""
                + receiver.url() + "\"}");
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        String callId = JSON.readTree(created.body()).path("callConnectionId").asText();
        receiver.awaitEvent(callId, "ParticipantsUpdated");
        return callId;
    }

    private String connectedCallId(String locator) throws IOException {
        HttpResponse<String> response = connect(locator, "");
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        String callId = JSON.readTree(response.body()).path("callConnectionId").asText();
        receiver.awaitEvent(callId, "CallConnected");
        return callId;
    }

    private HttpResponse<String> connect(String locator, String extraFields) {
        return post("/calling/callConnections:connect?api-version=" + V2026,
            "{\"callLocator\":" + locator + ",\"callbackUri\":\"" + receiver.url() + "\"" + extraFields + "}");
    }

    private static HttpResponse<String> post(String pathAndQuery, String body) {
        return EmulatorClients.signed(emulator, "POST", pathAndQuery, body, Map.of());
    }

    private static void assertInvalid(HttpResponse<String> response, String field) throws IOException {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
        JsonNode error = JSON.readTree(response.body()).path("error");
        assertThat(error.path("code").asText()).isEqualTo("8523");
        assertThat(error.path("message").asText()).contains("'" + field);
    }
}
