package com.switchboard.emulator.calling;

import com.fasterxml.jackson.databind.JsonNode;
import com.switchboard.emulator.http.ApiRequest;
import com.switchboard.emulator.http.ApiResponse;
import com.switchboard.emulator.http.JsonBody;
import com.switchboard.emulator.media.MediaEngine;
import com.switchboard.emulator.media.MediaRequests;
import com.switchboard.emulator.model.AcsApiException;
import com.switchboard.emulator.model.ApiVersion;
import com.switchboard.emulator.model.Identifier;
import com.switchboard.emulator.telephony.CallEngine;
import com.switchboard.emulator.telephony.CallLocator;
import com.switchboard.emulator.telephony.CallState;
import com.switchboard.emulator.telephony.EmulatedCall;
import com.switchboard.emulator.telephony.InboundCalls;
import com.switchboard.emulator.telephony.Operation;
import java.net.URI;
import java.util.Arrays;
import java.util.Optional;

/** Answer, reject and redirect an incoming call, and connect to an existing call (the spec's "PreConnections"). */
final class PreConnectionOperations {

    private final CallEngine engine;
    private final MediaEngine media;

    PreConnectionOperations(CallEngine engine, MediaEngine media) {
        this.engine = engine;
        this.media = media;
    }

    /** POST /calling/callConnections:answer: 200 with the call {@code connecting}; CallConnected follows. */
    ApiResponse answer(ApiRequest request, ApiVersion version, String... ignored) {
        JsonBody body = JsonBody.parse(request);
        String context = body.requiredText("incomingCallContext");
        URI callbackUri = body.requiredCallbackUri("callbackUri");
        Identifier answeredBy = body.communicationUser("answeredBy").orElse(null);
        Operation operation = new Operation(version, body.text("operationContext").orElse(null), null);
        URI cognitiveServices = cognitiveServices(body, version);
        EmulatedCall call = engine.inbound().answer(context, callbackUri, answeredBy, operation);
        media.cognitiveServicesEndpoint(call, cognitiveServices);
        return ApiResponse.json(200, ResponseBodies.callConnectionProperties(call, CallState.CONNECTING));
    }

    /** POST /calling/callConnections:reject: 204. */
    ApiResponse reject(ApiRequest request, ApiVersion version, String... ignored) {
        JsonBody body = JsonBody.parse(request);
        String context = body.requiredText("incomingCallContext");
        engine.inbound().reject(context, InboundCalls.rejectReason(body.text("callRejectReason").orElse(null)));
        return ApiResponse.noContent();
    }

    /** POST /calling/callConnections:redirect: 204. */
    ApiResponse redirect(ApiRequest request, ApiVersion version, String... ignored) {
        JsonBody body = JsonBody.parse(request);
        String context = body.requiredText("incomingCallContext");
        Identifier target = body.requiredIdentifier("target");
        engine.inbound().redirect(context, target);
        return ApiResponse.noContent();
    }

    /**
     * POST /calling/callConnections:connect (2024-09-15 on): 200 with the call {@code connecting}; CallConnected or
     * ConnectFailed follows.
     */
    ApiResponse connect(ApiRequest request, ApiVersion version, String... ignored) {
        JsonBody body = JsonBody.parse(request);
        CallLocator locator = locator(body.node("callLocator"));
        URI callbackUri = body.requiredCallbackUri("callbackUri");
        Operation operation = new Operation(version, body.text("operationContext").orElse(null), null);
        URI cognitiveServices = cognitiveServices(body, version);
        EmulatedCall call = engine.connect(locator, callbackUri, operation);
        media.cognitiveServicesEndpoint(call, cognitiveServices);
        return ApiResponse.json(200, ResponseBodies.callConnectionProperties(call, CallState.CONNECTING));
    }

    /**
     * A {@code CallLocator}: its {@code kind} names the id property that must be set; without a kind, the one id
     * property that is set decides.
     */
    static CallLocator locator(JsonNode node) {
        if (node == null || !node.isObject()) {
            throw AcsApiException.invalidArgument("The field 'callLocator' is required and must be an object.");
        }
        String kindName = node.path("kind").asText("");
        CallLocator.Kind kind;
        if (kindName.isBlank()) {
            var present = Arrays.stream(CallLocator.Kind.values())
                .filter(k -> !node.path(k.idField()).asText("").isBlank()).toList();
            if (present.size() != 1) {
                throw AcsApiException.invalidArgument("The field 'callLocator' must name exactly one of "
                    + "'serverCallId', 'groupCallId' or 'roomId' (or give its 'kind').");
            }
            kind = present.get(0);
        } else {
            kind = Arrays.stream(CallLocator.Kind.values()).filter(k -> k.wireName().equals(kindName)).findFirst()
                .orElseThrow(() -> AcsApiException.invalidArgument("The field 'callLocator.kind' must be one of "
                    + "serverCallLocator, groupCallLocator, roomCallLocator: " + kindName));
        }
        String id = Optional.ofNullable(node.get(kind.idField())).filter(JsonNode::isTextual).map(JsonNode::asText)
            .filter(value -> !value.isBlank())
            .orElseThrow(() -> AcsApiException.invalidArgument("The field 'callLocator." + kind.idField()
                + "' is required for a " + kind.wireName() + "."));
        return new CallLocator(kind, id);
    }

    /** The call's Cognitive Services endpoint (2026-03-12 on), read before the call is made. */
    private static URI cognitiveServices(JsonBody body, ApiVersion version) {
        return version.isAtLeast(ApiVersion.V2026_03_12)
            ? MediaRequests.cognitiveServicesEndpoint(body.node("callIntelligenceOptions")) : null;
    }
}
