package com.switchboard.emulator.telephony;

import java.time.Instant;
import java.util.Map;

/**
 * A Call Automation request that acted on a call, as the emulator received it.
 *
 * @param name the operation, e.g. {@code CreateCall}, {@code AnswerCall}, {@code Connect},
 *     {@code TransferToParticipant}, {@code AddParticipant}, {@code RemoveParticipant}, {@code CancelAddParticipant},
 *     {@code HangUp}, {@code Terminate}
 * @param apiVersion the request's api-version
 * @param target raw id of the participant the operation is about (transfer target, added/removed participant),
 *     else null
 * @param transferee raw id of the transferee of a transfer that named one, else null
 * @param sipHeaders {@code customCallingContext.sipHeaders} of the request, empty when it had none
 * @param voipHeaders {@code customCallingContext.voipHeaders} of the request, empty when it had none
 * @param operationCallbackUri the request's operationCallbackUri, else null
 */
public record CallOperation(
    String name,
    String apiVersion,
    String operationContext,
    String target,
    String transferee,
    Map<String, String> sipHeaders,
    Map<String, String> voipHeaders,
    String operationCallbackUri,
    Instant time) {

    public CallOperation {
        sipHeaders = Map.copyOf(sipHeaders);
        voipHeaders = Map.copyOf(voipHeaders);
    }
}
