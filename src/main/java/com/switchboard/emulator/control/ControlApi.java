package com.switchboard.emulator.control;

import com.fasterxml.jackson.databind.JsonNode;
import com.switchboard.emulator.delivery.EventGridSchema;
import com.switchboard.emulator.faults.FaultKind;
import com.switchboard.emulator.faults.FaultedAction;
import com.switchboard.emulator.faults.Faults;
import com.switchboard.emulator.http.ApiRequest;
import com.switchboard.emulator.http.ApiResponse;
import com.switchboard.emulator.http.Endpoint;
import com.switchboard.emulator.http.JsonBody;
import com.switchboard.emulator.media.CallerRule;
import com.switchboard.emulator.http.Route;
import com.switchboard.emulator.http.Router;
import com.switchboard.emulator.model.AcsApiException;
import com.switchboard.emulator.model.Identifier;
import com.switchboard.emulator.telephony.Conferences.Conference;
import com.switchboard.emulator.telephony.IncomingCallRequest;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@link EmulatorControl} operations over HTTP, under {@code /emulator} (no signature, no api-version): each route
 * reads its JSON, makes one call and writes the answer. A bad argument answers 400/8523.
 * <ul>
 *   <li>{@code GET /emulator/calls}, {@code GET /emulator/calls/{callConnectionId}}</li>
 *   <li>{@code POST /emulator/calls/{callConnectionId}/participants/{rawId}:hangUp}: 204</li>
 *   <li>{@code GET /emulator/calls/{callConnectionId}/recordings}: the call's recordings and their history</li>
 *   <li>{@code GET /emulator/calls/{callConnectionId}/media}: the call's prompts, holds, mutes and tones sent</li>
 *   <li>{@code POST /emulator/incoming-calls} {@code {"from", "to", "callerDisplayName", "sipHeaders", "voipHeaders",
 *   "contextLength"}}: 201 {@code {"serverCallId", "incomingCallContext", "correlationId"}};
 *   {@code GET /emulator/incoming-calls}, {@code GET /emulator/incoming-calls/{serverCallId}}</li>
 *   <li>{@code POST /emulator/incoming-calls/{serverCallId}:hangUp}: the caller hangs up, 204</li>
 *   <li>{@code POST /emulator/rooms}, {@code POST /emulator/group-calls} {@code {"id", "participants": [...]}}:
 *   201 {@code {"id", "serverCallId", "participants"}}</li>
 *   <li>{@code GET /emulator/event-grid}: the subscription status; {@code PUT /emulator/event-grid}
 *   {@code {"url", "schema"}} sets (or, with no url, removes) it; {@code GET /emulator/event-grid/validate?id=code}:
 *   the manual validation URL</li>
 *   <li>{@code GET /emulator/faults}: the fault plan, the {@code Faults} record's components by name (see
 *   {@link ControlJson}); {@code PUT /emulator/faults} replaces it (fields left out are off) and answers it;
 *   {@code DELETE /emulator/faults}: no faults, 204.
 *   {@code GET /emulator/faults/injected}: {@code {"counts": {"DUPLICATE": n, ...}, "faultedActions": [{"method",
 *   "path", "repeatabilityRequestId", "status", "time"}]}} since the plan was set</li>
 *   <li>{@code POST /emulator/callback-tokens}: 201 {@code {"token"}}</li>
 * </ul>
 */
public final class ControlApi implements Endpoint {

    private static final String CALL = "/emulator/calls/([^/:]+)";
    private static final String INCOMING_CALL = "/emulator/incoming-calls/([^/:]+)";

    /** The confidence of a phrase said without one. */
    private static final double DEFAULT_CONFIDENCE = 0.95;

    private final Router router;

