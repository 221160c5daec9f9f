package com.switchboard.emulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.azure.communication.callautomation.CallAutomationClient;
import com.azure.communication.callautomation.models.CallInvite;
import com.azure.communication.callautomation.models.CallMediaRecognizeDtmfOptions;
import com.azure.communication.callautomation.models.DtmfTone;
import com.azure.communication.common.CommunicationUserIdentifier;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.switchboard.emulator.media.CallerRule;
import com.switchboard.emulator.media.RecognitionSnapshot;
import java.io.IOException;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Recognize (through the SDK 1.0.4's CallMedia.startRecognizing at 2023-03-06, and with raw signed requests at
 * 2026-03-12 for choices, speech and speechOrDtmf), continuous DTMF, the scripted callers and the control API's
 * press / say / recognitions.
 */
class AcsEmulatorRecognizeTest {

    private static final ObjectMapper JSON = MediaCalls.JSON;
    private static final String CHOICES = "\"choices\":[{\"label\":\"sales\",\"phrases\":[\"sales\",\"buy\"],"
        + "\"tone\":\"one\"},{\"label\":\"support\",\"phrases\":[\"help\"],\"tone\":\"two\"}]";

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

    @AfterEach
    void noCallers() {
        emulator.setCallers(List.of());
    }

    @Test
    void sdkCollectsMaxTones() {
        String callee = "8:acs:rec-max";
        String callId = calls.sdkCall(callee);
        client.getCallConnection(callId).getCallMedia().startRecognizing(
            new CallMediaRecognizeDtmfOptions(new CommunicationUserIdentifier(callee), 3)
                .setInitialSilenceTimeout(Duration.ofSeconds(1)).setOperationContext("pin"));

        emulator.press(callId, callee, "1234");

        JsonNode data = receiver.awaitEvent(callId, "RecognizeCompleted").path("data");
        MediaCalls.assertResult(data, 200, 8531);
        assertThat(data.path("recognitionType").asText()).isEqualTo("dtmf");
        assertThat(tones(data)).containsExactly("one", "two", "three");
        assertThat(data.path("operationContext").asText()).isEqualTo("pin");
        RecognitionSnapshot recognition = emulator.recognitions(callId).get(0);
        assertThat(recognition.outcome()).isEqualTo("maxTonesReceived");
        assertThat(recognition.tones()).isEqualTo("123");
        assertThat(recognition.inputType()).isEqualTo("dtmf");
    }

    @Test
    void sdkStopsAtAStopToneWithoutIt() {
        String callee = "8:acs:rec-stop";
        String callId = calls.sdkCall(callee);
        client.getCallConnection(callId).getCallMedia().startRecognizing(
            new CallMediaRecognizeDtmfOptions(new CommunicationUserIdentifier(callee), 10)
                .setStopTones(List.of(DtmfTone.POUND)).setInitialSilenceTimeout(Duration.ofSeconds(1)));

        emulator.press(callId, callee, "42#");

        JsonNode data = receiver.awaitEvent(callId, "RecognizeCompleted").path("data");
        MediaCalls.assertResult(data, 200, 8514);
        assertThat(tones(data)).containsExactly("four", "two");
    }

    @Test
    void sdkFailsAfterTheInitialSilenceTimeout() {
        String callee = "8:acs:rec-silent";
        String callId = calls.sdkCall(callee);
        client.getCallConnection(callId).getCallMedia().startRecognizing(
            new CallMediaRecognizeDtmfOptions(new CommunicationUserIdentifier(callee), 1)
                .setInitialSilenceTimeout(Duration.ofSeconds(1)));

        assertThat(emulator.recognitions(callId).get(0).outcome()).isEqualTo("running");
        MediaCalls.assertResult(receiver.awaitEvent(callId, "RecognizeFailed").path("data"), 400, 8510);
        assertThat(emulator.recognitions(callId).get(0).outcome()).isEqualTo("initialSilenceTimeout");
    }

    @Test
    void interToneTimeoutCompletesWithTheTonesSoFar() {
        String callee = "8:acs:rec-intertone";
        String callId = calls.call(true, callee);
        assertThat(calls.recognize(callId, "", "dtmf", callee, "\"dtmfOptions\":{\"maxTonesToCollect\":4,"
            + "\"interToneTimeoutInSeconds\":1}").statusCode()).isEqualTo(202);

        emulator.press(callId, callee, "12");

        JsonNode data = receiver.awaitEvent(callId, "RecognizeCompleted").path("data");
        MediaCalls.assertResult(data, 200, 8532);
        assertThat(tones(data)).containsExactly("one", "two");
        assertThat(data.path("version").asText()).isEqualTo("2026-03-12");
    }

