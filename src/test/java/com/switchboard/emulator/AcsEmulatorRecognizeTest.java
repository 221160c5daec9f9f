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
import java.util.Map;
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

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String V2026 = "?api-version=2026-03-12";
    private static final String CHOICES = "\"choices\":[{\"label\":\"sales\",\"phrases\":[\"sales\",\"buy\"],"
        + "\"tone\":\"one\"},{\"label\":\"support\",\"phrases\":[\"help\"],\"tone\":\"two\"}]";

    private static AcsEmulator emulator;
    private static CallbackReceiver receiver;
    private static CallAutomationClient client;

    @BeforeAll
    static void start() throws IOException {
        emulator = AcsEmulator.start(EmulatorSettings.defaults().withPort(0).withAnswerDelay(Duration.ZERO)
            .withCallbackRetries(3, Duration.ofMillis(20)));
        receiver = CallbackReceiver.start();
        client = EmulatorClients.sdk(emulator);
    }

    @AfterAll
    static void stop() {
        emulator.close();
        receiver.close();
    }

    @AfterEach
    void noCallers() {
        emulator.setCallers(List.of());
    }

    @Test
    void sdkCollectsMaxTones() {
        String callee = "8:acs:rec-max";
        String callId = connectedCall(callee);
        client.getCallConnection(callId).getCallMedia().startRecognizing(
            new CallMediaRecognizeDtmfOptions(new CommunicationUserIdentifier(callee), 3)
                .setInitialSilenceTimeout(Duration.ofSeconds(1)).setOperationContext("pin"));

        emulator.press(callId, callee, "1234");

        JsonNode data = receiver.awaitEvent(callId, "RecognizeCompleted").path("data");
        assertResult(data, 200, 8531);
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
        String callId = connectedCall(callee);
        client.getCallConnection(callId).getCallMedia().startRecognizing(
            new CallMediaRecognizeDtmfOptions(new CommunicationUserIdentifier(callee), 10)
                .setStopTones(List.of(DtmfTone.POUND)).setInitialSilenceTimeout(Duration.ofSeconds(1)));

        emulator.press(callId, callee, "42#");

        JsonNode data = receiver.awaitEvent(callId, "RecognizeCompleted").path("data");
        assertResult(data, 200, 8514);
        assertThat(tones(data)).containsExactly("four", "two");
    }

    @Test
    void sdkFailsAfterTheInitialSilenceTimeout() {
        String callee = "8:acs:rec-silent";
        String callId = connectedCall(callee);
        client.getCallConnection(callId).getCallMedia().startRecognizing(
            new CallMediaRecognizeDtmfOptions(new CommunicationUserIdentifier(callee), 1)
                .setInitialSilenceTimeout(Duration.ofSeconds(1)));

        assertThat(emulator.recognitions(callId).get(0).outcome()).isEqualTo("running");
        assertResult(receiver.awaitEvent(callId, "RecognizeFailed").path("data"), 400, 8510);
        assertThat(emulator.recognitions(callId).get(0).outcome()).isEqualTo("initialSilenceTimeout");
    }

    @Test
    void interToneTimeoutCompletesWithTheTonesSoFar() {
        String callee = "8:acs:rec-intertone";
        String callId = connectedCall(callee);
        assertThat(recognize(callId, "dtmf", callee, "\"dtmfOptions\":{\"maxTonesToCollect\":4,"
            + "\"interToneTimeoutInSeconds\":1}").statusCode()).isEqualTo(202);

        emulator.press(callId, callee, "12");

        JsonNode data = receiver.awaitEvent(callId, "RecognizeCompleted").path("data");
        assertResult(data, 200, 8532);
        assertThat(tones(data)).containsExactly("one", "two");
        assertThat(data.path("version").asText()).isEqualTo("2026-03-12");
    }

    @Test
    void choicesMatchByToneAndByPhraseOrFail() {
        String callee = "8:acs:rec-choices";
        String callId = connectedCall(callee);

        recognize(callId, "choices", callee, CHOICES);
        emulator.press(callId, callee, "2");
        JsonNode byTone = await().until(() -> events(callId, "RecognizeCompleted"), l -> l.size() == 1).get(0);
        assertResult(byTone, 200, 8533);
        assertThat(byTone.path("recognitionType").asText()).isEqualTo("choices");
        assertThat(byTone.path("choiceResult").path("label").asText()).isEqualTo("support");

        recognize(callId, "choices", callee, CHOICES);
        emulator.say(callId, callee, "Buy!", 0.8);
        JsonNode byPhrase = await().until(() -> events(callId, "RecognizeCompleted"), l -> l.size() == 2).get(1);
        assertResult(byPhrase, 200, 8545);
        assertThat(byPhrase.path("choiceResult").path("label").asText()).isEqualTo("sales");
        assertThat(byPhrase.path("choiceResult").path("recognizedPhrase").asText()).isEqualTo("Buy!");
        assertThat(byPhrase.path("choiceResult").path("confidence").asDouble()).isEqualTo(0.8);

        recognize(callId, "choices", callee, CHOICES);
        emulator.say(callId, callee, "weather", 0.9);
        assertResult(receiver.awaitEvent(callId, "RecognizeFailed").path("data"), 400, 8547);
        assertThat(emulator.recognitions(callId)).extracting(RecognitionSnapshot::outcome)
            .containsExactly("choiceMatched", "choiceMatched", "noChoiceMatched");
    }

    @Test
    void speechIsRecognizedAndSpeechOrDtmfTakesKeys() {
        String callee = "8:acs:rec-speech";
        String callId = connectedCall(callee);

        recognize(callId, "speech", callee, "\"speechOptions\":{\"endSilenceTimeoutInMs\":100}");
        emulator.press(callId, callee, "1");
        emulator.say(callId, callee, "I want to pay my bill", 0.9);
        JsonNode speech = receiver.awaitEvent(callId, "RecognizeCompleted").path("data");
        assertResult(speech, 200, 8569);
        assertThat(speech.path("recognitionType").asText()).isEqualTo("speech");
        assertThat(speech.path("speechResult").path("speech").asText()).isEqualTo("I want to pay my bill");
        assertThat(speech.path("speechResult").path("confidence").asDouble()).isEqualTo(0.9);

        recognize(callId, "speechOrDtmf", callee, "\"dtmfOptions\":{\"maxTonesToCollect\":2}");
        emulator.press(callId, callee, "77");
        JsonNode keys = await().until(() -> events(callId, "RecognizeCompleted"), l -> l.size() == 2).get(1);
        assertResult(keys, 200, 8531);
        assertThat(keys.path("recognitionType").asText()).isEqualTo("dtmf");
        assertThat(tones(keys)).containsExactly("seven", "seven");

        recognize(callId, "speech", callee, "\"speechOptions\":{\"endSilenceTimeoutInMs\":100}");
        emulator.say(callId, callee, "mumble", 0.2);
        assertResult(receiver.awaitEvent(callId, "RecognizeFailed").path("data"), 400, 8563);
    }

    @Test
    void keysDuringThePromptCountOnlyWithInterruptPrompt() {
        String callee = "8:acs:rec-prompt";
        String callId = connectedCall(callee);
        // 30 characters at the default 15 per second: a 2 s prompt.
        String prompt = "\"playPrompts\":[{\"kind\":\"text\",\"text\":{\"text\":\"Please enter your account num\"}}],";

        recognizeWith(callId, prompt, "dtmf", callee, "\"interruptPrompt\":false,\"dtmfOptions\":{}");
        emulator.press(callId, callee, "5");
        await().pollDelay(Duration.ofMillis(300)).until(() -> true);
        assertThat(emulator.recognitions(callId).get(0).outcome()).isEqualTo("running");
        await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(100)).untilAsserted(() -> {
            emulator.press(callId, callee, "6");
            assertThat(events(callId, "RecognizeCompleted")).hasSize(1);
        });
        assertThat(tones(events(callId, "RecognizeCompleted").get(0))).containsExactly("six");

        recognizeWith(callId, prompt, "dtmf", callee, "\"interruptPrompt\":true,\"dtmfOptions\":{}");
        emulator.press(callId, callee, "5");
        JsonNode interrupted = await().atMost(Duration.ofMillis(1500))
            .until(() -> events(callId, "RecognizeCompleted"), l -> l.size() == 2).get(1);
        assertThat(tones(interrupted)).containsExactly("five");
    }

    @Test
    void scriptedCallerAnswersInOrderAndHangsUpDuringThePrompt() {
        String callee = "8:acs:scripted-1";
        emulator.setCallers(List.of(new CallerRule("8:acs:scripted-*", List.of("press 12#", "say help 0.7",
            "hang up"), Duration.ofMillis(50), Duration.ofMillis(10))));
        String callId = connectedCall(callee);

        recognize(callId, "dtmf", callee, "\"dtmfOptions\":{\"maxTonesToCollect\":5,\"stopTones\":[\"pound\"]}");
        JsonNode first = receiver.awaitEvent(callId, "RecognizeCompleted").path("data");
        assertThat(tones(first)).containsExactly("one", "two");

        recognize(callId, "choices", callee, CHOICES);
        JsonNode second = await().until(() -> events(callId, "RecognizeCompleted"), l -> l.size() == 2).get(1);
        assertThat(second.path("choiceResult").path("label").asText()).isEqualTo("support");
        assertThat(second.path("choiceResult").path("confidence").asDouble()).isEqualTo(0.7);

        assertThat(post("/calling/callConnections/" + callId + ":startContinuousDtmfRecognition" + V2026,
            "{\"targetParticipant\":{\"rawId\":\"" + callee + "\",\"communicationUser\":{\"id\":\"" + callee
            + "\"}}}").statusCode()).isEqualTo(200);
        recognizeWith(callId, "\"playPrompts\":[{\"kind\":\"text\",\"text\":{\"text\":\"Goodbye for now, "
            + "thanks for calling us today\"}}],", "dtmf", callee, "\"dtmfOptions\":{}");
        receiver.awaitEvent(callId, "CallDisconnected");
        assertThat(receiver.types(callId)).containsSubsequence("ContinuousDtmfRecognitionToneFailed",
            "ParticipantsUpdated", "CallDisconnected");
        assertThat(emulator.recognitions(callId)).extracting(RecognitionSnapshot::outcome)
            .containsExactly("stopToneDetected", "choiceMatched", "hungUp");
        assertThat(events(callId, "RecognizeCompleted")).hasSize(2);
        assertThat(events(callId, "RecognizeFailed")).isEmpty();
    }

    @Test
    void pressAndSayOverTheControlApi() throws IOException {
        String callee = "8:acs:rec-control";
        String callId = connectedCall(callee);
        String participant = "/emulator/calls/" + callId + "/participants/"
            + URLEncoder.encode(callee, StandardCharsets.UTF_8);

        recognize(callId, "dtmf", callee, "\"dtmfOptions\":{\"maxTonesToCollect\":2}");
        assertThat(EmulatorClients.control(emulator, "POST", participant + ":press", "{\"tones\":\"9*\"}")
            .statusCode()).isEqualTo(204);
        assertThat(tones(receiver.awaitEvent(callId, "RecognizeCompleted").path("data")))
            .containsExactly("nine", "asterisk");

        recognize(callId, "speech", callee, "\"speechOptions\":{\"endSilenceTimeoutInMs\":100}");
        assertThat(EmulatorClients.control(emulator, "POST", participant + ":say",
            "{\"phrase\":\"hello\",\"confidence\":0.6}").statusCode()).isEqualTo(204);
        JsonNode said = await().until(() -> events(callId, "RecognizeCompleted"), l -> l.size() == 2).get(1);
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
        String callId = connectedCall(callee);
        String target = "{\"targetParticipant\":{\"rawId\":\"" + callee + "\",\"communicationUser\":{\"id\":\""
            + callee + "\"}},\"operationContext\":\"keys\"}";
        HttpResponse<String> started = post("/calling/callConnections/" + callId + ":startContinuousDtmfRecognition"
            + V2026, target);
        assertThat(started.statusCode()).as(started.body()).isEqualTo(200);
        recognize(callId, "dtmf", callee, "\"dtmfOptions\":{\"maxTonesToCollect\":2}");

        emulator.press(callId, callee, "12345");

        List<JsonNode> received = await().until(() -> events(callId, "ContinuousDtmfRecognitionToneReceived"),
            l -> l.size() == 5);
        assertThat(received).extracting(e -> e.path("tone").asText())
            .containsExactly("one", "two", "three", "four", "five");
        assertThat(received).extracting(e -> e.path("sequenceId").asInt()).containsExactly(1, 2, 3, 4, 5);
        assertThat(received).allSatisfy(e -> assertThat(e.path("operationContext").asText()).isEqualTo("keys"));
        assertThat(tones(receiver.awaitEvent(callId, "RecognizeCompleted").path("data")))
            .containsExactly("one", "two");

        assertThat(post("/calling/callConnections/" + callId + ":stopContinuousDtmfRecognition" + V2026, target)
            .statusCode()).isEqualTo(200);
        assertResult(receiver.awaitEvent(callId, "ContinuousDtmfRecognitionStopped").path("data"), 200, 0);
        emulator.press(callId, callee, "6");
        await().pollDelay(Duration.ofMillis(200)).until(() -> true);
        assertThat(events(callId, "ContinuousDtmfRecognitionToneReceived")).hasSize(5);
    }

    @Test
    void cancelAllMediaCancelsTheRecognizeAndTheCallsEndStopsIt() {
        String callee = "8:acs:rec-cancel";
        String callId = connectedCall(callee);
        recognize(callId, "dtmf", callee, "\"dtmfOptions\":{\"maxTonesToCollect\":3}");
        emulator.press(callId, callee, "1");

        emulator.input().cancelAll(callId);

        assertResult(receiver.awaitEvent(callId, "RecognizeCanceled").path("data"), 400, 8508);
        emulator.press(callId, callee, "2");
        recognize(callId, "dtmf", callee, "\"dtmfOptions\":{}");
        client.getCallConnection(callId).hangUp(false);
        receiver.awaitEvent(callId, "CallDisconnected");
        await().pollDelay(Duration.ofMillis(1300)).until(() -> true);
        assertThat(emulator.recognitions(callId)).extracting(RecognitionSnapshot::outcome)
            .containsExactly("canceled", "callEnded");
        assertThat(receiver.types(callId)).doesNotContain("RecognizeFailed", "RecognizeCompleted");
    }

    @Test
    void refusesARecognizeOnACallNotConnectedAndASecondOneOnTheSameParticipant() throws IOException {
        String callee = "8:acs:rec-busy";
        String callId = connectedCall(callee);
        recognize(callId, "dtmf", callee, "\"dtmfOptions\":{}");
        assertError(recognize(callId, "dtmf", callee, "\"dtmfOptions\":{}"), 400, "8500");

        emulator.setAnswerDelay(Duration.ofSeconds(5));
        try {
            String ringing = client.createCall(new CallInvite(new CommunicationUserIdentifier("8:acs:rec-ringing")),
                receiver.url()).getCallConnectionProperties().getCallConnectionId();
            assertError(recognize(ringing, "dtmf", "8:acs:rec-ringing", "\"dtmfOptions\":{}"), 400, "8501");
        } finally {
            emulator.setAnswerDelay(Duration.ZERO);
        }
    }

    private static HttpResponse<String> recognize(String callId, String type, String participant, String options) {
        return recognizeWith(callId, "", type, participant, options);
    }

    private static HttpResponse<String> recognizeWith(String callId, String prompt, String type, String participant,
                                                      String options) {
        String body = "{" + prompt + "\"recognizeInputType\":\"" + type + "\",\"recognizeOptions\":{"
            + "\"targetParticipant\":{\"rawId\":\"" + participant + "\",\"communicationUser\":{\"id\":\""
            + participant + "\"}},\"initialSilenceTimeoutInSeconds\":1,\"speechLanguage\":\"en-US\","
            + options + "}}";
        HttpResponse<String> response = post("/calling/callConnections/" + callId + ":recognize" + V2026, body);
        return response;
    }

    private static String connectedCall(String callee) {
        String callId = client.createCall(new CallInvite(new CommunicationUserIdentifier(callee)), receiver.url())
            .getCallConnectionProperties().getCallConnectionId();
        receiver.awaitEvent(callId, "CallConnected");
        return callId;
    }

    private static List<JsonNode> events(String callId, String type) {
        return receiver.events(callId).stream()
            .filter(e -> e.path("type").asText().equals("Microsoft.Communication." + type))
            .map(e -> e.path("data")).toList();
    }

    private static List<String> tones(JsonNode data) {
        return JSON.convertValue(data.path("dtmfResult").path("tones"),
            JSON.getTypeFactory().constructCollectionType(List.class, String.class));
    }

    private static void assertResult(JsonNode data, int code, int subCode) {
        assertThat(data.path("resultInformation").path("code").asInt()).as(data.toString()).isEqualTo(code);
        assertThat(data.path("resultInformation").path("subCode").asInt()).as(data.toString()).isEqualTo(subCode);
    }

    private static HttpResponse<String> post(String pathAndQuery, String body) {
        return EmulatorClients.signed(emulator, "POST", pathAndQuery, body, Map.of());
    }

    private static void assertError(HttpResponse<String> response, int status, String code) throws IOException {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(JSON.readTree(response.body()).path("error").path("code").asText()).isEqualTo(code);
    }
}