    public ControlApi(EmulatorControl emulator) {
        this.router = new Router(List.of(
            route("GET", "/emulator/calls/?", (request, path) -> ok(emulator.calls())),
            route("GET", CALL, (request, path) ->
                ok(emulator.call(path[0]).orElseThrow(AcsApiException::callNotFound))),
            route("GET", CALL + "/recordings/?", (request, path) -> ok(emulator.recordings(path[0]))),
            route("GET", CALL + "/media/?", (request, path) -> ok(emulator.media(path[0]))),
            route("GET", CALL + "/recognitions/?", (request, path) -> ok(emulator.recognitions(path[0]))),
            route("POST", CALL + "/participants/([^/]+):press", (request, path) -> {
                emulator.press(path[0], path[1], JsonBody.parse(request).requiredText("tones"));
                return ApiResponse.noContent();
            }),
            route("POST", CALL + "/participants/([^/]+):say", (request, path) -> {
                JsonBody body = JsonBody.parse(request);
                JsonNode confidence = body.node("confidence");
                emulator.say(path[0], path[1], body.requiredText("phrase"),
                    confidence == null ? DEFAULT_CONFIDENCE : confidence.asDouble(-1));
                return ApiResponse.noContent();
            }),
            route("GET", "/emulator/callers/?", (request, path) -> ok(emulator.callers())),
            route("PUT", "/emulator/callers/?", (request, path) -> {
                emulator.setCallers(List.of(ControlJson.read(request, CallerRule[].class, "caller")));
                return ok(emulator.callers());
            }),
            route("POST", CALL + "/participants/([^/]+):hangUp", (request, path) -> {
                emulator.hangUpParticipant(path[0], path[1]);
                return ApiResponse.noContent();
            }),
            route("POST", "/emulator/incoming-calls/?", (request, path) ->
                created(emulator.placeIncomingCall(incomingCall(JsonBody.parse(request))))),
            route("GET", "/emulator/incoming-calls/?", (request, path) -> ok(emulator.incomingCalls())),
            route("GET", INCOMING_CALL, (request, path) -> ok(emulator.incomingCall(path[0])
                .orElseThrow(() -> new AcsApiException(404, "8522", "No incoming call " + path[0] + ".")))),
            route("POST", INCOMING_CALL + ":hangUp", (request, path) -> {
                emulator.hangUpIncomingCall(path[0]);
                return ApiResponse.noContent();
            }),
            route("POST", "/emulator/rooms/?", (request, path) -> {
                JsonBody body = JsonBody.parse(request);
                return created(conference(emulator.createRoom(id(body), strings(body, "participants"))));
            }),
            route("POST", "/emulator/group-calls/?", (request, path) -> {
                JsonBody body = JsonBody.parse(request);
                return created(conference(emulator.createGroupCall(id(body), strings(body, "participants"))));
            }),
            route("GET", "/emulator/event-grid/?", (request, path) -> ok(emulator.eventGridSubscription())),
            route("PUT", "/emulator/event-grid/?", (request, path) -> {
                JsonBody body = JsonBody.parse(request);
                emulator.setEventGridSubscription(body.text("url").orElse(null),
                    body.text("schema").map(EventGridSchema::fromName).orElse(null));
                return ok(emulator.eventGridSubscription());
            }),
            route("GET", "/emulator/event-grid/validate", (request, path) -> {
                String code = request.queryParameter("id").orElse("");
                if (!emulator.validateEventGridSubscription(code)) {
                    throw new AcsApiException(404, "NotFound", "No Event Grid subscription has the validation code '"
                        + code + "'.");
                }
                return ok(Map.of("validated", true));
            }),
            route("GET", "/emulator/faults/?", (request, path) -> ok(emulator.faults())),
            route("PUT", "/emulator/faults/?", (request, path) -> {
                emulator.setFaults(ControlJson.read(request, Faults.class, "fault"));
                return ok(emulator.faults());
            }),
            route("DELETE", "/emulator/faults/?", (request, path) -> {
                emulator.clearFaults();
                return ApiResponse.noContent();
            }),
            route("GET", "/emulator/faults/injected", (request, path) ->
                ok(new InjectedFaults(emulator.injectedFaults(), emulator.faultedActions()))),
            route("POST", "/emulator/callback-tokens/?", (request, path) ->
                created(Map.of("token", emulator.issueCallbackToken())))));
    }

    @Override
    public boolean serves(ApiRequest request) {
        return request.rawPath().startsWith("/emulator/");
    }

    @Override
    public ApiResponse handle(ApiRequest request) {
        Router.Match match = router.match(request, null);
        try {
            return match.route().handler().handle(request, null, match.parameters());
        } catch (IllegalArgumentException e) {
            throw AcsApiException.invalidArgument(e.getMessage());
        }
    }

    /** The answer of {@code GET /emulator/faults/injected}. */
    private record InjectedFaults(Map<FaultKind, Long> counts, List<FaultedAction> faultedActions) {
    }

    /** A control route: path parameters already percent-decoded. */
    @FunctionalInterface
    private interface Handler {
        ApiResponse handle(ApiRequest request, String... path);
    }

    private static Route route(String method, String pathRegex, Handler handler) {
        return Route.of(method, pathRegex, null, false, (request, version, path) -> handler.handle(request, path));
    }

    private static ApiResponse ok(Object value) {
        return ApiResponse.json(200, ControlJson.tree(value));
    }

    private static ApiResponse created(Object value) {
        return ApiResponse.json(201, ControlJson.tree(value));
    }

    private static IncomingCallRequest incomingCall(JsonBody body) {
        return new IncomingCallRequest(body.requiredText("from"), body.requiredText("to"),
            body.text("callerDisplayName").orElse(null), headers(body, "sipHeaders"), headers(body, "voipHeaders"),
            contextLength(body));
    }

    private static String id(JsonBody body) {
        return body.requiredText("id");
    }

    /** {@code {"id", "serverCallId", "participants": [raw ids]}}. */
    private static Map<String, Object> conference(Conference conference) {
        Map<String, Object> response = new LinkedHashMap<>();
        response.put("id", conference.id());
        response.put("serverCallId", conference.serverCallId());
        response.put("participants", conference.participants().stream().map(Identifier::rawId).toList());
        return response;
    }

    /** An optional array of strings; a non-string element is read as blank, which the operation refuses. */
    private static List<String> strings(JsonBody body, String field) {
        JsonNode node = body.node(field);
        List<String> values = new ArrayList<>();
        if (node == null) {
            return values;
        }
        if (!node.isArray()) {
            throw AcsApiException.invalidArgument("The field '" + field + "' must be an array of raw ids.");
        }
        node.forEach(value -> values.add(value.asText("")));
        return values;
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
        node.properties().forEach(entry -> headers.put(entry.getKey(), entry.getValue().asText()));
        return headers;
    }
}
