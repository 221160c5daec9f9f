package com.switchboard.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.switchboard.emulator.media.FileRule;
import com.switchboard.emulator.media.MediaSettings;
import com.switchboard.emulator.media.MediaSnapshot;
import com.switchboard.emulator.recording.RecordingSnapshot;
import com.switchboard.emulator.telephony.CallOperation;
import com.switchboard.emulator.telephony.CallSnapshot;
import com.switchboard.emulator.telephony.IncomingCallSnapshot;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.BindException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Microsoft's JavaScript Call Automation SDK (npm {@code @azure/communication-call-automation}, installed by the build
 * in {@code src/test/js-sdk}) drives the emulator on its default port, as a user of another language would: every
 * call-steering operation, every media operation (play, recognize, continuous and sent DTMF, hold, mute, cancel) and
 * recording operation ({@code src/test/js-sdk/media.js}), every callback event parsed by the SDK's own parser, and the
 * errors as the SDK surfaces them ({@code src/test/js-sdk/conformance.js}). The JS SDK signs the Host header with the
 * port, unlike the Java SDK.
 */
class JsSdkConformanceIT {

    private static final Path SCRIPT = Path.of("src/test/js-sdk/conformance.js");
    private static final Path LOG = Path.of("target/js-sdk-conformance.log");
    private static final Duration NODE_TIMEOUT = Duration.ofSeconds(180);
    /** How many checks conformance.js and media.js make; it grows as the emulator does. */
    private static final int CHECKS = 69;
    /** Files play for 300 ms, so that the media checks are quick; media.js plays this one to see PlayFailed. */
    private static final MediaSettings MEDIA = new MediaSettings(15, Duration.ofMillis(300),
        List.of(new FileRule("https://*/missing.wav", null, FileRule.Outcome.NOT_FOUND)));

    private static AcsEmulator emulator;
    private static Path certificate;

    @BeforeAll
    static void start() throws IOException {
        EmulatorSettings settings = EmulatorSettings.defaults()
            .withAnswerDelay(Duration.ZERO)
            .withRingTimeout(Duration.ofSeconds(3))
            .withParticipantsPageSize(2)
            .withCallbackRetries(3, Duration.ofMillis(20))
            .withMedia(MEDIA);
        assertThat(settings.port()).as("the emulator's default port").isEqualTo(8443);
        try {
            emulator = AcsEmulator.start(settings);
        } catch (UncheckedIOException e) {
            if (e.getCause() instanceof BindException) {
                throw new IllegalStateException("Port 8443 is taken: is Switchboard or the emulator running? "
                    + "This test runs the JS SDK against the emulator's default port.", e);
            }
            throw e;
        }
        certificate = Files.createTempFile("emulator-cert", ".pem");
        try (InputStream pem = JsSdkConformanceIT.class.getClassLoader()
            .getResourceAsStream(EmulatorClients.CERTIFICATE)) {
            Files.write(certificate, pem.readAllBytes());
        }
    }

    @AfterAll
    static void stop() throws IOException {
        if (emulator != null) {
            emulator.close();
        }
        if (certificate != null) {
            Files.deleteIfExists(certificate);
        }
    }

