package com.switchboard.emulator.calling;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.switchboard.emulator.http.ApiRequest;
import com.switchboard.emulator.http.ApiResponse;
import com.switchboard.emulator.http.JsonBody;
import com.switchboard.emulator.model.AcsApiException;
import com.switchboard.emulator.model.AcsJson;
import com.switchboard.emulator.model.ApiVersion;
import com.switchboard.emulator.recording.CallRecordings;
import com.switchboard.emulator.recording.RecordingFormat;
import com.switchboard.emulator.recording.RecordingSnapshot;
import com.switchboard.emulator.telephony.CallEngine;
import com.switchboard.emulator.telephony.EmulatedCall;
import java.net.URI;

/** StartRecording, GetRecordingProperties, PauseRecording, ResumeRecording and StopRecording. */
final class RecordingOperations {

    private final CallEngine engine;
    private final CallRecordings recordings;

    RecordingOperations(CallEngine engine, CallRecordings recordings) {
        this.engine = engine;
        this.recordings = recordings;
    }

    /**
     * POST /calling/recordings: 200 with the recording {@code inactive}; RecordingStateChanged follows. The call is
     * named by a server call locator, or from 2026-03-12 on by its call connection id (exactly one of the two).
     */
    ApiResponse start(ApiRequest request, ApiVersion version, String... ignored) {
        JsonBody body = JsonBody.parse(request);
        boolean byConnection = version.isAtLeast(ApiVersion.V2026_03_12);
        String callConnectionId = byConnection ? body.text("callConnectionId").filter(s -> !s.isBlank()).orElse(null)
            : null;
        JsonNode locator = body.node("callLocator");
        if (callConnectionId != null && locator != null) {
            throw AcsApiException.invalidArgument("Give either 'callLocator' or 'callConnectionId', not both.");
        }
        EmulatedCall call;
        String locatorKind;
        if (callConnectionId != null) {
            call = engine.call(callConnectionId);
            locatorKind = "callConnectionId";
        } else {
            call = byServerCallLocator(locator, byConnection);
            locatorKind = "serverCallLocator";
        }
        RecordingFormat format = RecordingFormat.of(body.text("recordingContentType").orElse(null),
            body.text("recordingChannelType").orElse(null), body.text("recordingFormatType").orElse(null));
        boolean pauseOnStart = byConnection && body.node("pauseOnStart") != null
            && pauseOnStart(body.node("pauseOnStart"));
        URI callbackUri = body.callbackUri("recordingStateCallbackUri").orElse(null);
        RecordingSnapshot recording = recordings.start(call, locatorKind, format, pauseOnStart, callbackUri, version);
        return ApiResponse.json(200, stateResponse(recording, version));
    }

    /** GET /calling/recordings/{id}. */
    ApiResponse get(ApiRequest request, ApiVersion version, String... path) {
        return ApiResponse.json(200, stateResponse(recordings.state(path[0]), version));
    }

    /** POST /calling/recordings/{id}:pause: 202. */
    ApiResponse pause(ApiRequest request, ApiVersion version, String... path) {
        recordings.pause(path[0]);
        return ApiResponse.json(202, AcsJson.object());
    }

    /** POST /calling/recordings/{id}:resume: 202. */
    ApiResponse resume(ApiRequest request, ApiVersion version, String... path) {
        recordings.resume(path[0]);
        return ApiResponse.json(202, AcsJson.object());
    }

    /** DELETE /calling/recordings/{id}: 204. */
    ApiResponse stop(ApiRequest request, ApiVersion version, String... path) {
        recordings.stop(path[0]);
        return ApiResponse.noContent();
    }

    private EmulatedCall byServerCallLocator(JsonNode locator, boolean callConnectionIdAllowed) {
        if (locator == null || !locator.isObject()) {
            throw AcsApiException.invalidArgument(callConnectionIdAllowed
                ? "One of 'callLocator' or 'callConnectionId' is required."
                : "The field 'callLocator' is required.");
        }
        String kind = locator.path("kind").asText("serverCallLocator");
        if (!kind.equals("serverCallLocator")) {
            throw AcsApiException.invalidArgument("The call locator kind '" + kind
                + "' is not supported by the emulator's recording; use a serverCallLocator.");
        }
        String serverCallId = locator.path("serverCallId").asText("");
        if (serverCallId.isBlank()) {
            throw AcsApiException.invalidArgument("The field 'callLocator.serverCallId' is required.");
        }
        return engine.connections().liveByServerCallId(serverCallId).orElseThrow(AcsApiException::callNotFound);
    }

    private static boolean pauseOnStart(JsonNode node) {
        if (!node.isBoolean()) {
            throw AcsApiException.invalidArgument("The field 'pauseOnStart' must be a boolean.");
        }
        return node.booleanValue();
    }

    private static ObjectNode stateResponse(RecordingSnapshot recording, ApiVersion version) {
        ObjectNode body = AcsJson.object();
        body.put("recordingId", recording.recordingId());
        body.put("recordingState", recording.recordingState());
        if (version.isAtLeast(ApiVersion.V2026_03_12)) {
            body.put("recordingKind", "azureCommunicationServices");
        }
        return body;
    }
}
