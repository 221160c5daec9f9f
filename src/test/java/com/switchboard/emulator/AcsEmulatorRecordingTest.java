package com.switchboard.emulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.azure.communication.callautomation.CallAutomationClient;
import com.azure.communication.callautomation.CallAutomationEventParser;
import com.azure.communication.callautomation.models.CallInvite;
import com.azure.communication.callautomation.models.RecordingChannel;
import com.azure.communication.callautomation.models.RecordingContent;
import com.azure.communication.callautomation.models.RecordingFormat;
import com.azure.communication.callautomation.models.RecordingState;
import com.azure.communication.callautomation.models.RecordingStateResult;
import com.azure.communication.callautomation.models.ServerCallLocator;
import com.azure.communication.callautomation.models.StartRecordingOptions;
import com.azure.communication.callautomation.models.events.CallAutomationEventBase;
import com.azure.communication.callautomation.models.events.RecordingStateChanged;
import com.azure.communication.common.CommunicationUserIdentifier;
import com.azure.core.exception.HttpResponseException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.switchboard.emulator.recording.RecordingSnapshot;
import com.switchboard.emulator.recording.RecordingTransition;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Call recording: through the SDK 1.0.4's CallRecording at 2023-03-06 (server call locator), and with raw signed
 * requests at 2026-03-12 (call connection id, pauseOnStart, recordingKind, StartRecordingFailed).
 */
class AcsEmulatorRecordingTest {

    private static final ObjectMapper JSON = MediaCalls.JSON;
    private static final String V2026 = MediaCalls.V2026;

    private static MediaCalls calls;
    private static AcsEmulator emulator;
    private static CallbackReceiver receiver;
    private static CallAutomationClient client;

    @BeforeAll
    static void start() {
        calls = MediaCalls.start(EmulatorSettings.defaults().withPort(0).withAnswerDelay(Duration.ZERO)
            .withCallbackRetries(3, Duration.ofMillis(20)));
        emulator = calls.emulator;
        receiver = calls.receiver;
        client = calls.client;
    }

    @AfterAll
    static void stop() {
        calls.close();
    }

    @Test
    void sdkStartsPausesResumesAndStopsARecordingByServerCallLocator() {
        String callId = calls.sdkCall("8:acs:rec-sdk");
        String serverCallId = emulator.call(callId).orElseThrow().serverCallId();

        RecordingStateResult started = client.getCallRecording().start(new StartRecordingOptions(
            new ServerCallLocator(serverCallId)).setRecordingStateCallbackUrl(receiver.url("/recording"))
            .setRecordingContent(RecordingContent.AUDIO).setRecordingChannel(RecordingChannel.UNMIXED)
            .setRecordingFormat(RecordingFormat.WAV));

        String recordingId = started.getRecordingId();
        assertThat(recordingId).isNotBlank();
        assertThat(started.getRecordingState()).isEqualTo(RecordingState.INACTIVE);
        RecordingStateChanged active = awaitStateChanges(callId, 1).get(0);
        assertThat(active.getRecordingId()).isEqualTo(recordingId);
        assertThat(active.getRecordingState()).isEqualTo(RecordingState.ACTIVE);
        assertThat(active.getStartDateTime()).isNotNull();
        assertThat(active.getServerCallId()).isEqualTo(serverCallId);
        assertThat(client.getCallRecording().getState(recordingId).getRecordingState())
            .isEqualTo(RecordingState.ACTIVE);

        client.getCallRecording().pause(recordingId);
        assertThat(awaitStateChanges(callId, 2).get(1).getRecordingState()).isEqualTo(RecordingState.INACTIVE);
        assertThat(client.getCallRecording().getState(recordingId).getRecordingState())
            .isEqualTo(RecordingState.INACTIVE);
        client.getCallRecording().resume(recordingId);
        assertThat(awaitStateChanges(callId, 3).get(2).getRecordingState()).isEqualTo(RecordingState.ACTIVE);
        client.getCallRecording().stop(recordingId);
        assertThat(awaitStateChanges(callId, 4).get(3).getRecordingState()).isEqualTo(RecordingState.INACTIVE);

        assertThat(receiver.posts()).filteredOn(post -> post.path().equals("/recording"))
            .hasSize(4).allSatisfy(post -> assertThat(post.authorization()).startsWith("Bearer "));
        assertThatThrownBy(() -> client.getCallRecording().getState(recordingId))
            .isInstanceOfSatisfying(HttpResponseException.class,
                e -> assertThat(e.getResponse().getStatusCode()).isEqualTo(404));
        RecordingSnapshot recording = emulator.recordings(callId).get(0);
        assertThat(recording.locator()).isEqualTo("serverCallLocator");
        assertThat(List.of(recording.content(), recording.channel(), recording.format()))
            .containsExactly("audio", "unmixed", "wav");
        assertThat(recording.history()).extracting(RecordingTransition::state, RecordingTransition::cause)
            .containsExactly(org.assertj.core.groups.Tuple.tuple("starting", "start"),
                org.assertj.core.groups.Tuple.tuple("active", "start"),
                org.assertj.core.groups.Tuple.tuple("paused", "pause"),
                org.assertj.core.groups.Tuple.tuple("active", "resume"),
                org.assertj.core.groups.Tuple.tuple("stopped", "stop"));
    }