    @Test
    void theJavaScriptSdkWorksUnchanged() throws Exception {
        // The checks one a line, kept also when they all pass (the build shows them only on failure); a file, not a
        // pipe, so that a long output cannot block node.
        Files.createDirectories(LOG.getParent());
        ProcessBuilder node = new ProcessBuilder("node", SCRIPT.toString()).redirectErrorStream(true)
            .redirectOutput(LOG.toFile());
        node.environment().put("CONNECTION_STRING", emulator.connectionString());
        // The emulator's self-signed certificate, trusted as node trusts any CA: no switching verification off.
        node.environment().put("NODE_EXTRA_CA_CERTS", certificate.toString());
        Process process = node.start();
        boolean done = process.waitFor(NODE_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        if (!done) {
            process.destroyForcibly();
        }
        String output = Files.readString(LOG, StandardCharsets.UTF_8);
        assertThat(done).as("node finished within %s: %s", NODE_TIMEOUT, output).isTrue();
        assertThat(process.exitValue()).as(output).isZero();

        String[] lines = output.strip().split("\\R");
        JsonNode report = new ObjectMapper().readTree(lines[lines.length - 1]);
        assertThat(report.path("failed").size()).as(output).isZero();
        assertThat(report.path("passed").asInt()).as("every check of the script ran: %s", output)
            .isGreaterThanOrEqualTo(CHECKS);
        assertThat(texts(report.path("events"))).as("the events the SDK parsed").contains(
            "CallConnected", "ParticipantsUpdated", "CallDisconnected", "CreateCallFailed", "AnswerFailed",
            "ConnectFailed", "AddParticipantSucceeded", "AddParticipantFailed", "RemoveParticipantSucceeded",
            "RemoveParticipantFailed", "CancelAddParticipantSucceeded", "CancelAddParticipantFailed",
            "CallTransferAccepted", "CallTransferFailed",
            "PlayStarted", "PlayCompleted", "PlayFailed", "PlayCanceled", "RecognizeCompleted", "RecognizeFailed",
            "RecognizeCanceled", "ContinuousDtmfRecognitionToneReceived", "ContinuousDtmfRecognitionToneFailed",
            "ContinuousDtmfRecognitionStopped", "SendDtmfTonesCompleted", "SendDtmfTonesFailed", "HoldFailed",
            "RecordingStateChanged", "StartRecordingFailed");

        // What the emulator saw of the media call: the JS SDK's requests, as the emulator read them.
        String mediaCall = report.path("mediaCall").asText();
        MediaSnapshot media = emulator.media(mediaCall);
        assertThat(media.prompts()).as("the media call's prompts").extracting(MediaSnapshot.Prompt::purpose)
            .contains("play", "recognize", "holdMusic");
        assertThat(media.prompts()).flatExtracting(MediaSnapshot.Prompt::sources)
            .extracting(source -> source.kind().wireName()).contains("file", "text", "ssml");
        assertThat(media.prompts()).as("the play that failed on its second file")
            .anySatisfy(prompt -> assertThat(prompt.failedPlaySourceIndex()).isEqualTo(1));
        assertThat(media.holds()).extracting(MediaSnapshot.HoldChange::action).containsSubsequence("hold", "unhold");
        assertThat(media.mutes()).extracting(MediaSnapshot.Mute::participant).containsExactly("8:acs:js-media-member");
        assertThat(emulator.recognitions(mediaCall)).extracting(r -> r.inputType())
            .contains("dtmf", "choices", "speech", "speechOrDtmf");
        assertThat(emulator.recordings(mediaCall)).extracting(RecordingSnapshot::format)
            .contains("wav", "mp3", "mp4");

        // What the emulator saw: every call-steering operation, at the JS SDK's api-version (media and recording
        // requests at another version would have been refused or answered without PlayStarted, recordingKind, ...).
        assertThat(emulator.calls()).flatExtracting(CallSnapshot::operations).extracting(CallOperation::name)
            .contains("CreateCall", "AnswerCall", "Connect", "AddParticipant", "CancelAddParticipant",
                "RemoveParticipant", "TransferToParticipant", "HangUp", "Terminate");
        assertThat(emulator.calls()).flatExtracting(CallSnapshot::operations).extracting(CallOperation::apiVersion)
            .containsOnly("2026-03-12");
        assertThat(emulator.incomingCalls()).extracting(IncomingCallSnapshot::state)
            .contains("answered", "rejected", "redirected");
    }

    private static List<String> texts(JsonNode array) {
        List<String> values = new ArrayList<>();
        array.forEach(value -> values.add(value.asText()));
        return values;
    }
}
