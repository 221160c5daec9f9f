package com.switchboard.emulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.azure.communication.callautomation.CallAutomationClient;
import com.azure.communication.callautomation.models.CallInvite;
import com.azure.communication.callautomation.models.FileSource;
import com.azure.communication.callautomation.models.PlayOptions;
import com.azure.communication.common.CommunicationIdentifier;
import com.azure.communication.common.CommunicationUserIdentifier;
import com.azure.core.util.Context;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.switchboard.emulator.media.FileRule;
import com.switchboard.emulator.media.MediaSettings;
import com.switchboard.emulator.media.MediaSnapshot;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Call media: file play through the SDK 1.0.4's CallMedia at 2023-03-06; text, SSML, loop, interrupt, queueing,
 * hold, mute and DTMF with signed requests at 2026-03-12; the control API's media read.
 */
class AcsEmulatorMediaTest {

    private static final ObjectMapper JSON = MediaCalls.JSON;
    private static final String FILE = "https://media.example/welcome.wav";

    private static MediaCalls calls;
    private static AcsEmulator emulator;
    private static CallbackReceiver receiver;
    private static CallAutomationClient client;

    @BeforeAll
    static void start() {
        calls = MediaCalls.start(EmulatorSettings.defaults().withPort(0).withAnswerDelay(Duration.ZERO)
            .withCallbackRetries(3, Duration.ofMillis(20))
            .withMedia(new MediaSettings(2000, Duration.ofMillis(100), List.of(
                new FileRule("https://media.example/missing*", null, FileRule.Outcome.NOT_FOUND),
                new FileRule("https://media.example/*.txt", null, FileRule.Outcome.INVALID_FORMAT),
                new FileRule("https://media.example/long.wav", Duration.ofSeconds(30), FileRule.Outcome.PLAYS)))));
        emulator = calls.emulator;
        receiver = calls.receiver;
        client = calls.client;
    }

    @AfterAll
    static void stop() {
        calls.close();
    }

    @Test
    void sdkPlaysAFileToOneAndToAllAndCancels() {
        String callId = calls.sdkCall("8:acs:media-sdk");
        var media = client.getCallConnection(callId).getCallMedia();
        List<CommunicationIdentifier> caller = List.of(new CommunicationUserIdentifier("8:acs:media-sdk"));

        media.playWithResponse(new PlayOptions(new FileSource().setUrl(FILE), caller).setOperationContext("one"),
            Context.NONE);
        JsonNode completed = receiver.awaitEvent(callId, "PlayCompleted").path("data");
        assertThat(completed.path("operationContext").asText()).isEqualTo("one");
        assertThat(completed.path("resultInformation").path("code").asInt()).isEqualTo(200);
        assertThat(completed.path("resultInformation").path("subCode").asInt()).isEqualTo(0);
        assertThat(receiver.types(callId)).doesNotContain("PlayStarted");

        media.playToAll(new FileSource().setUrl("https://media.example/long.wav"));
        await().atMost(Duration.ofSeconds(5)).until(() -> prompts(callId).size() == 2
            && prompts(callId).get(1).outcome().equals("playing"));
        media.cancelAllMediaOperations();
        JsonNode canceled = receiver.awaitEvent(callId, "PlayCanceled").path("data");
        assertThat(canceled.path("resultInformation").path("subCode").asInt()).isEqualTo(8508);
        assertThat(canceled.path("resultInformation").path("code").asInt()).isEqualTo(400);

        List<MediaSnapshot.Prompt> prompts = prompts(callId);
        assertThat(prompts).extracting(MediaSnapshot.Prompt::outcome).containsExactly("completed", "canceled");
        assertThat(prompts.get(0).playTo()).containsExactly("8:acs:media-sdk");
        assertThat(prompts.get(1).playTo()).isEmpty();
        assertThat(prompts.get(1).sources().get(0).url()).isEqualTo("https://media.example/long.wav");
    }

