package com.switchboard.emulator.media;

import com.fasterxml.jackson.databind.JsonNode;
import com.switchboard.emulator.model.AcsApiException;
import com.switchboard.emulator.model.AcsJson;
import com.switchboard.emulator.model.ApiVersion;
import com.switchboard.emulator.model.Identifier;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A {@code RecognizeRequest} as read from the wire; timeouts are null where the request left them out.
 *
 * @param interruptCallMedia {@code interruptCallMediaOperation} (every api-version): cancel the plays and recognizes that run
 *     or wait instead of queueing behind them
 */
record RecognizeRequest(InputType inputType, Identifier participant, List<PlaySource> prompts,
                        boolean interruptPrompt, Duration initialSilence, int maxTones, Duration interTone,
                        List<Tone> stopTones, List<Choice> choices, Duration endSilence, String operationContext,
                        URI callbackUri, boolean interruptCallMedia) {

    /**
     * Whether it listens for speech, which needs the call's Cognitive Services endpoint: speech, speechOrDtmf, and
     * choices (their phrases are recognized from speech, even when the caller ends up pressing a choice's key).
     */
    boolean needsSpeechRecognition() {
        return inputType != InputType.DTMF;
    }

    Duration initialSilenceTimeout(Duration otherwise) {
        return initialSilence == null ? otherwise : initialSilence;
    }

    Duration interToneTimeout(Duration otherwise) {
        return interTone == null ? otherwise : interTone;
    }

    Duration endSilenceTimeout(Duration otherwise) {
        return endSilence == null ? otherwise : endSilence;
    }

    static RecognizeRequest read(JsonNode body, ApiVersion version) {
        boolean latest = version.isAtLeast(ApiVersion.V2026_03_12);
        JsonNode typeNode = body.path("recognizeInputType");
        if (!typeNode.isTextual()) {
            throw AcsApiException.invalidArgument("The field 'recognizeInputType' is required.");
        }
        InputType type = InputType.read(typeNode.asText(), !version.isAtLeast(ApiVersion.V2023_10_15));
        JsonNode options = body.path("recognizeOptions");
        if (!options.isObject()) {
            throw AcsApiException.invalidArgument("The field 'recognizeOptions' is required.");
        }
        Identifier participant = AcsJson.readIdentifier(options.get("targetParticipant"),
            "recognizeOptions.targetParticipant");
        List<PlaySource> prompts = new ArrayList<>();
        if (body.path("playPrompt").isObject()) {
            prompts.add(PlaySource.read(body.get("playPrompt"), "playPrompt", latest));
        }
        if (body.path("playPrompts").isArray()) {
            for (int i = 0; i < body.get("playPrompts").size(); i++) {
                prompts.add(PlaySource.read(body.get("playPrompts").get(i), "playPrompts[" + i + "]", latest));
            }
        }
        boolean interrupt = !options.has("interruptPrompt") || options.get("interruptPrompt").asBoolean(true);
        Duration initialSilence = seconds(options.path("initialSilenceTimeoutInSeconds"),
            "recognizeOptions.initialSilenceTimeoutInSeconds", 1, 300);
        JsonNode dtmf = options.path("dtmfOptions");
        Duration interTone = seconds(dtmf.path("interToneTimeoutInSeconds"),
            "recognizeOptions.dtmfOptions.interToneTimeoutInSeconds", 1, 60);
        int maxTones = 1;
        if (dtmf.has("maxTonesToCollect")) {
            JsonNode max = dtmf.get("maxTonesToCollect");
            if (!max.canConvertToInt() || max.asInt() < 1) {
                throw AcsApiException.invalidArgument("The field 'recognizeOptions.dtmfOptions.maxTonesToCollect' "
                    + "must be a positive whole number.");
            }
            maxTones = max.asInt();
        }
        List<Tone> stopTones = new ArrayList<>();
        for (int i = 0; i < dtmf.path("stopTones").size(); i++) {
            stopTones.add(Tone.read(dtmf.get("stopTones").get(i).asText(),
                "recognizeOptions.dtmfOptions.stopTones[" + i + "]"));
        }
        List<Choice> choices = choices(options.path("choices"));
        if (type == InputType.CHOICES && choices.isEmpty()) {
            throw AcsApiException.invalidArgument("The field 'recognizeOptions.choices' is required for a "
                + "choices recognize.");
        }
        Duration endSilence = null;
        JsonNode endSilenceMs = options.path("speechOptions").path("endSilenceTimeoutInMs");
        if (!endSilenceMs.isMissingNode() && !endSilenceMs.isNull()) {
            if (!endSilenceMs.canConvertToLong() || endSilenceMs.asLong() < 1) {
                throw AcsApiException.invalidArgument("The field "
                    + "'recognizeOptions.speechOptions.endSilenceTimeoutInMs' must be a positive whole number.");
            }
            endSilence = Duration.ofMillis(endSilenceMs.asLong());
        }
        String context = body.path("operationContext").isTextual() ? body.get("operationContext").asText() : null;
        boolean interruptCallMedia = body.path("interruptCallMediaOperation").asBoolean(false);
        return new RecognizeRequest(type, participant, List.copyOf(prompts), interrupt, initialSilence, maxTones,
            interTone, List.copyOf(stopTones), choices, endSilence, context, uri(body.path("operationCallbackUri")),
            interruptCallMedia);
    }

    private static List<Choice> choices(JsonNode node) {
        List<Choice> choices = new ArrayList<>();
        for (int i = 0; i < node.size(); i++) {
            JsonNode choice = node.get(i);
            String field = "recognizeOptions.choices[" + i + "]";
            if (!choice.path("label").isTextual() || choice.get("label").asText().isBlank()) {
                throw AcsApiException.invalidArgument("The field '" + field + ".label' is required.");
            }
            List<String> phrases = new ArrayList<>();
            choice.path("phrases").forEach(p -> phrases.add(p.asText()));
            if (phrases.isEmpty()) {
                throw AcsApiException.invalidArgument("The field '" + field + ".phrases' is required.");
            }
            Tone tone = choice.path("tone").isTextual() ? Tone.read(choice.get("tone").asText(), field + ".tone")
                : null;
            choices.add(new Choice(choice.get("label").asText(), phrases, tone));
        }
        return List.copyOf(choices);
    }

    private static Duration seconds(JsonNode node, String field, int min, int max) {
        if (node.isMissingNode() || node.isNull()) {
            return null;
        }
        if (!node.canConvertToInt() || node.asInt() < min || node.asInt() > max) {
            throw AcsApiException.invalidArgument("The field '" + field + "' must be a whole number of seconds from "
                + min + " to " + max + ".");
        }
        return Duration.ofSeconds(node.asInt());
    }

    private static URI uri(JsonNode node) {
        if (!node.isTextual() || node.asText().isBlank()) {
            return null;
        }
        try {
            URI uri = new URI(node.asText());
            if (uri.getHost() == null) {
                throw AcsApiException.invalidArgument("The field 'operationCallbackUri' must be an absolute URI.");
            }
            return uri;
        } catch (URISyntaxException e) {
            throw AcsApiException.invalidArgument("The field 'operationCallbackUri' is not a valid URI.");
        }
    }
}
