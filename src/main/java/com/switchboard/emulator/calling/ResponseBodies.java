package com.switchboard.emulator.calling;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.switchboard.emulator.model.AcsJson;
import com.switchboard.emulator.model.ApiVersion;
import com.switchboard.emulator.model.Identifier;
import com.switchboard.emulator.telephony.CallState;
import com.switchboard.emulator.telephony.EmulatedCall;
import java.util.List;

/** Renders the response bodies of the Call Automation API. */
final class ResponseBodies {

    private ResponseBodies() {
    }

    /** {@code CallConnectionProperties} in the given state. */
    static ObjectNode callConnectionProperties(EmulatedCall call, CallState state) {
        ObjectNode body = AcsJson.object();
        body.put("callConnectionId", call.callConnectionId());
        body.put("serverCallId", call.serverCallId());
        ArrayNode targets = body.putArray("targets");
        call.targets().forEach(target -> targets.add(AcsJson.identifier(target)));
        body.put("callConnectionState", state.wireName());
        body.put("callbackUri", call.callbackUri().toString());
        if (call.sourceCallerIdNumber() != null) {
            body.set("sourceCallerIdNumber", AcsJson.bareIdentifier(call.sourceCallerIdNumber()));
        }
        if (call.sourceDisplayName() != null) {
            body.put("sourceDisplayName", call.sourceDisplayName());
        }
        if (call.source() != null) {
            body.set("source", AcsJson.identifier(call.source()));
        }
        body.put("correlationId", call.correlationId());
        return body;
    }

    /** One page of {@code GetParticipantsResponse}; {@code nextLink} is null on the last page. */
    static ObjectNode participantsPage(EmulatedCall call, List<Identifier> page, String nextLink,
                                       ApiVersion version) {
        ObjectNode body = AcsJson.object();
        ArrayNode value = body.putArray("value");
        page.forEach(participant -> value.add(participant(call, participant, version)));
        if (nextLink != null) {
            body.put("nextLink", nextLink);
        }
        return body;
    }

    /** A {@code CallParticipant} with its mute and hold state in the call. */
    static ObjectNode participant(EmulatedCall call, Identifier participant, ApiVersion version) {
        return AcsJson.participant(participant, call.isMuted(participant.rawId()), call.isOnHold(participant.rawId()),
            version);
    }

    static ObjectNode operationContext(String operationContext) {
        ObjectNode body = AcsJson.object();
        if (operationContext != null) {
            body.put("operationContext", operationContext);
        }
        return body;
    }
}
