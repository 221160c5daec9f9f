package com.switchboard.emulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Wire-level behaviour checked with raw, hand-signed HTTP requests: versions, errors, repeatability. */
class AcsEmulatorProtocolTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String V2023 = "2023-03-06";
    private static final String V2024 = "2024-04-15";
    private static final String V2026 = "2026-03-12";

    private static AcsEmulator emulator;
    private static CallbackReceiver receiver;

    @BeforeAll
    static void start() throws IOException {
        emulator = AcsEmulator.start(EmulatorSettings.defaults().withPort(0).withAnswerDelay(Duration.ZERO));
        receiver = CallbackReceiver.start();
    }

    @AfterAll
    static void stop() {
        emulator.close();
        receiver.close();
    }

    @Test
    void rejectsUnknownAndMissingApiVersion() throws IOException {
        HttpResponse<String> unknown = post("/calling/callConnections?api-version=2021-01-01", createCallBody());
        assertThat(unknown.statusCode()).isEqualTo(400);
        assertThat(errorCode(unknown)).isEqualTo("UnsupportedApiVersion");
        assertThat(errorMessage(unknown)).contains("2023-03-06").contains("2026-03-12");

        HttpResponse<String> missing = post("/calling/callConnections", createCallBody());
        assertThat(missing.statusCode()).isEqualTo(400);
        assertThat(errorMessage(missing)).contains("api-version");
    }

    @Test
    void operationsNewerThanTheApiVersionAreUnknownRoutes() throws IOException {
        String callId = connectedCall(V2023, "8:acs:one");
        String cancel = "{\"invitationId\":\"x\"}";
        HttpResponse<String> old = post("/calling/callConnections/" + callId
            + "/participants:cancelAddParticipant?api-version=" + V2023, cancel);
        assertThat(old.statusCode()).isEqualTo(404);
        HttpResponse<String> connect = post("/calling/callConnections:connect?api-version=" + V2023, "{}");
        assertThat(connect.statusCode()).isEqualTo(404);
    }

    @Test
    void cancelsAddParticipantAtNewerVersions() throws IOException {
        String callId = connectedCall(V2026, "8:acs:one");
        HttpResponse<String> added = post("/calling/callConnections/" + callId + "/participants:add?api-version="
            + V2026, "{\"participantToAdd\":{\"communicationUser\":{\"id\":\"8:acs:emulator-no-answer\"}},"
            + "\"operationContext\":\"add\"}");
        assertThat(added.statusCode()).isEqualTo(202);
        String invitationId = JSON.readTree(added.body()).path("invitationId").asText();
        assertThat(invitationId).isNotBlank();

        HttpResponse<String> cancelled = post("/calling/callConnections/" + callId
            + "/participants:cancelAddParticipant?api-version=" + V2026,
            "{\"invitationId\":\"" + invitationId + "\",\"operationContext\":\"cancel\"}");

        assertThat(cancelled.statusCode()).isEqualTo(202);
        assertThat(JSON.readTree(cancelled.body()).path("invitationId").asText()).isEqualTo(invitationId);
        JsonNode succeeded = receiver.awaitEvent(callId, "CancelAddParticipantSucceeded");
        assertThat(succeeded.path("data").path("invitationId").asText()).isEqualTo(invitationId);
        JsonNode failed = receiver.awaitEvent(callId, "AddParticipantFailed");
        assertThat(failed.path("data").path("resultInformation").path("code").asInt()).isEqualTo(487);
        assertThat(failed.path("data").path("resultInformation").path("subCode").asInt()).isEqualTo(5234);
        assertThat(failed.path("data").path("operationContext").asText()).isEqualTo("add");
        assertThat(failed.path("data").path("version").asText()).isEqualTo(V2026);
    }

    @Test
    void addParticipantResponseFollowsTheApiVersionSchema() throws IOException {
        String oldCall = connectedCall(V2023, "8:acs:one");
        JsonNode old = JSON.readTree(post("/calling/callConnections/" + oldCall + "/participants:add?api-version="
            + V2023, "{\"participantToAdd\":{\"communicationUser\":{\"id\":\"8:acs:two\"}}}").body());
        assertThat(old.has("invitationId")).isFalse();
        assertThat(old.path("participant").has("isOnHold")).isFalse();
        assertThat(old.path("participant").path("identifier").path("rawId").asText()).isEqualTo("8:acs:two");

        String newCall = connectedCall(V2026, "8:acs:one");
        JsonNode current = JSON.readTree(post("/calling/callConnections/" + newCall + "/participants:add?api-version="
            + V2026, "{\"participantToAdd\":{\"communicationUser\":{\"id\":\"8:acs:two\"}}}").body());
        assertThat(current.path("invitationId").asText()).isNotBlank();
        assertThat(current.path("participant").path("isOnHold").isBoolean()).isTrue();
    }

    @Test
    void operationCallbackUriReceivesTheOperationsEventsFrom2024On() throws IOException {
        String callId = connectedCall(V2024, "8:acs:one");
        post("/calling/callConnections/" + callId + "/participants:add?api-version=" + V2024,
            "{\"participantToAdd\":{\"communicationUser\":{\"id\":\"8:acs:two\"}},"
                + "\"operationCallbackUri\":\"" + receiver.url("/operation") + "\"}");

        receiver.awaitEvent(callId, "AddParticipantSucceeded");
        await().until(() -> receiver.types(callId).size() == 4);
        assertThat(receiver.posts()).filteredOn(post -> post.path().equals("/operation"))
            .flatExtracting(CallbackReceiver.Post::events)
            .extracting(event -> event.path("type").asText())
            .containsExactly("Microsoft.Communication.AddParticipantSucceeded");
    }

    @Test
    void createCallFailedIsSentAtNewerVersionsWithThatVersion() {
        String callId = createCall(V2026, "{\"kind\":\"phoneNumber\",\"phoneNumber\":{\"value\":\"+15550000603\"}}",
            ",\"sourceCallerIdNumber\":{\"value\":\"+18005550100\"}");
        JsonNode failed = receiver.awaitEvent(callId, "CreateCallFailed");
        assertThat(failed.path("data").path("resultInformation").path("code").asInt()).isEqualTo(603);
        assertThat(failed.path("data").path("version").asText()).isEqualTo(V2026);
    }

    @Test
    void rejectsMalformedAndIncompleteBodies() throws IOException {
        HttpResponse<String> malformed = post("/calling/callConnections?api-version=" + V2023, "{\"targets\": [");
        assertThat(malformed.statusCode()).isEqualTo(400);
        assertThat(errorCode(malformed)).isEqualTo("8523");

        HttpResponse<String> noCallback = post("/calling/callConnections?api-version=" + V2023,
            "{\"targets\":[{\"communicationUser\":{\"id\":\"8:acs:one\"}}]}");
        assertThat(noCallback.statusCode()).isEqualTo(400);
        assertThat(errorCode(noCallback)).isEqualTo("8523");
        assertThat(errorMessage(noCallback)).contains("callbackUri");

        HttpResponse<String> noCallerId = post("/calling/callConnections?api-version=" + V2023,
            "{\"targets\":[{\"phoneNumber\":{\"value\":\"+15551234567\"}}],\"callbackUri\":\""
                + receiver.url() + "\"}");
        assertThat(noCallerId.statusCode()).isEqualTo(400);
        assertThat(errorMessage(noCallerId)).contains("sourceCallerIdNumber");
    }

    @Test
    void rejectsWrongMethodAndUnimplementedOperations() throws IOException {
        String callId = connectedCall(V2023, "8:acs:one");
        HttpResponse<String> put = EmulatorClients.signed(emulator, "PUT",
            "/calling/callConnections/" + callId + "?api-version=" + V2023, "{}", Map.of());
        assertThat(put.statusCode()).isEqualTo(405);
        HttpResponse<String> streaming = post("/calling/callConnections/" + callId
            + ":startMediaStreaming?api-version=2026-03-12", "{}");
        assertThat(streaming.statusCode()).isEqualTo(501);
        assertThat(errorCode(streaming)).isEqualTo("NotImplemented");
        HttpResponse<String> play = post("/calling/callConnections/" + callId + ":play?api-version=" + V2023, "{}");
        assertThat(play.statusCode()).isEqualTo(400);
        assertThat(errorCode(play)).isEqualTo("8523");
    }

    @Test
    void rejectsStaleDatesAndTamperedSignatures() throws IOException {
        HttpResponse<String> stale = EmulatorClients.signed(emulator, "POST",
            "/calling/callConnections?api-version=" + V2023, createCallBody(), Map.of(),
            ZonedDateTime.now(ZoneOffset.UTC).minusMinutes(20));
        assertThat(stale.statusCode()).isEqualTo(401);
        assertThat(errorCode(stale)).isEqualTo("Unauthorized");

        HttpResponse<String> unsigned = EmulatorClients.unsigned(emulator, "GET",
            "/calling/callConnections/x?api-version=" + V2023);
        assertThat(unsigned.statusCode()).isEqualTo(401);
        assertThat(emulator.calls()).noneMatch(call -> call.targets().contains("8:acs:stale"));
    }

    @Test
    void repeatedRequestIdCreatesOneCall() throws IOException {
        String body = "{\"targets\":[{\"communicationUser\":{\"id\":\"8:acs:repeat\"}}],\"callbackUri\":\""
            + receiver.url() + "\"}";
        Map<String, String> headers = Map.of("Repeatability-Request-ID", "5b7c1c2e-1111-4b7a-9c55-0d7e1f2a3b4c",
            "Repeatability-First-Sent", "Tue, 05 Mar 2024 10:00:00 GMT");
        HttpResponse<String> first = EmulatorClients.signed(emulator, "POST",
            "/calling/callConnections?api-version=" + V2023, body, headers);
        HttpResponse<String> second = EmulatorClients.signed(emulator, "POST",
            "/calling/callConnections?api-version=" + V2023, body, headers);

        assertThat(first.statusCode()).isEqualTo(201);
        assertThat(second.statusCode()).isEqualTo(201);
        String callId = JSON.readTree(first.body()).path("callConnectionId").asText();
        assertThat(JSON.readTree(second.body()).path("callConnectionId").asText()).isEqualTo(callId);
        assertThat(second.headers().firstValue("Repeatability-Result")).hasValue("accepted");
        assertThat(emulator.calls()).filteredOn(call -> call.targets().contains("8:acs:repeat")).hasSize(1);
    }

    @Test
    void transfersTheCallAndLeaves() throws IOException {
        String callId = connectedCall(V2023, "8:acs:one");
        HttpResponse<String> transfer = post("/calling/callConnections/" + callId
            + ":transferToParticipant?api-version=" + V2023,
            "{\"targetParticipant\":{\"communicationUser\":{\"id\":\"8:acs:agent\"}},\"operationContext\":\"t\"}");

        assertThat(transfer.statusCode()).isEqualTo(202);
        receiver.awaitEvent(callId, "CallDisconnected");
        assertThat(receiver.types(callId)).endsWith("CallTransferAccepted", "CallDisconnected");
    }

    private String connectedCall(String version, String rawId) {
        String callId = createCall(version, "{\"communicationUser\":{\"id\":\"" + rawId + "\"}}", "");
        receiver.awaitEvent(callId, "ParticipantsUpdated");
        return callId;
    }

    private String createCall(String version, String target, String extraFields) {
        HttpResponse<String> response = post("/calling/callConnections?api-version=" + version,
            "{\"targets\":[" + target + "],\"callbackUri\":\"" + receiver.url() + "\"" + extraFields + "}");
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        try {
            JsonNode body = JSON.readTree(response.body());
            assertThat(body.path("callConnectionState").asText()).isEqualTo("connecting");
            return body.path("callConnectionId").asText();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private String createCallBody() {
        return "{\"targets\":[{\"communicationUser\":{\"id\":\"8:acs:stale\"}}],\"callbackUri\":\""
            + receiver.url() + "\"}";
    }

    private static HttpResponse<String> post(String pathAndQuery, String body) {
        return EmulatorClients.signed(emulator, "POST", pathAndQuery, body, Map.of());
    }

    private static String errorCode(HttpResponse<String> response) throws IOException {
        return JSON.readTree(response.body()).path("error").path("code").asText();
    }

    private static String errorMessage(HttpResponse<String> response) throws IOException {
        return JSON.readTree(response.body()).path("error").path("message").asText();
    }
}
