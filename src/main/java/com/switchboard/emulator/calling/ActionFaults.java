package com.switchboard.emulator.calling;

import com.fasterxml.jackson.databind.JsonNode;
import com.switchboard.emulator.delivery.CallbackDispatcher;
import com.switchboard.emulator.faults.FaultInjector;
import com.switchboard.emulator.faults.FaultKind;
import com.switchboard.emulator.faults.FaultedAction;
import com.switchboard.emulator.faults.Faults;
import com.switchboard.emulator.http.ApiRequest;
import com.switchboard.emulator.http.ApiResponse;
import com.switchboard.emulator.model.AcsJson;
import java.io.IOException;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The fault plan's part in Call Automation actions: refusing an action with 429, 500 or 503 before it is carried
 * out, and holding an action's response until the first callback it caused was delivered.
 */
final class ActionFaults {

    private final FaultInjector faults;
    private final CallbackDispatcher callbacks;

    ActionFaults(FaultInjector faults, CallbackDispatcher callbacks) {
        this.faults = faults;
        this.callbacks = callbacks;
    }

    /** The error answer when the plan faults this action; it is then not carried out (nor remembered). */
    Optional<ApiResponse> refuse(ApiRequest request) {
        Optional<Integer> status = faults.nextActionFault();
        status.ifPresent(value -> faults.record(new FaultedAction(request.method(), request.rawPath(),
            request.header("repeatability-request-id").orElse(null), value, Instant.now())));
        return status.map(this::errorResponse);
    }

    /**
     * Carries out the action. With {@code deliverBeforeResponse}, a successful action's response waits until the
     * first callback of its call submitted meanwhile was acknowledged (or dropped), at most
     * {@link Faults#RESPONSE_HOLD_LIMIT}. The call is the one the response describes or the path names.
     */
    ApiResponse carryOut(Supplier<ApiResponse> action, String... pathParameters) {
        if (!faults.current().deliverBeforeResponse()) {
            return action.get();
        }
        long before = callbacks.lastSequence();
        ApiResponse response = action.get();
        if (response.status() < 200 || response.status() >= 300) {
            return response;
        }
        callConnectionId(response, pathParameters).ifPresent(id -> awaitFirstCallback(id, before));
        return response;
    }

    private void awaitFirstCallback(String callConnectionId, long before) {
        try {
            if (callbacks.awaitDelivery(callConnectionId, before, Faults.RESPONSE_HOLD_LIMIT)) {
                faults.count(FaultKind.DELIVER_BEFORE_RESPONSE);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private ApiResponse errorResponse(int status) {
        ApiResponse response = switch (status) {
            case 429 -> ApiResponse.error(429, "TooManyRequests",
                "The request was throttled. Retry later. (Injected by the ACS emulator's fault plan.)");
            case 503 -> ApiResponse.error(503, "ServiceUnavailable",
                "The service is temporarily unavailable. (Injected by the ACS emulator's fault plan.)");
            default -> ApiResponse.error(status, "InternalServerError",
                "The service failed to process the request. (Injected by the ACS emulator's fault plan.)");
        };
        long retryAfterMillis = faults.current().retryAfter().toMillis();
        return retryAfterMillis == 0 ? response
            : response.withHeader("Retry-After", Long.toString((retryAfterMillis + 999) / 1000));
    }

    private static Optional<String> callConnectionId(ApiResponse response, String... pathParameters) {
        if (pathParameters.length > 0) {
            return Optional.of(pathParameters[0]);
        }
        if (response.body().length == 0) {
            return Optional.empty();
        }
        try {
            JsonNode id = AcsJson.MAPPER.readTree(response.body()).path("callConnectionId");
            return id.isTextual() ? Optional.of(id.asText()) : Optional.empty();
        } catch (IOException notJson) {
            return Optional.empty();
        }
    }
}
