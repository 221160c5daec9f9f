package com.switchboard.actions;

import com.switchboard.acs.CallAutomationGateway;
import org.springframework.stereotype.Component;

/**
 * Cancel add participant ({@code ${cancelAddParticipant}}): withdraws an invitation that has not been
 * answered yet.
 *
 * <p>Inputs: {@code callConnectionId}, {@code invitationId} (the output of Add participant),
 * {@code operationCallbackUrl}. Then wait for CancelAddParticipantSucceeded or CancelAddParticipantFailed;
 * the add itself fails with code 487.
 */
@Component("cancelAddParticipant")
class CancelAddParticipantAction extends CallAction {

    private final CallAutomationGateway acs;

    CancelAddParticipantAction(CallAutomationGateway acs) {
        super("callConnectionId", "invitationId");
        this.acs = acs;
    }

    @Override
    protected void perform(ActionContext action) {
        acs.cancelAddParticipant(action.text("callConnectionId"), action.text("invitationId"),
                action.optionalUrl("operationCallbackUrl"), action.operationContext(), action.requestKey());
    }
}
