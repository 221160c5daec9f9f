package com.switchboard.actions;

import com.switchboard.acs.CallAutomationGateway;
import com.switchboard.acs.CancelAddParticipantRequest;
import org.springframework.stereotype.Component;

/** Cancel add participant ({@code ${cancelAddParticipant}}): withdraws an invitation that is still ringing. */
@Component("cancelAddParticipant")
class CancelAddParticipantAction extends CallAction {

    static final ActionInput<String> INVITATION_ID =
            ActionInput.text("invitationId").required().preset("${invitationId}");

    static final ActionSpec SPEC = ActionSpec.of("cancelAddParticipant", "Cancel add participant")
            .inputs(CALL_CONNECTION_ID, INVITATION_ID, OPERATION_CALLBACK_URL)
            .then("CancelAddParticipantSucceeded", "CancelAddParticipantFailed", "AddParticipantFailed");

    private final CallAutomationGateway acs;

    CancelAddParticipantAction(CallAutomationGateway acs) {
        super(SPEC);
        this.acs = acs;
    }

    @Override
    protected void perform(ActionContext action) {
        acs.cancelAddParticipant(new CancelAddParticipantRequest(action.get(CALL_CONNECTION_ID),
                action.get(INVITATION_ID), action.get(OPERATION_CALLBACK_URL), action.operationContext()),
                action.requestKey());
    }
}