    @Test
    void sdkSecondStartOnARecordedCallIsRefusedWith8553() {
        String callId = calls.sdkCall("8:acs:rec-twice");
        String serverCallId = emulator.call(callId).orElseThrow().serverCallId();
        StartRecordingOptions options = new StartRecordingOptions(new ServerCallLocator(serverCallId))
            .setRecordingStateCallbackUrl(receiver.url());
        client.getCallRecording().start(options);

        assertThatThrownBy(() -> client.getCallRecording().start(options))
            .isInstanceOfSatisfying(HttpResponseException.class, e -> {
                assertThat(e.getResponse().getStatusCode()).isEqualTo(400);
                assertThat(e.getMessage()).contains("8553");
            });
        assertThat(emulator.recordings(callId)).hasSize(1);
    }

    @Test
    void startsByCallConnectionIdPausedOnStartAt2026() throws IOException {
        String callId = calls.sdkCall("8:acs:rec-2026");

        HttpResponse<String> started = post("/calling/recordings" + V2026, "{\"callConnectionId\":\"" + callId
            + "\",\"recordingStateCallbackUri\":\"" + receiver.url() + "\",\"recordingContentType\":\"audio\","
            + "\"recordingChannelType\":\"mixed\",\"recordingFormatType\":\"mp3\",\"pauseOnStart\":true}");

        assertThat(started.statusCode()).isEqualTo(200);
        JsonNode body = JSON.readTree(started.body());
        String recordingId = body.path("recordingId").asText();
        assertThat(body.path("recordingState").asText()).isEqualTo("inactive");
        assertThat(body.path("recordingKind").asText()).isEqualTo("azureCommunicationServices");
        JsonNode paused = receiver.awaitEvent(callId, "RecordingStateChanged").path("data");
        assertThat(paused.path("state").asText()).isEqualTo("inactive");
        assertThat(paused.path("recordingKind").asText()).isEqualTo("azureCommunicationServices");
        assertThat(paused.path("version").asText()).isEqualTo("2026-03-12");
        assertThat(paused.has("startDateTime")).isFalse();

        assertThat(post("/calling/recordings/" + recordingId + ":resume" + V2026, "").statusCode()).isEqualTo(202);
        await().atMost(Duration.ofSeconds(5)).until(() -> stateEvents(callId).size() == 2);
        assertThat(stateEvents(callId).get(1).path("data").path("state").asText()).isEqualTo("active");
        assertThat(stateEvents(callId).get(1).path("data").path("startDateTime").asText()).isNotBlank();
        HttpResponse<String> state = EmulatorClients.signed(emulator, "GET", "/calling/recordings/" + recordingId
            + V2026, null, Map.of());
        assertThat(JSON.readTree(state.body()).path("recordingState").asText()).isEqualTo("active");

        HttpResponse<String> control = EmulatorClients.unsigned(emulator, "GET",
            "/emulator/calls/" + callId + "/recordings");
        assertThat(control.statusCode()).isEqualTo(200);
        JsonNode recordings = JSON.readTree(control.body());
        assertThat(recordings.get(0).path("locator").asText()).isEqualTo("callConnectionId");
        assertThat(recordings.get(0).path("format").asText()).isEqualTo("mp3");
        assertThat(recordings.get(0).path("pauseOnStart").asBoolean()).isTrue();
        assertThat(recordings.get(0).path("history").findValuesAsText("state"))
            .containsExactly("starting", "paused", "active");
    }