    @Test
    void choicesMatchByToneAndByPhraseOrFail() {
        String callee = "8:acs:rec-choices";
        String callId = calls.call(true, callee);

        calls.recognize(callId, "", "choices", callee, CHOICES);
        emulator.press(callId, callee, "2");
        JsonNode byTone = await().until(() -> calls.data(callId, "RecognizeCompleted"), l -> l.size() == 1).get(0);
        MediaCalls.assertResult(byTone, 200, 8533);
        assertThat(byTone.path("recognitionType").asText()).isEqualTo("choices");
        assertThat(byTone.path("choiceResult").path("label").asText()).isEqualTo("support");

        calls.recognize(callId, "", "choices", callee, CHOICES);
        emulator.say(callId, callee, "Buy!", 0.8);
        JsonNode byPhrase = await().until(() -> calls.data(callId, "RecognizeCompleted"), l -> l.size() == 2).get(1);
        MediaCalls.assertResult(byPhrase, 200, 8545);
        assertThat(byPhrase.path("choiceResult").path("label").asText()).isEqualTo("sales");
        assertThat(byPhrase.path("choiceResult").path("recognizedPhrase").asText()).isEqualTo("Buy!");
        assertThat(byPhrase.path("choiceResult").path("confidence").asDouble()).isEqualTo(0.8);

        calls.recognize(callId, "", "choices", callee, CHOICES);
        emulator.say(callId, callee, "weather", 0.9);
        MediaCalls.assertResult(receiver.awaitEvent(callId, "RecognizeFailed").path("data"), 400, 8547);
        assertThat(emulator.recognitions(callId)).extracting(RecognitionSnapshot::outcome)
            .containsExactly("choiceMatched", "choiceMatched", "noChoiceMatched");
    }

    @Test
    void speechIsRecognizedAndSpeechOrDtmfTakesKeys() {
        String callee = "8:acs:rec-speech";
        String callId = calls.call(true, callee);

        calls.recognize(callId, "", "speech", callee, "\"speechOptions\":{\"endSilenceTimeoutInMs\":100}");
        emulator.press(callId, callee, "1");
        emulator.say(callId, callee, "I want to pay my bill", 0.9);
        JsonNode speech = receiver.awaitEvent(callId, "RecognizeCompleted").path("data");
        MediaCalls.assertResult(speech, 200, 8569);
        assertThat(speech.path("recognitionType").asText()).isEqualTo("speech");
        assertThat(speech.path("speechResult").path("speech").asText()).isEqualTo("I want to pay my bill");
        assertThat(speech.path("speechResult").path("confidence").asDouble()).isEqualTo(0.9);

        calls.recognize(callId, "", "speechOrDtmf", callee, "\"dtmfOptions\":{\"maxTonesToCollect\":2}");
        emulator.press(callId, callee, "77");
        JsonNode keys = await().until(() -> calls.data(callId, "RecognizeCompleted"), l -> l.size() == 2).get(1);
        MediaCalls.assertResult(keys, 200, 8531);
        assertThat(keys.path("recognitionType").asText()).isEqualTo("dtmf");
        assertThat(tones(keys)).containsExactly("seven", "seven");

        calls.recognize(callId, "", "speech", callee, "\"speechOptions\":{\"endSilenceTimeoutInMs\":100}");
        emulator.say(callId, callee, "mumble", 0.2);
        MediaCalls.assertResult(receiver.awaitEvent(callId, "RecognizeFailed").path("data"), 400, 8563);
    }

    @Test
    void keysDuringThePromptCountOnlyWithInterruptPrompt() {
        String callee = "8:acs:rec-prompt";
        String callId = calls.call(true, callee);
        // 30 characters at the default 15 per second: a 2 s prompt.
        String prompt = "\"playPrompts\":[{\"kind\":\"text\",\"text\":{\"text\":\"Please enter your account num\"}}],";

        calls.recognize(callId, prompt, "dtmf", callee, "\"interruptPrompt\":false,\"dtmfOptions\":{}");
        emulator.press(callId, callee, "5");
        await().pollDelay(Duration.ofMillis(300)).until(() -> true);
        assertThat(emulator.recognitions(callId).get(0).outcome()).isEqualTo("running");
        await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(100)).untilAsserted(() -> {
            emulator.press(callId, callee, "6");
            assertThat(calls.data(callId, "RecognizeCompleted")).hasSize(1);
        });
        assertThat(tones(calls.data(callId, "RecognizeCompleted").get(0))).containsExactly("six");

