package com.switchboard.emulator.calling;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.switchboard.emulator.http.ApiRequest;
import com.switchboard.emulator.http.ApiResponse;
import com.switchboard.emulator.http.JsonBody;
import com.switchboard.emulator.model.AcsApiException;
import com.switchboard.emulator.model.AcsJson;
import com.switchboard.emulator.model.ApiVersion;
import com.switchboard.emulator.model.Identifier;
import com.switchboard.emulator.telephony.AddParticipantCommand;
import com.switchboard.emulator.telephony.CallEngine;
import com.switchboard.emulator.telephony.EmulatedCall;
import java.time.Duration;
import java.util.List;

/** List, get, add, remove and cancel-add participants. */
final class ParticipantOperations {

    static final String SKIP_TOKEN = "skipToken";
    private static final int MIN_INVITATION_TIMEOUT = 1;
    private static final int MAX_INVITATION_TIMEOUT = 180;

    private final CallEngine engine;
    private final int pageSize;

    ParticipantOperations(CallEngine engine, int pageSize) {
        this.engine = engine;
        this.pageSize = pageSize;
    }

    /**
     * GET .../participants: pages of {@code pageSize}. {@code nextLink} is a path relative to the endpoint that
     * carries the api-version and a skip token, so the SDK's pager (which GETs it on the endpoint host) follows it.
     */
    ApiResponse list(ApiRequest request, ApiVersion version, String... path) {
        EmulatedCall call = engine.call(path[0]);
        List<Identifier> participants = call.participants();
        int skip = skipToken(request);
        int end = Math.min(participants.size(), skip + pageSize);
        List<Identifier> page = skip >= participants.size() ? List.of() : participants.subList(skip, end);
        String nextLink = end < participants.size()
            ? request.rawPath() + "?api-version=" + version.value() + "&" + SKIP_TOKEN + "=" + end
            : null;
        return ApiResponse.json(200, ResponseBodies.participantsPage(call, page, nextLink, version));
    }

    /** GET .../participants/{rawId}. */
    ApiResponse get(ApiRequest request, ApiVersion version, String... path) {
        Identifier participant = engine.participant(path[0], path[1]);
        return ApiResponse.json(200, ResponseBodies.participant(engine.call(path[0]), participant, version));
    }

    /** POST .../participants:add: 202; the outcome arrives as AddParticipantSucceeded/Failed. */
    ApiResponse add(ApiRequest request, ApiVersion version, String... path) {
        JsonBody body = JsonBody.parse(request);
        Identifier participant = body.requiredIdentifier("participantToAdd");
        Duration timeout = body.integer("invitationTimeoutInSeconds").map(ParticipantOperations::invitationTimeout)
            .orElse(null);
        String operationContext = body.text("operationContext").orElse(null);
        AddParticipantCommand command = new AddParticipantCommand(participant,
            body.phoneNumber("sourceCallerIdNumber").orElse(null), timeout,
            CallConnectionOperations.operation(body, version, operationContext));
        String invitationId = engine.addParticipant(path[0], command);
        ObjectNode response = ResponseBodies.operationContext(operationContext);
        response.set("participant", AcsJson.participant(participant, false, false, version));
        if (version.hasInvitationId()) {
            response.put("invitationId", invitationId);
        }
        return ApiResponse.json(202, response);
    }

    /** POST .../participants:remove: 202; the outcome arrives as RemoveParticipantSucceeded/Failed. */
    ApiResponse remove(ApiRequest request, ApiVersion version, String... path) {
        JsonBody body = JsonBody.parse(request);
        Identifier participant = body.requiredIdentifier("participantToRemove");
        String operationContext = body.text("operationContext").orElse(null);
        engine.removeParticipant(path[0], participant,
            CallConnectionOperations.operation(body, version, operationContext));
        return ApiResponse.json(202, ResponseBodies.operationContext(operationContext));
    }

    /** POST .../participants:cancelAddParticipant (2023-10-15 on): 202; outcome by CancelAddParticipant events. */
    ApiResponse cancelAdd(ApiRequest request, ApiVersion version, String... path) {
        JsonBody body = JsonBody.parse(request);
        String invitationId = body.requiredText("invitationId");
        String operationContext = body.text("operationContext").orElse(null);
        engine.cancelAddParticipant(path[0], invitationId,
            CallConnectionOperations.operation(body, version, operationContext));
        ObjectNode response = ResponseBodies.operationContext(operationContext);
        response.put("invitationId", invitationId);
        return ApiResponse.json(202, response);
    }

    private static Duration invitationTimeout(int seconds) {
        if (seconds < MIN_INVITATION_TIMEOUT || seconds > MAX_INVITATION_TIMEOUT) {
            throw AcsApiException.invalidArgument("The field 'invitationTimeoutInSeconds' must be between "
                + MIN_INVITATION_TIMEOUT + " and " + MAX_INVITATION_TIMEOUT + ", was " + seconds + ".");
        }
        return Duration.ofSeconds(seconds);
    }

    private static int skipToken(ApiRequest request) {
        String token = request.queryParameter(SKIP_TOKEN).orElse("0");
        try {
            int skip = Integer.parseInt(token);
            if (skip >= 0) {
                return skip;
            }
        } catch (NumberFormatException ignored) {
            // reported below
        }
        throw AcsApiException.invalidArgument("The query parameter '" + SKIP_TOKEN + "' is not valid: " + token);
    }
}
