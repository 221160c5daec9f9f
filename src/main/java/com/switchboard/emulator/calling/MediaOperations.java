package com.switchboard.emulator.calling;

import com.fasterxml.jackson.databind.JsonNode;
import com.switchboard.emulator.http.ApiRequest;
import com.switchboard.emulator.http.ApiResponse;
import com.switchboard.emulator.http.JsonBody;
import com.switchboard.emulator.media.MediaEngine;
import com.switchboard.emulator.media.MediaRequests;
import com.switchboard.emulator.media.PlayRequest;
import com.switchboard.emulator.media.Tone;
import com.switchboard.emulator.model.AcsApiException;
import com.switchboard.emulator.model.AcsJson;
import com.switchboard.emulator.model.ApiVersion;
import com.switchboard.emulator.model.Identifier;
import com.switchboard.emulator.telephony.CallEngine;
import com.switchboard.emulator.telephony.EmulatedCall;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;

/** Play, CancelAllMediaOperations, Hold, Unhold, Mute and SendDtmfTones. */
final class MediaOperations {

    private final CallEngine engine;
    private final MediaEngine media;

    MediaOperations(CallEngine engine, MediaEngine media) {
        this.engine = engine;
        this.media = media;
    }

    /** POST {call}:play: 202; Play* events follow. File sources only before 2026-03-12. */
    ApiResponse play(ApiRequest request, ApiVersion version, String... path) {
        EmulatedCall call = engine.call(path[0]);
        JsonBody body = JsonBody.parse(request);
        boolean current = version.isAtLeast(ApiVersion.V2026_03_12);
        List<Identifier> playTo = new ArrayList<>();
        JsonNode targets = body.node("playTo");
        if (targets != null && !targets.isNull()) {
            if (!targets.isArray()) {
                throw AcsApiException.invalidArgument("The field 'playTo' must be an array.");
            }
            for (int i = 0; i < targets.size(); i++) {
                playTo.add(AcsJson.readIdentifier(targets.get(i), "playTo[" + i + "]"));
            }
        }
        JsonNode options = body.node("playOptions");
        boolean loop = options != null && options.path("loop").asBoolean(false);
        boolean interrupt = current && body.node("interruptCallMediaOperation") != null
            && body.node("interruptCallMediaOperation").asBoolean(false);
        PlayRequest play = new PlayRequest(MediaRequests.playSources(body.node("playSources"), "playSources", current),
            playTo, loop, interrupt, body.text("operationContext").orElse(null), operationCallbackUri(body, version),
            version);
        media.play(call, play);
        return ApiResponse.json(202, AcsJson.object());
    }

    /**
     * POST {call}:cancelAllMediaOperations: 202; a ...Canceled event for each play and recognize that ran or waited
     * (the media queue holds both).
     */
    ApiResponse cancelAll(ApiRequest request, ApiVersion version, String... path) {
        EmulatedCall call = engine.call(path[0]);
        media.cancelAll(call);
        return ApiResponse.json(202, AcsJson.object());
    }

    /** POST {call}:hold: 200; hold music (playSourceInfo) loops to the participant until unhold. */
    ApiResponse hold(ApiRequest request, ApiVersion version, String... path) {
        EmulatedCall call = engine.call(path[0]);
        JsonBody body = JsonBody.parse(request);
        Identifier target = body.requiredIdentifier("targetParticipant");
        String operationContext = body.text("operationContext").orElse(null);
        JsonNode music = body.node("playSourceInfo");
        PlayRequest holdMusic = music == null || music.isNull() ? null
            : new PlayRequest(List.of(MediaRequests.playSource(music, "playSourceInfo", true)), List.of(target),
                true, false, operationContext, operationCallbackUri(body, version), version);
        media.hold(call, target, holdMusic);
        return ApiResponse.json(200, AcsJson.object());
    }

    /** POST {call}:unhold: 200. */
    ApiResponse unhold(ApiRequest request, ApiVersion version, String... path) {
        EmulatedCall call = engine.call(path[0]);
        JsonBody body = JsonBody.parse(request);
        media.unhold(call, body.requiredIdentifier("targetParticipant"));
        return ApiResponse.json(200, AcsJson.object());
    }

    /** POST {call}/participants:mute: 200 with the operation context; one ACS user per request. */
    ApiResponse mute(ApiRequest request, ApiVersion version, String... path) {
        EmulatedCall call = engine.call(path[0]);
        JsonBody body = JsonBody.parse(request);
        JsonNode targets = body.node("targetParticipants");
        if (targets == null || !targets.isArray() || targets.size() != 1) {
            throw AcsApiException.invalidArgument("The field 'targetParticipants' must hold exactly one participant.");
        }
        media.mute(call, AcsJson.readIdentifier(targets.get(0), "targetParticipants[0]"));
        String operationContext = body.text("operationContext").orElse(null);
        return ApiResponse.json(200, ResponseBodies.operationContext(operationContext));
    }

    /** POST {call}:sendDtmfTones: 202 with the operation context; SendDtmfTones* follows. */
    ApiResponse sendDtmfTones(ApiRequest request, ApiVersion version, String... path) {
        EmulatedCall call = engine.call(path[0]);
        JsonBody body = JsonBody.parse(request);
        Identifier target = body.requiredIdentifier("targetParticipant");
        JsonNode tonesNode = body.node("tones");
        if (tonesNode == null || !tonesNode.isArray()) {
            throw AcsApiException.invalidArgument("The field 'tones' is required and must be an array of tones.");
        }
        List<Tone> tones = new ArrayList<>();
        for (int i = 0; i < tonesNode.size(); i++) {
            tones.add(MediaRequests.tone(tonesNode.get(i).asText(""), "tones[" + i + "]"));
        }
        String operationContext = body.text("operationContext").orElse(null);
        media.sendDtmfTones(call, target, tones, operationContext, operationCallbackUri(body, version), version);
        return ApiResponse.json(202, ResponseBodies.operationContext(operationContext));
    }

    private static URI operationCallbackUri(JsonBody body, ApiVersion version) {
        return version.isAtLeast(ApiVersion.V2024_04_15) ? body.callbackUri("operationCallbackUri").orElse(null)
            : null;
    }
}
