package com.switchboard.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import com.azure.communication.callautomation.CallAutomationClient;
import com.azure.communication.callautomation.models.CallInvite;
import com.azure.communication.common.CommunicationUserIdentifier;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * What the emulator's media and recording tests share: an emulator, a callback receiver and the SDK client; calls
 * made through the SDK 1.0.4 (2023-03-06, no Cognitive Services endpoint) or with signed requests at 2026-03-12 (with
 * or without one); media requests over HTTPS; the events received and the error shapes.
 */
final class MediaCalls implements AutoCloseable {

    static final ObjectMapper JSON = new ObjectMapper();
    static final String V2026 = "?api-version=2026-03-12";
    static final String COGNITIVE = "https://switchboard-emulator.cognitiveservices.azure.com/";

    final AcsEmulator emulator;
    final CallbackReceiver receiver;
    final CallAutomationClient client;

    private MediaCalls(AcsEmulator emulator, CallbackReceiver receiver) {
        this.emulator = emulator;
        this.receiver = receiver;
        this.client = EmulatorClients.sdk(emulator);
    }

    static MediaCalls start(EmulatorSettings settings) {
        try {
            return new MediaCalls(AcsEmulator.start(settings), CallbackReceiver.start());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        emulator.close();
        receiver.close();
    }

    /** A connected call to an ACS user made through the SDK 1.0.4: no Cognitive Services endpoint. */
    String sdkCall(String callee) {
        String callId = client.createCall(new CallInvite(new CommunicationUserIdentifier(callee)), receiver.url())
            .getCallConnectionProperties().getCallConnectionId();
        receiver.awaitEvent(callId, "CallConnected");
        return callId;
    }

    /** A connected call to ACS users made at 2026-03-12, with or without a Cognitive Services endpoint. */
    String call(boolean cognitive, String... callees) {
        String targets = Arrays.stream(callees).map(MediaCalls::user).collect(Collectors.joining(","));
        String callId = created("{\"targets\":[" + targets + "],\"callbackUri\":\"" + receiver.url() + "\""
            + (cognitive ? ",\"callIntelligenceOptions\":{\"cognitiveServicesEndpoint\":\"" + COGNITIVE + "\"}" : "")
            + "}");
        org.awaitility.Awaitility.await().until(() -> emulator.call(callId).orElseThrow().participants().size()
            == callees.length + 1);
        return callId;
    }

    /** A connected call to a phone number at 2026-03-12. */
    String phoneCall(String number) {
        return created("{\"targets\":[" + phone(number) + "],\"sourceCallerIdNumber\":{\"value\":\"+14255550100\"},"
            + "\"callbackUri\":\"" + receiver.url() + "\"}");
    }

    /** Creates a call with this CreateCallRequest at 2026-03-12 (201) and waits until it is connected. */
    String created(String body) {
        HttpResponse<String> response = EmulatorClients.signed(emulator, "POST", "/calling/callConnections" + V2026,
            body, Map.of());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        String callId = read(response.body()).path("callConnectionId").asText();
        receiver.awaitEvent(callId, "CallConnected");
        return callId;
    }

    /** A signed POST to an operation of the call ({@code ":play"}, {@code "/participants:remove"}) at 2026-03-12. */
    HttpResponse<String> post(String callId, String operation, String body) {
        return EmulatorClients.signed(emulator, "POST", "/calling/callConnections/" + callId + operation + V2026,
            body, Map.of());
    }

    /** A recognize of {@code type} on an ACS user, with a prompt part ({@code "\"playPrompts\":[...],"} or empty). */
    HttpResponse<String> recognize(String callId, String prompt, String type, String participant, String options) {
        return post(callId, ":recognize", "{" + prompt + "\"recognizeInputType\":\"" + type + "\","
            + "\"recognizeOptions\":{\"targetParticipant\":" + user(participant) + ","
            + "\"initialSilenceTimeoutInSeconds\":1,\"speechLanguage\":\"en-US\"," + options + "}}");
    }

    /** The events of a type the call's callback URI received, whole. */
    List<JsonNode> events(String callId, String type) {
        return receiver.events(callId).stream()
            .filter(e -> e.path("type").asText().equals("Microsoft.Communication." + type)).toList();
    }

    /** The data of the events of a type the call's callback URI received. */
    List<JsonNode> data(String callId, String type) {
        return events(callId, type).stream().map(e -> e.path("data")).toList();
    }

    /** The call's event types without the {@code Microsoft.Communication.} prefix, in order. */
    List<String> types(String callId) {
        return receiver.types(callId).stream().map(t -> t.replace("Microsoft.Communication.", "")).toList();
    }

    static String user(String rawId) {
        return "{\"kind\":\"communicationUser\",\"communicationUser\":{\"id\":\"" + rawId + "\"}}";
    }

    static String phone(String number) {
        return "{\"kind\":\"phoneNumber\",\"phoneNumber\":{\"value\":\"" + number + "\"}}";
    }

    static JsonNode read(String json) {
        try {
            return JSON.readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The response has the status and an ACS error body with the code. */
    static void assertError(HttpResponse<String> response, int status, String code) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(read(response.body()).path("error").path("code").asText()).as(response.body()).isEqualTo(code);
    }

    /** The event data's resultInformation has the code and subcode. */
    static void assertResult(JsonNode data, int code, int subCode) {
        assertThat(data.path("resultInformation").path("code").asInt()).as(data.toString()).isEqualTo(code);
        assertThat(data.path("resultInformation").path("subCode").asInt()).as(data.toString()).isEqualTo(subCode);
    }
}
