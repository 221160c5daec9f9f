package com.switchboard.emulator.control;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.switchboard.emulator.delivery.CallbackTokenIssuer;
import com.switchboard.emulator.delivery.EventGridPublisher;
import com.switchboard.emulator.delivery.EventGridSchema;
import com.switchboard.emulator.faults.FaultInjector;
import com.switchboard.emulator.faults.Faults;
import com.switchboard.emulator.http.ApiRequest;
import com.switchboard.emulator.http.ApiResponse;
import com.switchboard.emulator.http.Endpoint;
import com.switchboard.emulator.http.JsonBody;
import com.switchboard.emulator.http.Route;
import com.switchboard.emulator.http.Router;
import com.switchboard.emulator.model.AcsApiException;
import com.switchboard.emulator.model.AcsJson;
import com.switchboard.emulator.model.ApiVersion;
import com.switchboard.emulator.model.Identifier;
import com.switchboard.emulator.telephony.CallEngine;
import com.switchboard.emulator.telephony.CallLocator;
import com.switchboard.emulator.telephony.Conferences;
import com.switchboard.emulator.telephony.IncomingCallRequest;
import com.switchboard.emulator.telephony.IncomingCallResult;
import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The emulator's own control API under {@code /emulator} (no signature, no api-version).
 * <ul>
 *   <li>{@code GET /emulator/calls}: all live and recently ended calls;
 *   {@code GET /emulator/calls/{callConnectionId}}</li>
 *   <li>{@code POST /emulator/calls/{callConnectionId}/participants/{rawId}:hangUp}: 204</li>
 *   <li>{@code POST /emulator/incoming-calls} {@code {"from", "to", "callerDisplayName", "sipHeaders", "voipHeaders",
 *   "contextLength"}}:
 *   201 {@code {"serverCallId", "incomingCallContext", "correlationId"}}; {@code GET /emulator/incoming-calls},
 *   {@code GET /emulator/incoming-calls/{serverCallId}}</li>
 *   <li>{@code POST /emulator/incoming-calls/{serverCallId}:hangUp}: the caller hangs up, 204</li>
 *   <li>{@code POST /emulator/rooms}, {@code POST /emulator/group-calls} {@code {"id", "participants": [...]}}:
 *   201 {@code {"id", "serverCallId", "participants"}}</li>
 *   <li>{@code GET /emulator/event-grid}: the subscription status; {@code PUT /emulator/event-grid}
 *   {@code {"url", "schema"}} sets (or, with no url, removes) it; {@code GET /emulator/event-grid/validate?id=code}:
 *   the manual validation URL</li>
 *   <li>{@code GET /emulator/faults}: the fault plan (see {@link FaultsJson}); {@code PUT /emulator/faults} replaces
 *   it (fields left out are off) and answers it; {@code DELETE /emulator/faults}: no faults, 204.
 *   {@code GET /emulator/faults/injected}: {@code {"counts": {"DUPLICATE": n, ...}, "faultedActions": [{"method",
 *   "path", "repeatabilityRequestId", "status", "time"}]}} since the plan was set</li>
 * </ul>
 */
public final class ControlApi implements Endpoint {

    private final CallEngine engine;
    private final EventGridPublisher eventGrid;
    private final FaultInjector faults;
    private final Router router;

    public ControlApi(CallEngine engine, EventGridPublisher eventGrid, FaultInjector faults, CallbackTokenIssuer tokens) {
        this.engine = engine;
        this.eventGrid = eventGrid;
        this.faults = faults;
        this.router = new Router(List.of(
            Route.of("GET", "/emulator/calls/?", null, false, (request, version, path) ->
                ApiResponse.json(200, AcsJson.MAPPER.valueToTree(engine.snapshots()))),
            Route.of("GET", "/emulator/calls/([^/:]+)", null, false, this::call),
            Route.of("POST", "/emulator/calls/([^/:]+)/participants/([^/]+):hangUp", null, false,
                this::hangUpParticipant),
            Route.of("POST", "/emulator/incoming-calls/?", null, false, this::placeIncomingCall),
            Route.of("GET", "/emulator/incoming-calls/?", null, false, (request, version, path) ->
                ApiResponse.json(200, AcsJson.MAPPER.valueToTree(engine.inbound().snapshots()))),
            Route.of("GET", "/emulator/incoming-calls/([^/:]+)", null, false, this::incomingCall),
            Route.of("POST", "/emulator/incoming-calls/([^/:]+):hangUp", null, false, this::callerHangsUp),
            Route.of("POST", "/emulator/rooms/?", null, false, (request, version, path) ->
                registerConference(request, CallLocator.Kind.ROOM)),
            Route.of("POST", "/emulator/group-calls/?", null, false, (request, version, path) ->
                registerConference(request, CallLocator.Kind.GROUP_CALL)),
            Route.of("GET", "/emulator/event-grid/?", null, false, (request, version, path) ->
                ApiResponse.json(200, AcsJson.MAPPER.valueToTree(eventGrid.status()))),
            Route.of("PUT", "/emulator/event-grid/?", null, false, this::subscribe),
            Route.of("GET", "/emulator/event-grid/validate", null, false, this::validate),
            Route.of("GET", "/emulator/faults/?", null, false, (request, version, path) ->
                ApiResponse.json(200, FaultsJson.write(faults.faults()))),
            Route.of("PUT", "/emulator/faults/?", null, false, (request, version, path) -> {
                faults.set(FaultsJson.read(JsonBody.parse(request)));
                return ApiResponse.json(200, FaultsJson.write(faults.faults()));
            }),
            Route.of("DELETE", "/emulator/faults/?", null, false, (request, version, path) -> {
                faults.set(Faults.NONE);
                return ApiResponse.noContent();
            }),
            Route.of("GET", "/emulator/faults/injected", null, false, this::injectedFaults),
            Route.of("POST", "/emulator/callback-tokens/?", null, false, (request, version, path) ->
                ApiResponse.json(201, AcsJson.MAPPER.createObjectNode().put("token", tokens.issue())))));
    }

