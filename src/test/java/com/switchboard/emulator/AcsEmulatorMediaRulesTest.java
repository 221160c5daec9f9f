package com.switchboard.emulator;

import static com.switchboard.emulator.MediaCalls.assertError;
import static com.switchboard.emulator.MediaCalls.assertResult;
import static com.switchboard.emulator.MediaCalls.phone;
import static com.switchboard.emulator.MediaCalls.user;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.switchboard.emulator.media.FileRule;
import com.switchboard.emulator.media.MediaSettings;
import com.switchboard.emulator.media.MediaSnapshot;
import com.switchboard.emulator.media.RecognitionSnapshot;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The rules that tie the media operations of a call together, over HTTPS at 2026-03-12: speech needs the call's
 * Cognitive Services endpoint, plays and recognizes share one queue, ACS's media compatibility table (main leg and
 * sub-legs), what a participant's leaving and the call's end do to the media, and that no media state outlives its
 * call.
 */
class AcsEmulatorMediaRulesTest {

    private static final String SECOND = "https://media.example/second.wav";
    private static final String LONG = "https://media.example/long.wav";
    private static final String MISSING = "https://media.example/missing.wav";
    private static final String WAIT = "\"initialSilenceTimeoutInSeconds\":10,";

    private static MediaCalls calls;
    private static AcsEmulator emulator;

    @BeforeAll
    static void start() {
        calls = MediaCalls.start(EmulatorSettings.defaults().withPort(0).withAnswerDelay(Duration.ZERO)
            .withCallbackRetries(3, Duration.ofMillis(20))
            .withMedia(new MediaSettings(2000, Duration.ofMillis(100), List.of(
                new FileRule(MISSING, null, FileRule.Outcome.NOT_FOUND),
                new FileRule(SECOND, Duration.ofSeconds(1), FileRule.Outcome.PLAYS),
                new FileRule(LONG, Duration.ofSeconds(30), FileRule.Outcome.PLAYS)))));
        emulator = calls.emulator;
    }

    @AfterAll
    static void stop() {
        calls.close();
    }

    @Test
    void recognizeNeedsTheCognitiveServicesEndpointForTextPromptsAndSpeech() {
        String callee = "8:acs:rules-nocog";
        String callId = calls.call(false, callee);

        assertThat(calls.recognize(callId, "\"playPrompts\":[" + file(SECOND) + ",{\"kind\":\"text\",\"text\":"
            + "{\"text\":\"Enter your PIN\"}}],", "dtmf", callee, "\"dtmfOptions\":{}").statusCode()).isEqualTo(202);
        JsonNode textPrompt = await().until(() -> calls.data(callId, "RecognizeFailed"), l -> l.size() == 1).get(0);
        assertResult(textPrompt, 400, 8565);
        assertThat(textPrompt.path("failedPlaySourceIndex").asInt()).isEqualTo(1);
        assertThat(prompts(callId).get(0).outcome()).isEqualTo("failed");
        assertThat(prompts(callId).get(0).resultSubCode()).isEqualTo(8565);

        for (String type : List.of("speech", "speechOrDtmf", "choices")) {
            assertThat(calls.recognize(callId, "", type, callee, "\"choices\":[{\"label\":\"yes\",\"phrases\":"
                + "[\"yes\"],\"tone\":\"one\"}]").statusCode()).isEqualTo(202);
        }
        List<JsonNode> failed = await().until(() -> calls.data(callId, "RecognizeFailed"), l -> l.size() == 4);
        failed.subList(1, 4).forEach(data -> {
            assertResult(data, 400, 8565);
            assertThat(data.has("failedPlaySourceIndex")).isFalse();
            assertThat(data.path("resultInformation").path("message").asText()).contains("speech recognition");
        });

        calls.recognize(callId, "\"playPrompts\":[" + file(SECOND) + "],", "dtmf", callee, "\"dtmfOptions\":{}");
        await().until(() -> emulator.recognitions(callId).get(4).outcome().equals("running"));
        emulator.press(callId, callee, "4");
        assertThat(calls.receiver.awaitEvent(callId, "RecognizeCompleted").path("data").path("dtmfResult")
            .path("tones").get(0).asText()).isEqualTo("four");
        assertThat(emulator.recognitions(callId)).extracting(RecognitionSnapshot::outcome)
            .containsExactly("failed", "failed", "failed", "failed", "maxTonesReceived");
    }

