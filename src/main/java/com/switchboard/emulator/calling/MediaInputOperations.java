package com.switchboard.emulator.calling;

import com.fasterxml.jackson.databind.JsonNode;
import com.switchboard.emulator.http.ApiRequest;
import com.switchboard.emulator.http.ApiResponse;
import com.switchboard.emulator.http.JsonBody;
import com.switchboard.emulator.media.CallInput;
import com.switchboard.emulator.model.AcsApiException;
import com.switchboard.emulator.model.AcsJson;
import com.switchboard.emulator.model.ApiVersion;
import com.switchboard.emulator.model.Identifier;
import com.switchboard.emulator.telephony.CallEngine;
import com.switchboard.emulator.telephony.EmulatedCall;
import java.net.URI;

/** Recognize, StartContinuousDtmfRecognition and StopContinuousDtmfRecognition. */
final class MediaInputOperations {

    private final CallEngine engine;
    private final CallInput input;

    MediaInputOperations(CallEngine engine, CallInput input) {
        this.engine = engine;
        this.input = input;
    }

    /**
     * POST {@code :recognize}: 202; RecognizeCompleted, RecognizeFailed or RecognizeCanceled follows. With
     * {@code interruptCallMediaOperation} (every api-version has it) the recognize barges in: the media queue cancels
     * what plays or waits before it queues the recognize ({@code MediaEngine}).
     */
    ApiResponse recognize(ApiRequest request, ApiVersion version, String... path) {
        EmulatedCall call = engine.call(path[0]);
        JsonBody body = JsonBody.parse(request);
        JsonNode interrupt = body.node("interruptCallMediaOperation");
        if (interrupt != null && !interrupt.isNull() && !interrupt.isBoolean()) {
            throw AcsApiException.invalidArgument("The field 'interruptCallMediaOperation' must be a boolean.");
        }
        input.recognize(call, body.root(), version);
        return ApiResponse.json(202, AcsJson.object());
    }

    /** POST {@code :startContinuousDtmfRecognition}: 200. */
    ApiResponse startContinuousDtmf(ApiRequest request, ApiVersion version, String... path) {
        EmulatedCall call = engine.call(path[0]);
        JsonBody body = JsonBody.parse(request);
        input.startContinuousDtmf(call, participant(body), body.text("operationContext").orElse(null),
            callbackUri(body, version), version);
        return ApiResponse.json(200, AcsJson.object());
    }

    /** POST {@code :stopContinuousDtmfRecognition}: 200; ContinuousDtmfRecognitionStopped follows. */
    ApiResponse stopContinuousDtmf(ApiRequest request, ApiVersion version, String... path) {
        EmulatedCall call = engine.call(path[0]);
        JsonBody body = JsonBody.parse(request);
        input.stopContinuousDtmf(call, participant(body), body.text("operationContext").orElse(null),
            callbackUri(body, version), version);
        return ApiResponse.json(200, AcsJson.object());
    }

    private static Identifier participant(JsonBody body) {
        return AcsJson.readIdentifier(body.node("targetParticipant"), "targetParticipant");
    }

    private static URI callbackUri(JsonBody body, ApiVersion version) {
        return version.hasOperationCallbackUri() ? body.callbackUri("operationCallbackUri").orElse(null) : null;
    }
}