    @Override
    public boolean serves(ApiRequest request) {
        return request.rawPath().startsWith("/emulator/");
    }

    @Override
    public ApiResponse handle(ApiRequest request) {
        Router.Match match = router.match(request, null);
        return match.route().handler().handle(request, null, match.parameters());
    }

    private ApiResponse call(ApiRequest request, ApiVersion ignored, String... path) {
        return engine.snapshot(path[0]).map(call -> ApiResponse.json(200, AcsJson.MAPPER.valueToTree(call)))
            .orElseThrow(AcsApiException::callNotFound);
    }

    private ApiResponse hangUpParticipant(ApiRequest request, ApiVersion ignored, String... path) {
        engine.hangUpParticipant(path[0], path[1]);
        return ApiResponse.noContent();
    }

    private ApiResponse placeIncomingCall(ApiRequest request, ApiVersion ignored, String... path) {
        JsonBody body = JsonBody.parse(request);
        IncomingCallResult result = engine.inbound().place(new IncomingCallRequest(body.requiredText("from"),
            body.requiredText("to"), body.text("callerDisplayName").orElse(null), headers(body, "sipHeaders"),
            headers(body, "voipHeaders"), contextLength(body)));
        return ApiResponse.json(201, AcsJson.MAPPER.valueToTree(result));
    }

    private ApiResponse incomingCall(ApiRequest request, ApiVersion ignored, String... path) {
        return engine.inbound().snapshot(path[0])
            .map(call -> ApiResponse.json(200, AcsJson.MAPPER.valueToTree(call)))
            .orElseThrow(() -> new AcsApiException(404, "8522", "No incoming call " + path[0] + "."));
    }

    private ApiResponse callerHangsUp(ApiRequest request, ApiVersion ignored, String... path) {
        engine.inbound().callerHangsUp(path[0]);
        return ApiResponse.noContent();
    }

    private ApiResponse registerConference(ApiRequest request, CallLocator.Kind kind) {
        JsonBody body = JsonBody.parse(request);
        String id = body.requiredText("id");
        JsonNode people = body.node("participants");
        List<Identifier> participants = new ArrayList<>();
        if (people != null) {
            if (!people.isArray()) {
                throw AcsApiException.invalidArgument("The field 'participants' must be an array of raw ids.");
            }
            for (int i = 0; i < people.size(); i++) {
                participants.add(Identifier.parse(people.get(i).asText(""), "participants[" + i + "]"));
            }
        }
        Conferences.Conference conference = engine.conferences().register(kind, id, participants);
        ObjectNode response = AcsJson.object();
        response.put("id", conference.id());
        response.put("serverCallId", conference.serverCallId());
        ArrayNode rawIds = response.putArray("participants");
        conference.participants().forEach(p -> rawIds.add(p.rawId()));
        return ApiResponse.json(201, response);
    }

    private ApiResponse subscribe(ApiRequest request, ApiVersion ignored, String... path) {
        JsonBody body = JsonBody.parse(request);
        URI url = body.callbackUri("url").orElse(null);
        EventGridSchema schema;
        try {
            schema = body.text("schema").map(EventGridSchema::fromName).orElse(EventGridSchema.EVENT_GRID);
        } catch (IllegalArgumentException e) {
            throw AcsApiException.invalidArgument(e.getMessage());
        }
        eventGrid.subscribe(url, schema);
        return ApiResponse.json(200, AcsJson.MAPPER.valueToTree(eventGrid.status()));
    }

    private ApiResponse validate(ApiRequest request, ApiVersion ignored, String... path) {
        String code = request.queryParameter("id").orElse("");
        if (!eventGrid.validateManually(code)) {
            throw new AcsApiException(404, "NotFound", "No Event Grid subscription has the validation code '"
                + code + "'.");
        }
        return ApiResponse.json(200, AcsJson.object().put("validated", true));
    }

    private ApiResponse injectedFaults(ApiRequest request, ApiVersion ignored, String... path) {
        ObjectNode body = AcsJson.object();
        body.set("counts", AcsJson.MAPPER.valueToTree(faults.counts()));
        body.set("faultedActions", AcsJson.MAPPER.valueToTree(faults.faultedActions()));
        return ApiResponse.json(200, body);
    }

    private static Integer contextLength(JsonBody body) {
        JsonNode node = body.node("contextLength");
        if (node == null) {
            return null;
        }
        if (!node.isIntegralNumber() || !node.canConvertToInt()) {
            throw AcsApiException.invalidArgument("The field 'contextLength' must be a whole number.");
        }
        return node.intValue();
    }

    private static Map<String, String> headers(JsonBody body, String field) {
        JsonNode node = body.node(field);
        Map<String, String> headers = new LinkedHashMap<>();
        if (node == null) {
            return headers;
        }
        if (!node.isObject()) {
            throw AcsApiException.invalidArgument("The field '" + field + "' must be an object of strings.");
        }
        node.fields().forEachRemaining(entry -> headers.put(entry.getKey(), entry.getValue().asText()));
        return headers;
    }
}