    @Test
    void aRecognizeWaitsForThePlayBeforeItAndAPlayForTheRecognizeBeforeIt() {
        String callee = "8:acs:rules-queue";
        String callId = calls.call(true, callee);
        calls.post(callId, ":play", "{\"playSources\":[" + file(SECOND) + "],\"operationContext\":\"welcome\"}");
        calls.recognize(callId, "\"operationContext\":\"menu\",\"playPrompts\":[{\"kind\":\"text\",\"text\":"
            + "{\"text\":\"Press a key\"}}],", "dtmf", callee, WAIT + "\"interruptPrompt\":false,\"dtmfOptions\":{}");
        calls.receiver.awaitEvent(callId, "PlayStarted");
        assertThat(prompts(callId)).extracting(MediaSnapshot.Prompt::purpose, MediaSnapshot.Prompt::outcome)
            .containsExactly(org.assertj.core.groups.Tuple.tuple("play", "playing"),
                org.assertj.core.groups.Tuple.tuple("recognize", "queued"));
        assertThat(emulator.recognitions(callId).get(0).outcome()).isEqualTo("queued");
        emulator.press(callId, callee, "5");

        calls.receiver.awaitEvent(callId, "PlayCompleted");
        await().until(() -> emulator.recognitions(callId).get(0).outcome().equals("running")
            && prompts(callId).get(1).outcome().equals("completed"));
        emulator.press(callId, callee, "7");
        JsonNode completed = calls.receiver.awaitEvent(callId, "RecognizeCompleted").path("data");
        assertThat(completed.path("operationContext").asText()).isEqualTo("menu");
        assertThat(completed.path("dtmfResult").path("tones").size()).isEqualTo(1);
        assertThat(completed.path("dtmfResult").path("tones").get(0).asText()).isEqualTo("seven");

        calls.recognize(callId, "\"operationContext\":\"listen\",", "dtmf", callee, WAIT + "\"dtmfOptions\":{}");
        await().until(() -> emulator.recognitions(callId).get(1).outcome().equals("running"));
        calls.post(callId, ":play", "{\"playSources\":[" + file(SECOND) + "],\"operationContext\":\"after\"}");
        await().pollDelay(Duration.ofMillis(300)).until(() -> true);
        assertThat(prompts(callId).get(2).outcome()).isEqualTo("queued");
        emulator.press(callId, callee, "1");
        await().until(() -> calls.data(callId, "PlayCompleted").size() == 2);
        assertThat(calls.types(callId)).containsSubsequence("PlayStarted", "PlayCompleted", "RecognizeCompleted",
            "RecognizeCompleted", "PlayStarted", "PlayCompleted");
    }

    @Test
    void aRecognizeThatInterruptsCancelsThePlayInsteadOfWaiting() {
        String callee = "8:acs:rules-interrupt";
        String callId = calls.call(true, callee);
        calls.post(callId, ":play", "{\"playSources\":[" + file(LONG) + "],\"operationContext\":\"music\"}");
        calls.receiver.awaitEvent(callId, "PlayStarted");

        calls.recognize(callId, "\"interruptCallMediaOperation\":true,", "dtmf", callee, WAIT + "\"dtmfOptions\":{}");

        JsonNode canceled = calls.receiver.awaitEvent(callId, "PlayCanceled").path("data");
        assertResult(canceled, 400, 8508);
        assertThat(canceled.path("operationContext").asText()).isEqualTo("music");
        await().until(() -> emulator.recognitions(callId).get(0).outcome().equals("running"));
        emulator.press(callId, callee, "9");
        calls.receiver.awaitEvent(callId, "RecognizeCompleted");
    }