    @Test
    void playsTextAndSsmlInSequenceWithPlayStarted() {
        String callId = calls.call(true, "8:acs:media-text");
        assertThat(calls.post(callId, ":play", "{\"playSources\":[{\"kind\":\"text\",\"text\":{\"text\":\"Welcome\","
            + "\"voiceName\":\"en-US-JennyNeural\"}},{\"kind\":\"ssml\",\"ssml\":{\"ssmlText\":\"<speak>Hi<break "
            + "time=\\\"200ms\\\"/></speak>\"}},{\"kind\":\"file\",\"file\":{\"uri\":\"" + FILE + "\"}}],"
            + "\"operationContext\":\"menu\",\"operationCallbackUri\":\"" + receiver.url("/op") + "\"}")
            .statusCode()).isEqualTo(202);

        JsonNode completed = receiver.awaitEvent(callId, "PlayCompleted");
        assertThat(completed.path("data").path("operationContext").asText()).isEqualTo("menu");
        assertThat(receiver.types(callId)).containsSubsequence("PlayStarted", "PlayCompleted");
        assertThat(receiver.posts()).filteredOn(p -> p.path().equals("/op")).hasSize(2);
        MediaSnapshot.Prompt prompt = prompts(callId).get(0);
        assertThat(prompt.sources()).extracting(s -> s.kind().wireName()).containsExactly("text", "ssml", "file");
        assertThat(prompt.sources().get(0).voice()).isEqualTo("en-US-JennyNeural");
    }

    @Test
    void aLoopPlaysUntilCanceledAndAnInterruptCancelsWhatPlays() {
        String callId = calls.call(true, "8:acs:media-loop");
        calls.post(callId, ":play", "{\"playSources\":[{\"kind\":\"text\",\"text\":{\"text\":\"Please hold\"}}],"
            + "\"playOptions\":{\"loop\":true},\"operationContext\":\"loop\"}");
        receiver.awaitEvent(callId, "PlayStarted");
        await().pollDelay(Duration.ofMillis(300)).atMost(Duration.ofSeconds(2)).until(() -> true);
        assertThat(receiver.types(callId)).doesNotContain("PlayCompleted");
        assertThat(prompts(callId).get(0).outcome()).isEqualTo("playing");

        calls.post(callId, ":play", "{\"playSources\":[{\"kind\":\"file\",\"file\":{\"uri\":\"" + FILE + "\"}}],"
            + "\"interruptCallMediaOperation\":true,\"operationContext\":\"urgent\"}");

        JsonNode canceled = receiver.awaitEvent(callId, "PlayCanceled").path("data");
        assertThat(canceled.path("operationContext").asText()).isEqualTo("loop");
        JsonNode completed = receiver.awaitEvent(callId, "PlayCompleted").path("data");
        assertThat(completed.path("operationContext").asText()).isEqualTo("urgent");
        assertThat(prompts(callId)).extracting(MediaSnapshot.Prompt::outcome).containsExactly("canceled",
            "completed");
    }

    @Test
    void aPlayQueuesBehindWhatPlaysAndCancelAllCancelsEachOne() {
        String callId = calls.call(true, "8:acs:media-queue");
        String longFile = "{\"playSources\":[{\"kind\":\"file\",\"file\":{\"uri\":\"https://media.example/long.wav\""
            + "}}],\"operationContext\":\"";
        calls.post(callId, ":play", longFile + "first\"}");
        calls.post(callId, ":play", longFile + "second\"}");
        receiver.awaitEvent(callId, "PlayStarted");
        await().pollDelay(Duration.ofMillis(200)).atMost(Duration.ofSeconds(2)).until(() -> true);
        assertThat(receiver.types(callId)).filteredOn("PlayStarted"::equals).hasSize(1);

        assertThat(calls.post(callId, ":cancelAllMediaOperations", "{}").statusCode()).isEqualTo(202);

        await().atMost(Duration.ofSeconds(5)).until(() -> calls.events(callId, "PlayCanceled").size() == 2);
        assertThat(calls.events(callId, "PlayCanceled")).extracting(e -> e.path("data").path("operationContext").asText())
            .containsExactly("first", "second");
        assertThat(prompts(callId)).extracting(MediaSnapshot.Prompt::outcome).containsExactly("canceled",
            "canceled");
    }

