package com.switchboard.emulator.server;

import com.switchboard.emulator.model.AcsApiException;
import com.switchboard.emulator.model.ApiVersion;
import com.switchboard.emulator.telephony.CallEngine;
import java.util.List;

/**
 * The emulator's own control API under {@code /emulator} (no signature, no api-version): inspect calls and make
 * remote participants hang up.
 * <ul>
 *   <li>{@code GET /emulator/calls}: all live and recently ended calls</li>
 *   <li>{@code GET /emulator/calls/{callConnectionId}}</li>
 *   <li>{@code POST /emulator/calls/{callConnectionId}/participants/{rawId}:hangUp}: 204</li>
 * </ul>
 */
final class ControlApi {

    private final CallEngine engine;
    private final Router router;

    ControlApi(CallEngine engine) {
        this.engine = engine;
        this.router = new Router(List.of(
            Route.of("GET", "/emulator/calls/?", null, false, (request, version, path) ->
                ApiResponse.json(200, ResponseBodies.snapshots(engine.snapshots()))),
            Route.of("GET", "/emulator/calls/([^/:]+)", null, false, this::call),
            Route.of("POST", "/emulator/calls/([^/:]+)/participants/([^/]+):hangUp", null, false,
                this::hangUpParticipant)));
    }

    ApiResponse handle(ApiRequest request) {
        Router.Match match = router.match(request, null);
        return match.route().handler().handle(request, null, match.parameters());
    }

    private ApiResponse call(ApiRequest request, ApiVersion ignored, String... path) {
        return engine.snapshot(path[0]).map(call -> ApiResponse.json(200, ResponseBodies.snapshot(call)))
            .orElseThrow(AcsApiException::callNotFound);
    }

    private ApiResponse hangUpParticipant(ApiRequest request, ApiVersion ignored, String... path) {
        engine.hangUpParticipant(path[0], path[1]);
        return ApiResponse.noContent();
    }
}