    @Test
    void subLegOperationsOnOneParticipantRefuseEachOtherAndQueueBehindTheMainLeg() {
        String a = "8:acs:rules-group-a";
        String b = "8:acs:rules-group-b";
        String callId = calls.call(true, a, b);

        assertThat(calls.recognize(callId, "\"operationContext\":\"a\",", "dtmf", a, WAIT + "\"dtmfOptions\":{}")
            .statusCode()).isEqualTo(202);
        await().until(() -> emulator.recognitions(callId).get(0).outcome().equals("running"));
        assertError(calls.recognize(callId, "", "dtmf", a, "\"dtmfOptions\":{}"), 400, "8500");
        assertError(calls.post(callId, ":play", "{\"playSources\":[" + file(SECOND) + "],\"playTo\":[" + user(a)
            + "]}"), 400, "8500");
        assertError(calls.post(callId, ":startContinuousDtmfRecognition", "{\"targetParticipant\":" + user(a) + "}"),
            400, "8500");

        assertThat(calls.recognize(callId, "\"operationContext\":\"b\",", "dtmf", b, WAIT + "\"dtmfOptions\":{}")
            .statusCode()).as("another participant's sub-leg runs beside it").isEqualTo(202);
        await().until(() -> emulator.recognitions(callId).get(1).outcome().equals("running"));
        emulator.press(callId, b, "2");
        assertThat(calls.receiver.awaitEvent(callId, "RecognizeCompleted").path("data").path("operationContext")
            .asText()).isEqualTo("b");

        calls.post(callId, ":play", "{\"playSources\":[" + file(LONG) + "],\"operationContext\":\"all\"}");
        await().pollDelay(Duration.ofMillis(200)).until(() -> true);
        assertThat(prompts(callId).get(0).outcome()).as("the main leg waits for the sub-leg before it")
            .isEqualTo("queued");
        emulator.press(callId, a, "1");
        calls.receiver.awaitEvent(callId, "PlayStarted");
        assertThat(calls.post(callId, ":play", "{\"playSources\":[" + file(SECOND) + "],\"playTo\":[" + user(a)
            + "],\"operationContext\":\"toA\"}").statusCode()).as("queues behind the play to all").isEqualTo(202);
        assertError(calls.recognize(callId, "", "dtmf", a, "\"dtmfOptions\":{}"), 412, "8583");
        assertThat(calls.post(callId, ":startContinuousDtmfRecognition", "{\"targetParticipant\":" + user(a) + "}")
            .statusCode()).as("nothing runs on a's sub-leg yet").isEqualTo(200);

        calls.post(callId, ":cancelAllMediaOperations", "{}");
        List<JsonNode> canceled = await().until(() -> calls.data(callId, "PlayCanceled"), l -> l.size() == 2);
        assertThat(canceled).extracting(e -> e.path("operationContext").asText()).containsExactly("all", "toA");

        String phoneCall = calls.phoneCall("+14255550188");
        String eighteen = String.join(",", java.util.Collections.nCopies(18, "\"nine\""));
        String target = ",\"targetParticipant\":" + phone("+14255550188") + "}";
        assertThat(calls.post(phoneCall, ":sendDtmfTones", "{\"tones\":[" + eighteen + "]" + target).statusCode())
            .isEqualTo(202);
        await().until(() -> emulator.media(phoneCall).tones().get(0).outcome().equals("sending"));
        assertError(calls.post(phoneCall, ":sendDtmfTones", "{\"tones\":[\"one\"]" + target), 400, "8500");
        calls.receiver.awaitEvent(phoneCall, "SendDtmfTonesCompleted");
    }

    @Test
    void aParticipantLeavingEndsWhatWasAimedAtThemAndTheCallsEndStopsContinuousDtmf() {
        String a = "8:acs:rules-leave-a";
        String b = "8:acs:rules-leave-b";
        String c = "8:acs:rules-leave-c";
        String callId = calls.call(true, a, b, c);
        assertThat(calls.post(callId, ":startContinuousDtmfRecognition", "{\"targetParticipant\":" + user(a)
            + ",\"operationContext\":\"keysA\"}").statusCode()).isEqualTo(200);
        calls.recognize(callId, "\"operationContext\":\"pinA\",", "dtmf", a, WAIT + "\"dtmfOptions\":{}");
        calls.post(callId, ":play", "{\"playSources\":[" + file(LONG) + "],\"playTo\":[" + user(b) + "],"
            + "\"operationContext\":\"toB\"}");
        calls.receiver.awaitEvent(callId, "PlayStarted");
        await().until(() -> emulator.recognitions(callId).get(0).outcome().equals("running"));

        HttpResponse<String> removed = calls.post(callId, "/participants:remove", "{\"participantToRemove\":"
            + user(a) + ",\"operationContext\":\"rm\"}");
        assertThat(removed.statusCode()).as(removed.body()).isEqualTo(202);
        JsonNode recognizeFailed = calls.receiver.awaitEvent(callId, "RecognizeFailed").path("data");
        assertResult(recognizeFailed, 400, 8522);
        assertThat(recognizeFailed.path("operationContext").asText()).isEqualTo("pinA");
        calls.receiver.awaitEvent(callId, "RemoveParticipantSucceeded");
        assertThat(calls.types(callId)).containsSubsequence("RecognizeFailed", "ContinuousDtmfRecognitionToneFailed",
            "RemoveParticipantSucceeded", "ParticipantsUpdated");
        assertThat(emulator.recognitions(callId).get(0).outcome()).isEqualTo("participantLeft");
        assertThat(calls.data(callId, "PlayFailed")).as("the play to b goes on").isEmpty();

        emulator.hangUpParticipant(callId, b);
        JsonNode playFailed = calls.receiver.awaitEvent(callId, "PlayFailed").path("data");
        assertResult(playFailed, 400, 8522);
        assertThat(playFailed.path("operationContext").asText()).isEqualTo("toB");
        assertThat(prompts(callId).get(0).outcome()).isEqualTo("failed");

        calls.post(callId, ":startContinuousDtmfRecognition", "{\"targetParticipant\":" + user(c)
            + ",\"operationContext\":\"keysC\"}");
        calls.client.getCallConnection(callId).hangUp(true);
        calls.receiver.awaitEvent(callId, "CallDisconnected");
        JsonNode stopped = calls.receiver.awaitEvent(callId, "ContinuousDtmfRecognitionStopped").path("data");
        assertThat(stopped.path("operationContext").asText()).isEqualTo("keysC");
        assertThat(calls.types(callId)).containsSubsequence("ContinuousDtmfRecognitionStopped", "CallDisconnected");
    }