        calls.recognize(callId, prompt, "dtmf", callee, "\"interruptPrompt\":true,\"dtmfOptions\":{}");
        emulator.press(callId, callee, "5");
        JsonNode interrupted = await().atMost(Duration.ofMillis(1500))
            .until(() -> calls.data(callId, "RecognizeCompleted"), l -> l.size() == 2).get(1);
        assertThat(tones(interrupted)).containsExactly("five");
    }

    @Test
    void scriptedCallerAnswersInOrderAndHangsUpDuringThePrompt() {
        String callee = "8:acs:scripted-1";
        emulator.setCallers(List.of(new CallerRule("8:acs:scripted-*", List.of("press 12#", "say help 0.7",
            "hang up"), Duration.ofMillis(50), Duration.ofMillis(10))));
        String callId = calls.call(true, callee);

        calls.recognize(callId, "", "dtmf", callee, "\"dtmfOptions\":{\"maxTonesToCollect\":5,\"stopTones\":[\"pound\"]}");
        JsonNode first = receiver.awaitEvent(callId, "RecognizeCompleted").path("data");
        assertThat(tones(first)).containsExactly("one", "two");

        calls.recognize(callId, "", "choices", callee, CHOICES);
        JsonNode second = await().until(() -> calls.data(callId, "RecognizeCompleted"), l -> l.size() == 2).get(1);
        assertThat(second.path("choiceResult").path("label").asText()).isEqualTo("support");
        assertThat(second.path("choiceResult").path("confidence").asDouble()).isEqualTo(0.7);

        assertThat(calls.post(callId, ":startContinuousDtmfRecognition",
            "{\"targetParticipant\":{\"rawId\":\"" + callee + "\",\"communicationUser\":{\"id\":\"" + callee
            + "\"}}}").statusCode()).isEqualTo(200);
        calls.recognize(callId, "\"playPrompts\":[{\"kind\":\"text\",\"text\":{\"text\":\"Goodbye for now, "
            + "thanks for calling us today\"}}],", "dtmf", callee, "\"dtmfOptions\":{}");
        receiver.awaitEvent(callId, "CallDisconnected");
        assertThat(receiver.types(callId)).containsSubsequence("ContinuousDtmfRecognitionToneFailed",
            "ParticipantsUpdated", "CallDisconnected");
        assertThat(emulator.recognitions(callId)).extracting(RecognitionSnapshot::outcome)
            .containsExactly("stopToneDetected", "choiceMatched", "hungUp");
        assertThat(calls.data(callId, "RecognizeCompleted")).hasSize(2);
        assertThat(calls.data(callId, "RecognizeFailed")).isEmpty();
    }

    @Test
    void pressAndSayOverTheControlApi() throws IOException {
        String callee = "8:acs:rec-control";
        String callId = calls.call(true, callee);
        String participant = "/emulator/calls/" + callId + "/participants/"
            + URLEncoder.encode(callee, StandardCharsets.UTF_8);

        calls.recognize(callId, "", "dtmf", callee, "\"dtmfOptions\":{\"maxTonesToCollect\":2}");
        assertThat(EmulatorClients.control(emulator, "POST", participant + ":press", "{\"tones\":\"9*\"}")
            .statusCode()).isEqualTo(204);
        assertThat(tones(receiver.awaitEvent(callId, "RecognizeCompleted").path("data")))
            .containsExactly("nine", "asterisk");

        calls.recognize(callId, "", "speech", callee, "\"speechOptions\":{\"endSilenceTimeoutInMs\":100}");
        assertThat(EmulatorClients.control(emulator, "POST", participant + ":say",
            "{\"phrase\":\"hello\",\"confidence\":0.6}").statusCode()).isEqualTo(204);
        JsonNode said = await().until(() -> calls.data(callId, "RecognizeCompleted"), l -> l.size() == 2).get(1);
        assertThat(said.path("speechResult").path("speech").asText()).isEqualTo("hello");

        assertThat(EmulatorClients.control(emulator, "POST", participant + ":press", "{\"tones\":\"9x\"}")
            .statusCode()).isEqualTo(400);
        JsonNode recognitions = JSON.readTree(EmulatorClients.control(emulator, "GET",
            "/emulator/calls/" + callId + "/recognitions", "").body());
        assertThat(recognitions).hasSize(2);
        assertThat(recognitions.get(0).path("tones").asText()).isEqualTo("9*");
        assertThat(recognitions.get(1).path("phrase").asText()).isEqualTo("hello");

        HttpResponse<String> put = EmulatorClients.control(emulator, "PUT", "/emulator/callers",
            "[{\"identity\":\"+1555*\",\"answers\":[\"press 1\"],\"delay\":50}]");
        assertThat(put.statusCode()).as(put.body()).isEqualTo(200);
        assertThat(emulator.callers()).singleElement().satisfies(rule -> {
            assertThat(rule.identity()).isEqualTo("+1555*");
            assertThat(rule.delay()).isEqualTo(Duration.ofMillis(50));
            assertThat(rule.toneInterval()).isEqualTo(CallerRule.DEFAULT_TONE_INTERVAL);
        });
    }

    @Test
    void continuousDtmfReportsEveryKeyInOrder() {
        String callee = "8:acs:rec-continuous";
        String callId = calls.call(true, callee);
        String target = "{\"targetParticipant\":{\"rawId\":\"" + callee + "\",\"communicationUser\":{\"id\":\""
            + callee + "\"}},\"operationContext\":\"keys\"}";
        HttpResponse<String> started = calls.post(callId, ":startContinuousDtmfRecognition", target);
        assertThat(started.statusCode()).as(started.body()).isEqualTo(200);
        calls.recognize(callId, "", "dtmf", callee, "\"dtmfOptions\":{\"maxTonesToCollect\":2}");

        emulator.press(callId, callee, "12345");

        List<JsonNode> received = await().until(() -> calls.data(callId, "ContinuousDtmfRecognitionToneReceived"),
            l -> l.size() == 5);
        assertThat(received).extracting(e -> e.path("tone").asText())
            .containsExactly("one", "two", "three", "four", "five");
        assertThat(received).extracting(e -> e.path("sequenceId").asInt()).containsExactly(1, 2, 3, 4, 5);
        assertThat(received).allSatisfy(e -> assertThat(e.path("operationContext").asText()).isEqualTo("keys"));
        assertThat(tones(receiver.awaitEvent(callId, "RecognizeCompleted").path("data")))
            .containsExactly("one", "two");

        assertThat(calls.post(callId, ":stopContinuousDtmfRecognition", target)
            .statusCode()).isEqualTo(200);
        MediaCalls.assertResult(receiver.awaitEvent(callId, "ContinuousDtmfRecognitionStopped").path("data"), 200, 0);
        emulator.press(callId, callee, "6");
        await().pollDelay(Duration.ofMillis(200)).until(() -> true);
        assertThat(calls.data(callId, "ContinuousDtmfRecognitionToneReceived")).hasSize(5);
    }

    @Test
    void cancelAllMediaCancelsTheRecognizeAndTheCallsEndStopsIt() {
        String callee = "8:acs:rec-cancel";
        String callId = calls.call(true, callee);
        calls.recognize(callId, "", "dtmf", callee, "\"dtmfOptions\":{\"maxTonesToCollect\":3}");
        emulator.press(callId, callee, "1");

        emulator.input().cancelAll(callId);

        MediaCalls.assertResult(receiver.awaitEvent(callId, "RecognizeCanceled").path("data"), 400, 8508);
        emulator.press(callId, callee, "2");
        calls.recognize(callId, "", "dtmf", callee, "\"dtmfOptions\":{}");
        client.getCallConnection(callId).hangUp(false);
        receiver.awaitEvent(callId, "CallDisconnected");
        await().pollDelay(Duration.ofMillis(1300)).until(() -> true);
        assertThat(emulator.recognitions(callId)).extracting(RecognitionSnapshot::outcome)
            .containsExactly("canceled", "callEnded");
        assertThat(receiver.types(callId)).doesNotContain("RecognizeFailed", "RecognizeCompleted");
    }

    @Test
    void refusesARecognizeOnACallNotConnected() {
        emulator.setAnswerDelay(Duration.ofSeconds(5));
        try {
            String ringing = client.createCall(new CallInvite(new CommunicationUserIdentifier("8:acs:rec-ringing")),
                receiver.url()).getCallConnectionProperties().getCallConnectionId();
            MediaCalls.assertError(calls.recognize(ringing, "", "dtmf", "8:acs:rec-ringing", "\"dtmfOptions\":{}"),
                400, "8501");
        } finally {
            emulator.setAnswerDelay(Duration.ZERO);
        }
    }

    private static List<String> tones(JsonNode data) {
        return JSON.convertValue(data.path("dtmfResult").path("tones"),
            JSON.getTypeFactory().constructCollectionType(List.class, String.class));
    }

}