    @Test
    void queuedPlaysRunOneAfterTheOther() {
        String callId = calls.call(true, "8:acs:media-order");
        String file = "{\"playSources\":[{\"kind\":\"file\",\"file\":{\"uri\":\"" + FILE + "\"}}],"
            + "\"operationContext\":\"";
        calls.post(callId, ":play", file + "a\"}");
        calls.post(callId, ":play", file + "b\"}");
        await().atMost(Duration.ofSeconds(5)).until(() -> calls.events(callId, "PlayCompleted").size() == 2);
        List<String> sequence = receiver.events(callId).stream()
            .filter(e -> e.path("type").asText().contains(".Play"))
            .map(e -> e.path("type").asText().replace("Microsoft.Communication.", "") + ":"
                + e.path("data").path("operationContext").asText()).toList();
        assertThat(sequence).containsExactly("PlayStarted:a", "PlayCompleted:a", "PlayStarted:b", "PlayCompleted:b");
    }

    @Test
    void failuresCarryTheirCodesAndTheSourceIndex() throws IOException {
        String withoutCognitive = calls.call(false, "8:acs:media-nocog");
        calls.post(withoutCognitive, ":play", "{\"playSources\":[{\"kind\":\"file\",\"file\":{\"uri\":\"" + FILE + "\"}},"
            + "{\"kind\":\"text\",\"text\":{\"text\":\"Hello\"}}]}");
        JsonNode failed = receiver.awaitEvent(withoutCognitive, "PlayFailed").path("data");
        assertThat(failed.path("resultInformation").path("subCode").asInt()).isEqualTo(8565);
        assertThat(failed.path("failedPlaySourceIndex").asInt()).isEqualTo(1);

        String callId = calls.call(true, "8:acs:media-files");
        calls.post(callId, ":play", "{\"playSources\":[{\"kind\":\"file\",\"file\":{\"uri\":"
            + "\"https://media.example/missing.wav\"}}],\"operationContext\":\"missing\"}");
        JsonNode notFound = receiver.awaitEvent(callId, "PlayFailed").path("data");
        assertThat(notFound.path("resultInformation").path("code").asInt()).isEqualTo(400);
        assertThat(notFound.path("resultInformation").path("subCode").asInt()).isEqualTo(8536);
        assertThat(notFound.path("failedPlaySourceIndex").asInt()).isEqualTo(0);
        calls.post(callId, ":play", "{\"playSources\":[{\"kind\":\"file\",\"file\":{\"uri\":"
            + "\"https://media.example/notes.txt\"}}],\"operationContext\":\"format\"}");
        await().atMost(Duration.ofSeconds(5)).until(() -> calls.events(callId, "PlayFailed").size() == 2);
        assertThat(calls.events(callId, "PlayFailed").get(1).path("data").path("resultInformation").path("subCode")
            .asInt()).isEqualTo(8535);
        assertThat(prompts(callId)).extracting(MediaSnapshot.Prompt::outcome).containsExactly("failed", "failed");

        emulator.setAnswerDelay(Duration.ofSeconds(5));
        try {
            String ringing = client.createCall(new CallInvite(new CommunicationUserIdentifier("8:acs:media-ring")),
                receiver.url()).getCallConnectionProperties().getCallConnectionId();
            HttpResponse<String> refused = calls.post(ringing, ":play", "{\"playSources\":[{\"kind\":\"file\",\"file\":"
                + "{\"uri\":\"" + FILE + "\"}}]}");
            assertThat(refused.statusCode()).isEqualTo(400);
            assertThat(JSON.readTree(refused.body()).path("error").path("code").asText()).isEqualTo("8501");
        } finally {
            emulator.setAnswerDelay(Duration.ZERO);
        }
    }

