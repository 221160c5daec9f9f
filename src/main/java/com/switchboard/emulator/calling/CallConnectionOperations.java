package com.switchboard.emulator.calling;

import com.fasterxml.jackson.databind.JsonNode;
import com.switchboard.emulator.http.ApiRequest;
import com.switchboard.emulator.http.ApiResponse;
import com.switchboard.emulator.http.JsonBody;
import com.switchboard.emulator.media.MediaEngine;
import com.switchboard.emulator.media.MediaRequests;
import com.switchboard.emulator.model.AcsApiException;
import com.switchboard.emulator.model.AcsJson;
import com.switchboard.emulator.model.ApiVersion;
import com.switchboard.emulator.model.CustomCallingContext;
import com.switchboard.emulator.model.Identifier;
import com.switchboard.emulator.telephony.CallEngine;
import com.switchboard.emulator.telephony.CallState;
import com.switchboard.emulator.telephony.CreateCallCommand;
import com.switchboard.emulator.telephony.EmulatedCall;
import com.switchboard.emulator.telephony.Operation;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;

/** CreateCall, GetCall, HangUp, Terminate and TransferToParticipant. */
final class CallConnectionOperations {

    private final CallEngine engine;
    private final MediaEngine media;

    CallConnectionOperations(CallEngine engine, MediaEngine media) {
        this.engine = engine;
        this.media = media;
    }

    /** POST /calling/callConnections: 201 with the call {@code connecting}; callees ring from now on. */
    ApiResponse createCall(ApiRequest request, ApiVersion version, String... ignored) {
        JsonBody body = JsonBody.parse(request);
        List<Identifier> targets = targets(body);
        URI callbackUri = body.requiredCallbackUri("callbackUri");
        Identifier callerId = body.phoneNumber("sourceCallerIdNumber").orElse(null);
        if (callerId == null && targets.stream().anyMatch(Identifier::isPhoneNumber)) {
            throw AcsApiException.invalidArgument(
                "The field 'sourceCallerIdNumber' is required to call a phone number.");
        }
        CreateCallCommand command = new CreateCallCommand(targets, callbackUri,
            body.communicationUser("source").orElse(null), callerId, body.text("sourceDisplayName").orElse(null),
            new Operation(version, body.text("operationContext").orElse(null), null));
        URI cognitiveServices = cognitiveServices(body, version);
        EmulatedCall call = engine.createCall(command);
        media.cognitiveServicesEndpoint(call, cognitiveServices);
        return ApiResponse.json(201, ResponseBodies.callConnectionProperties(call, CallState.CONNECTING));
    }

    /** GET /calling/callConnections/{id}. */
    ApiResponse getCall(ApiRequest request, ApiVersion version, String... path) {
        EmulatedCall call = engine.call(path[0]);
        return ApiResponse.json(200, ResponseBodies.callConnectionProperties(call, call.state()));
    }

    /** DELETE /calling/callConnections/{id}: the application leaves. */
    ApiResponse hangUp(ApiRequest request, ApiVersion version, String... path) {
        engine.hangUp(path[0], version);
        return ApiResponse.noContent();
    }

    /** POST /calling/callConnections/{id}:terminate: the call ends for everyone. */
    ApiResponse terminate(ApiRequest request, ApiVersion version, String... path) {
        engine.terminate(path[0], version);
        return ApiResponse.noContent();
    }

    /** POST /calling/callConnections/{id}:transferToParticipant: 202, outcome by CallTransferAccepted/Failed. */
    ApiResponse transferToParticipant(ApiRequest request, ApiVersion version, String... path) {
        JsonBody body = JsonBody.parse(request);
        Identifier target = body.requiredIdentifier("targetParticipant");
        Identifier transferee = version.hasInvitationId() ? body.identifier("transferee").orElse(null) : null;
        String operationContext = body.text("operationContext").orElse(null);
        engine.transferToParticipant(path[0], target, transferee, operation(body, version, operationContext));
        return ApiResponse.json(202, ResponseBodies.operationContext(operationContext));
    }

    private static List<Identifier> targets(JsonBody body) {
        JsonNode node = body.node("targets");
        if (node == null || !node.isArray() || node.isEmpty()) {
            throw AcsApiException.invalidArgument("The field 'targets' is required and must not be empty.");
        }
        List<Identifier> targets = new ArrayList<>();
        for (int i = 0; i < node.size(); i++) {
            targets.add(AcsJson.readIdentifier(node.get(i), "targets[" + i + "]"));
        }
        return targets;
    }

    /**
     * A mid-call operation: its result events go to its operationCallbackUri, and its customCallingContext is passed
     * on, where the api-version has them.
     */
    static Operation operation(JsonBody body, ApiVersion version, String operationContext) {
        URI operationCallbackUri = version.hasOperationCallbackUri()
            ? body.callbackUri("operationCallbackUri").orElse(null)
            : null;
        CustomCallingContext custom = version.hasCustomCallingContext()
            ? CustomCallingContext.read(body.node("customCallingContext"), "customCallingContext")
            : CustomCallingContext.NONE;
        return new Operation(version, operationContext, operationCallbackUri, custom);
    }

    /** The call's Cognitive Services endpoint (2026-03-12 on), read before the call is made. */
    private static URI cognitiveServices(JsonBody body, ApiVersion version) {
        return version.isAtLeast(ApiVersion.V2026_03_12)
            ? MediaRequests.cognitiveServicesEndpoint(body.node("callIntelligenceOptions")) : null;
    }
}
