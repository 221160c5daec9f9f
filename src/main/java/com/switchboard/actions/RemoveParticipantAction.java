package com.switchboard.actions;

import com.switchboard.acs.CallAutomationGateway;
import com.switchboard.acs.Party;
import com.switchboard.correlation.PendingOperations;
import org.springframework.stereotype.Component;

/**
 * Remove participant ({@code ${removeParticipant}}): takes a party out of the call.
 *
 * <p>Inputs: {@code callConnectionId}, {@code participant}, {@code operationCallbackUrl}. Then wait for
 * RemoveParticipantSucceeded or RemoveParticipantFailed.
 */
@Component("removeParticipant")
class RemoveParticipantAction extends CallAction {

    private final CallAutomationGateway acs;
    private final PendingOperations pending;

    RemoveParticipantAction(CallAutomationGateway acs, PendingOperations pending) {
        super("callConnectionId", "participant");
        this.acs = acs;
        this.pending = pending;
    }

    @Override
    protected void perform(ActionContext action) {
        String callConnectionId = action.text("callConnectionId");
        Party participant = action.party("participant");
        String operationCallbackUrl = action.optionalUrl("operationCallbackUrl");
        if (operationCallbackUrl == null) {
            pending.record(callConnectionId, action.operationContext(), PendingOperations.REMOVE_PARTICIPANT,
                    participant.rawId(), action.processInstanceId());
        }
        acs.removeParticipant(callConnectionId, participant, operationCallbackUrl, action.operationContext(),
                action.requestKey());
    }
}
