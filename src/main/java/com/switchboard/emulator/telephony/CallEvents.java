package com.switchboard.emulator.telephony;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.switchboard.emulator.delivery.CallbackDispatcher;
import com.switchboard.emulator.delivery.CloudEventEnvelope;
import com.switchboard.emulator.model.AcsJson;
import com.switchboard.emulator.model.ApiVersion;
import com.switchboard.emulator.model.Identifier;
import com.switchboard.emulator.model.ResultInfo;
import java.net.URI;

/**
 * Builds the data of the Call Automation callback events and hands them to the dispatcher. Every event carries
 * callConnectionId, serverCallId, correlationId and {@code version} (the api-version of the request that caused
 * it); {@code publicEventType} is added by the envelope. Operation result events go to the operation's callback
 * URI when the request gave one (from 2024-04-15 on), everything else to the call's callback URI.
 */
final class CallEvents {

    private final CallbackDispatcher dispatcher;

    CallEvents(CallbackDispatcher dispatcher) {
        this.dispatcher = dispatcher;
    }

    void callConnected(EmulatedCall call) {
        Operation creation = call.creation();
        send(call, creation, "CallConnected", data(call, creation));
    }

    void createCallFailed(EmulatedCall call, ResultInfo result) {
        setupFailed(call, "CreateCallFailed", result);
    }

    /** AnswerFailed where the api-version has it, else CallDisconnected (all that older versions report). */
    void answerFailed(EmulatedCall call, ResultInfo result) {
        if (call.creation().version().hasAnswerFailed()) {
            setupFailed(call, "AnswerFailed", result);
        } else {
            callDisconnected(call, call.creation().version(), result);
        }
    }

    void connectFailed(EmulatedCall call, ResultInfo result) {
        setupFailed(call, "ConnectFailed", result);
    }

    private void setupFailed(EmulatedCall call, String eventName, ResultInfo result) {
        Operation creation = call.creation();
        send(call, creation, eventName, withResult(data(call, creation), result));
    }

    void participantsUpdated(EmulatedCall call, ApiVersion version) {
        ObjectNode data = data(call, Operation.of(version));
        data.put("sequenceNumber", call.nextSequenceNumber());
        ArrayNode participants = data.putArray("participants");
        call.participants().forEach(p -> participants.add(AcsJson.participant(p, call.isMuted(p.rawId()), call.isOnHold(p.rawId()), version)));
        send(call, Operation.of(version), "ParticipantsUpdated", data);
    }

    void addParticipantSucceeded(EmulatedCall call, Operation operation, Identifier participant) {
        send(call, operation, "AddParticipantSucceeded",
            withParticipant(operation, call, participant, ResultInfo.ADD_PARTICIPANT_SUCCEEDED));
    }

    void addParticipantFailed(EmulatedCall call, Operation operation, Identifier participant, ResultInfo result) {
        send(call, operation, "AddParticipantFailed", withParticipant(operation, call, participant, result));
    }

    void removeParticipantSucceeded(EmulatedCall call, Operation operation, Identifier participant) {
        send(call, operation, "RemoveParticipantSucceeded",
            withParticipant(operation, call, participant, ResultInfo.REMOVE_PARTICIPANT_SUCCEEDED));
    }

    void removeParticipantFailed(EmulatedCall call, Operation operation, Identifier participant) {
        send(call, operation, "RemoveParticipantFailed",
            withParticipant(operation, call, participant, ResultInfo.PARTICIPANT_NOT_IN_CALL));
    }

    void cancelAddParticipant(EmulatedCall call, Operation operation, String invitationId, ResultInfo result) {
        ObjectNode data = withResult(data(call, operation), result);
        data.put("invitationId", invitationId);
        String name = result.code() == 200 ? "CancelAddParticipantSucceeded" : "CancelAddParticipantFailed";
        send(call, operation, name, data);
    }

    void callTransferAccepted(EmulatedCall call, Operation operation, Identifier target, Identifier transferee) {
        ObjectNode data = withResult(data(call, operation), ResultInfo.TRANSFER_ACCEPTED);
        if (operation.version().hasInvitationId()) {
            data.set("transferTarget", AcsJson.identifier(target));
            data.set("transferee", AcsJson.identifier(transferee));
        }
        send(call, operation, "CallTransferAccepted", data);
    }

    void callTransferFailed(EmulatedCall call, Operation operation, ResultInfo result) {
        send(call, operation, "CallTransferFailed", withResult(data(call, operation), result));
    }

    /** CallDisconnected; its resultInformation exists after 2023-03-06. */
    void callDisconnected(EmulatedCall call, ApiVersion version, ResultInfo result) {
        ObjectNode data = data(call, Operation.of(version));
        if (version.isAtLeast(ApiVersion.V2023_10_15)) {
            data.set("resultInformation", AcsJson.resultInformation(result));
        }
        send(call, Operation.of(version), "CallDisconnected", data);
    }

    private static ObjectNode data(EmulatedCall call, Operation operation) {
        ObjectNode data = AcsJson.object();
        data.put("callConnectionId", call.callConnectionId());
        data.put("serverCallId", call.serverCallId());
        data.put("correlationId", call.correlationId());
        if (operation.operationContext() != null) {
            data.put("operationContext", operation.operationContext());
        }
        data.put("version", operation.version().value());
        return data;
    }

    private static ObjectNode withParticipant(Operation operation, EmulatedCall call, Identifier participant,
                                              ResultInfo result) {
        ObjectNode data = withResult(data(call, operation), result);
        data.set("participant", AcsJson.identifier(participant));
        return data;
    }

    private static ObjectNode withResult(ObjectNode data, ResultInfo result) {
        data.set("resultInformation", AcsJson.resultInformation(result));
        return data;
    }

    private void send(EmulatedCall call, Operation operation, String eventName, ObjectNode data) {
        URI target = operation.callbackUri() != null ? operation.callbackUri() : call.callbackUri();
        dispatcher.submit(call.callConnectionId(), target, eventName,
            CloudEventEnvelope.wrap(call.callConnectionId(), eventName, data));
    }
}
