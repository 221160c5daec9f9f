package com.switchboard.actions;

import com.switchboard.acs.CallAutomationGateway;
import com.switchboard.acs.Party;
import com.switchboard.acs.RemoveParticipantRequest;
import com.switchboard.correlation.PendingOperations;
import org.springframework.stereotype.Component;

/** Remove participant ({@code ${removeParticipant}}): takes a party out of the call. */
@Component("removeParticipant")
class RemoveParticipantAction extends CallAction {

    static final ActionInput<Party> PARTICIPANT = ActionInput.party("participant").required();

    static final ActionSpec SPEC = ActionSpec.of("removeParticipant", "Remove participant")
            .inputs(CALL_CONNECTION_ID, PARTICIPANT, OPERATION_CALLBACK_URL)
            .then("RemoveParticipantSucceeded", "RemoveParticipantFailed");

    private final CallAutomationGateway acs;
    private final PendingOperations pending;

    RemoveParticipantAction(CallAutomationGateway acs, PendingOperations pending) {
        super(SPEC);
        this.acs = acs;
        this.pending = pending;
    }

    @Override
    protected void perform(ActionContext action) {
        String callConnectionId = action.get(CALL_CONNECTION_ID);
        Party participant = action.get(PARTICIPANT);
        RemoveParticipantRequest request = new RemoveParticipantRequest(callConnectionId, participant,
                action.get(OPERATION_CALLBACK_URL), action.operationContext());
        if (request.operationCallbackUrl() == null) {
            pending.record(callConnectionId, request.operationContext(), PendingOperations.REMOVE_PARTICIPANT,
                    participant.rawId(), action.processInstanceId());
        }
        acs.removeParticipant(request, action.requestKey());
    }
}