    @Test
    void noMediaStateOutlivesItsCallButTheRecordStays() {
        int media = emulator.mediaEngine().callsWithMediaState();
        int input = emulator.input().callsWithInputState();
        String played = calls.call(true, "8:acs:rules-state-play");
        calls.post(played, ":play", "{\"playSources\":[" + file(LONG) + "],\"playOptions\":{\"loop\":true}}");
        String recognized = calls.call(true, "8:acs:rules-state-rec");
        calls.recognize(recognized, "\"playPrompts\":[" + file(LONG) + "],", "dtmf", "8:acs:rules-state-rec",
            "\"dtmfOptions\":{}");
        calls.post(recognized, ":startContinuousDtmfRecognition", "{\"targetParticipant\":"
            + user("8:acs:rules-state-rec") + "}");
        String held = calls.phoneCall("+14255550199");
        calls.post(held, ":hold", "{\"targetParticipant\":" + phone("+14255550199") + ",\"playSourceInfo\":"
            + file(LONG) + "}");
        await().until(() -> prompts(played).get(0).outcome().equals("playing")
            && prompts(recognized).get(0).outcome().equals("playing"));
        assertThat(emulator.mediaEngine().callsWithMediaState()).isEqualTo(media + 3);
        assertThat(emulator.input().callsWithInputState()).isEqualTo(input + 1);

        HttpResponse<String> busy = EmulatorClients.signed(emulator, "POST", "/calling/callConnections"
            + MediaCalls.V2026, "{\"targets\":[" + phone("+15550000486") + "],\"sourceCallerIdNumber\":{\"value\":"
            + "\"+14255550100\"},\"callbackUri\":\"" + calls.receiver.url() + "\",\"callIntelligenceOptions\":{"
            + "\"cognitiveServicesEndpoint\":\"" + MediaCalls.COGNITIVE + "\"}}", Map.of());
        String busyId = MediaCalls.read(busy.body()).path("callConnectionId").asText();
        assertThat(busy.statusCode()).as(busy.body()).isEqualTo(201);
        calls.receiver.awaitEvent(busyId, "CreateCallFailed");

        calls.client.getCallConnection(played).hangUp(true);
        emulator.hangUpParticipant(recognized, "8:acs:rules-state-rec");
        calls.client.getCallConnection(held).hangUp(false);
        List.of(played, recognized, held).forEach(id -> calls.receiver.awaitEvent(id, "CallDisconnected"));

        assertThat(emulator.mediaEngine().callsWithMediaState()).isEqualTo(media);
        assertThat(emulator.input().callsWithInputState()).isEqualTo(input);
        assertThat(prompts(played)).singleElement().satisfies(p -> assertThat(p.outcome()).isEqualTo("canceled"));
        assertThat(prompts(held).get(0).purpose()).isEqualTo("holdMusic");
        assertThat(emulator.media(recognized).recognitions()).singleElement()
            .satisfies(r -> assertThat(r.outcome()).isEqualTo("participantLeft"));
        assertThat(emulator.media(busyId).prompts()).isEmpty();
        assertThat(calls.data(recognized, "RecognizeFailed")).as("the call ended with the caller: no event").isEmpty();
    }

    private static String file(String url) {
        return "{\"kind\":\"file\",\"file\":{\"uri\":\"" + url + "\"}}";
    }

    private static List<MediaSnapshot.Prompt> prompts(String callId) {
        return emulator.media(callId).prompts();
    }
}