    @Test
    void holdPlaysMusicUntilUnholdAndShowsInTheParticipantList() throws IOException {
        String callId = calls.call(true, "8:acs:media-hold");
        String target = "{\"targetParticipant\":{\"kind\":\"communicationUser\",\"communicationUser\":{\"id\":"
            + "\"8:acs:media-hold\"}}";
        HttpResponse<String> hold = calls.post(callId, ":hold", target + ",\"playSourceInfo\":{\"kind\":\"file\","
            + "\"file\":{\"uri\":\"" + FILE + "\"}}}");
        assertThat(hold.statusCode()).as(hold.body()).isEqualTo(200);
        assertThat(participant(callId, "8:acs:media-hold").path("isOnHold").asBoolean()).isTrue();
        await().pollDelay(Duration.ofMillis(300)).atMost(Duration.ofSeconds(2)).until(() -> true);
        assertThat(prompts(callId)).singleElement().satisfies(p -> {
            assertThat(p.purpose()).isEqualTo("holdMusic");
            assertThat(p.loop()).isTrue();
            assertThat(p.outcome()).isEqualTo("playing");
        });

        assertThat(calls.post(callId, ":unhold", target + "}").statusCode()).isEqualTo(200);
        assertThat(participant(callId, "8:acs:media-hold").path("isOnHold").asBoolean()).isFalse();
        MediaSnapshot media = emulator.media(callId);
        assertThat(media.prompts().get(0).outcome()).isEqualTo("canceled");
        assertThat(media.holds()).extracting(MediaSnapshot.HoldChange::action).containsExactly("hold", "unhold");
        assertThat(receiver.types(callId)).doesNotContain("HoldFailed", "PlayCanceled", "PlayCompleted");

        calls.post(callId, ":hold", target + ",\"playSourceInfo\":{\"kind\":\"file\",\"file\":{\"uri\":"
            + "\"https://media.example/missing.wav\"}},\"operationContext\":\"music\"}");
        JsonNode holdFailed = receiver.awaitEvent(callId, "HoldFailed").path("data");
        assertThat(holdFailed.path("resultInformation").path("subCode").asInt()).isEqualTo(8536);
        assertThat(holdFailed.path("operationContext").asText()).isEqualTo("music");
    }

    @Test
    void muteTakesAcsUsersOnlyAndSendDtmfPhoneNumbersOnly() throws IOException {
        String callId = calls.call(true, "8:acs:media-mute");
        HttpResponse<String> muted = calls.post(callId, "/participants:mute", "{\"targetParticipants\":[{\"kind\":"
            + "\"communicationUser\",\"communicationUser\":{\"id\":\"8:acs:media-mute\"}}],\"operationContext\":\"m\"}");
        assertThat(muted.statusCode()).as(muted.body()).isEqualTo(200);
        assertThat(JSON.readTree(muted.body()).path("operationContext").asText()).isEqualTo("m");
        assertThat(participant(callId, "8:acs:media-mute").path("isMuted").asBoolean()).isTrue();
        MediaCalls.assertError(calls.post(callId, ":sendDtmfTones", "{\"tones\":[\"one\"],\"targetParticipant\":{\"kind\":"
            + "\"communicationUser\",\"communicationUser\":{\"id\":\"8:acs:media-mute\"}}}"), 400, "8523");

        String phoneCall = calls.phoneCall("+14255550123");
        String phone = "{\"kind\":\"phoneNumber\",\"phoneNumber\":{\"value\":\"+14255550123\"}}";
        MediaCalls.assertError(calls.post(phoneCall, "/participants:mute", "{\"targetParticipants\":[" + phone + "]}"), 400, "8523");
        String nineteen = String.join(",", java.util.Collections.nCopies(19, "\"one\""));
        MediaCalls.assertError(calls.post(phoneCall, ":sendDtmfTones", "{\"tones\":[" + nineteen + "],\"targetParticipant\":"
            + phone + "}"), 400, "8523");
        HttpResponse<String> sent = calls.post(phoneCall, ":sendDtmfTones", "{\"tones\":[\"one\",\"two\",\"pound\"],"
            + "\"targetParticipant\":" + phone + ",\"operationContext\":\"dtmf\"}");
        assertThat(sent.statusCode()).as(sent.body()).isEqualTo(202);
        JsonNode completed = receiver.awaitEvent(phoneCall, "SendDtmfTonesCompleted").path("data");
        assertThat(completed.path("operationContext").asText()).isEqualTo("dtmf");

        JsonNode control = JSON.readTree(EmulatorClients.unsigned(emulator, "GET",
            "/emulator/calls/" + phoneCall + "/media").body());
        assertThat(control.path("tones").get(0).path("tones").asText()).isEqualTo("12#");
        assertThat(control.path("tones").get(0).path("outcome").asText()).isEqualTo("completed");
        assertThat(emulator.media(callId).mutes()).extracting(MediaSnapshot.Mute::participant)
            .containsExactly("8:acs:media-mute");
    }

