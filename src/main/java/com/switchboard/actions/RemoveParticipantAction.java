package com.switchboard.actions;

import com.switchboard.acs.CallAutomationGateway;
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

    RemoveParticipantAction(CallAutomationGateway acs) {
        super("callConnectionId", "participant");
        this.acs = acs;
    }

    @Override
    protected void perform(ActionContext action) {
        acs.removeParticipant(action.text("callConnectionId"), action.party("participant"),
                action.optionalUrl("operationCallbackUrl"), action.operationContext(), action.requestKey());
    }
}