    @Test
    void theRecordingStopsWhenTheCallEnds() {
        String callId = calls.sdkCall("8:acs:rec-hangup");
        HttpResponse<String> started = post("/calling/recordings" + V2026, "{\"callConnectionId\":\"" + callId
            + "\",\"recordingStateCallbackUri\":\"" + receiver.url() + "\"}");
        assertThat(started.statusCode()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(5)).until(() -> stateEvents(callId).size() == 1);

        client.getCallConnection(callId).hangUp(true);

        receiver.awaitEvent(callId, "CallDisconnected");
        await().atMost(Duration.ofSeconds(5)).until(() -> stateEvents(callId).size() == 2);
        assertThat(stateEvents(callId).get(1).path("data").path("state").asText()).isEqualTo("inactive");
        List<String> types = receiver.types(callId);
        assertThat(types.lastIndexOf("RecordingStateChanged")).isLessThan(types.indexOf("CallDisconnected"));
        RecordingSnapshot recording = emulator.recordings(callId).get(0);
        assertThat(recording.state()).isEqualTo("stopped");
        assertThat(recording.history().get(recording.history().size() - 1).cause()).isEqualTo("callEnded");
    }

    @Test
    void refusesWhatAcsRefuses() {
        String callId = calls.sdkCall("8:acs:rec-refused");
        String start = "/calling/recordings" + V2026;

        MediaCalls.assertError(post(start, "{\"callConnectionId\":\"" + callId + "\",\"recordingContentType\":\"audioVideo\","
            + "\"recordingChannelType\":\"unmixed\"}"), 400, "8523");
        MediaCalls.assertError(post(start, "{\"callConnectionId\":\"" + callId + "\",\"recordingContentType\":\"audio\","
            + "\"recordingFormatType\":\"mp4\"}"), 400, "8523");
        MediaCalls.assertError(post(start, "{\"callConnectionId\":\"" + callId + "\",\"recordingContentType\":\"audio\","
            + "\"recordingChannelType\":\"unmixed\",\"recordingFormatType\":\"mp3\"}"), 400, "8523");
        MediaCalls.assertError(post(start, "{\"callConnectionId\":\"no-such-call\"}"), 404, "8522");
        MediaCalls.assertError(post(start, "{}"), 400, "8523");
        MediaCalls.assertError(post("/calling/recordings/unknown-recording:pause" + V2026, ""), 404, "8522");
        MediaCalls.assertError(post("/calling/recordings/unknown-recording:resume" + V2026, ""), 404, "8522");
        MediaCalls.assertError(EmulatorClients.signed(emulator, "DELETE", "/calling/recordings/unknown-recording" + V2026,
            null, Map.of()), 404, "8522");
        assertThat(emulator.recordings(callId)).isEmpty();
    }

    @Test
    void refusesToRecordACallThatIsNotConnected() {
        emulator.setAnswerDelay(Duration.ofSeconds(5));
        try {
            String callId = client.createCall(new CallInvite(new CommunicationUserIdentifier("8:acs:rec-ringing")),
                receiver.url()).getCallConnectionProperties().getCallConnectionId();

            MediaCalls.assertError(post("/calling/recordings" + V2026, "{\"callConnectionId\":\"" + callId + "\"}"), 400,
                "8501");
            assertThat(emulator.recordings(callId)).isEmpty();
        } finally {
            emulator.setAnswerDelay(Duration.ZERO);
        }
    }


    private static List<JsonNode> stateEvents(String callId) {
        return receiver.events(callId).stream()
            .filter(e -> e.path("type").asText().equals("Microsoft.Communication.RecordingStateChanged")).toList();
    }

    private static List<RecordingStateChanged> awaitStateChanges(String callId, int count) {
        await().atMost(Duration.ofSeconds(5)).until(() -> stateEvents(callId).size() >= count);
        return stateEvents(callId).stream().map(event -> {
            List<CallAutomationEventBase> parsed = CallAutomationEventParser.parseEvents("[" + event + "]");
            return (RecordingStateChanged) parsed.get(0);
        }).toList();
    }

    private static HttpResponse<String> post(String pathAndQuery, String body) {
        return EmulatorClients.signed(emulator, "POST", pathAndQuery, body, Map.of());
    }

}