    @Test
    void sendDtmfFailsWhenTheTargetLeavesBeforeTheTonesAreSent() {
        String callId = calls.created("{\"targets\":[{\"kind\":\"phoneNumber\",\"phoneNumber\":{\"value\":"
            + "\"+14255550177\"}},{\"kind\":\"communicationUser\",\"communicationUser\":{\"id\":"
            + "\"8:acs:media-stays\"}}],\"sourceCallerIdNumber\":{\"value\":\"+14255550100\"},"
            + "\"callbackUri\":\"" + receiver.url() + "\"}");
        await().atMost(Duration.ofSeconds(5)).until(() -> emulator.call(callId).orElseThrow().participants().size()
            >= 2);
        String eighteen = String.join(",", java.util.Collections.nCopies(18, "\"nine\""));
        HttpResponse<String> sent = calls.post(callId, ":sendDtmfTones", "{\"tones\":[" + eighteen + "],"
            + "\"targetParticipant\":{\"kind\":\"phoneNumber\",\"phoneNumber\":{\"value\":\"+14255550177\"}},"
            + "\"operationContext\":\"left\"}");
        assertThat(sent.statusCode()).as(sent.body()).isEqualTo(202);

        emulator.hangUpParticipant(callId, "4:+14255550177");

        JsonNode failed = receiver.awaitEvent(callId, "SendDtmfTonesFailed").path("data");
        assertThat(failed.path("operationContext").asText()).isEqualTo("left");
        assertThat(receiver.types(callId)).doesNotContain("SendDtmfTonesCompleted");
        assertThat(emulator.media(callId).tones()).extracting(MediaSnapshot.TonesSent::outcome)
            .containsExactly("failed");
    }

    @Test
    void theCallEndingStopsALoop() {
        String callId = calls.call(true, "8:acs:media-end");
        calls.post(callId, ":play", "{\"playSources\":[{\"kind\":\"text\",\"text\":{\"text\":\"Hold on\"}}],"
            + "\"playOptions\":{\"loop\":true}}");
        receiver.awaitEvent(callId, "PlayStarted");
        client.getCallConnection(callId).hangUp(true);
        receiver.awaitEvent(callId, "CallDisconnected");
        assertThat(prompts(callId).get(0).outcome()).isEqualTo("canceled");
        assertThat(receiver.types(callId)).doesNotContain("PlayCompleted");
    }




    private static JsonNode participant(String callId, String rawId) throws IOException {
        HttpResponse<String> list = EmulatorClients.signed(emulator, "GET", "/calling/callConnections/" + callId
            + "/participants" + MediaCalls.V2026, null, Map.of());
        for (JsonNode p : JSON.readTree(list.body()).path("value")) {
            if (p.path("identifier").path("rawId").asText().equals(rawId)) {
                return p;
            }
        }
        throw new AssertionError(rawId + " not in " + list.body());
    }

    private static List<MediaSnapshot.Prompt> prompts(String callId) {
        return emulator.media(callId).prompts();
    }



}
