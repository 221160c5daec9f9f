package com.switchboard.actions;

import com.switchboard.acs.CallAutomationGateway;
import com.switchboard.acs.Party;
import com.switchboard.acs.UnholdRequest;
import org.springframework.stereotype.Component;

/** Unhold: takes a participant off hold ({@code ${unhold}}). */
@Component("unhold")
class UnholdAction extends CallAction {

    static final ActionInput<Party> PARTICIPANT = ActionInput.party("participant").required();

    static final ActionSpec SPEC = ActionSpec.of("unhold", "Unhold")
            .inputs(CALL_CONNECTION_ID, PARTICIPANT, OPERATION_CALLBACK_URL);

    private final CallAutomationGateway acs;

    UnholdAction(CallAutomationGateway acs) {
        super(SPEC);
        this.acs = acs;
    }

    @Override
    protected void perform(ActionContext action) {
        acs.unhold(new UnholdRequest(action.get(CALL_CONNECTION_ID), action.get(PARTICIPANT),
                action.get(OPERATION_CALLBACK_URL), action.operationContext()), action.requestKey());
    }
}
