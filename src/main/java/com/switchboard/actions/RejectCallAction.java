package com.switchboard.actions;

import com.switchboard.acs.CallAutomationGateway;
import com.switchboard.acs.RejectCallRequest;
import org.springframework.stereotype.Component;

/** Reject ({@code ${rejectCall}}): declines an incoming call. No events follow. */
@Component("rejectCall")
class RejectCallAction extends CallAction {

    static final ActionInput<String> REASON = ActionInput.choice("reason", "none", "busy", "forbidden");

    static final ActionSpec SPEC = ActionSpec.of("rejectCall", "Reject")
            .inputs(INCOMING_CALL_CONTEXT, REASON);

    private final CallAutomationGateway acs;

    RejectCallAction(CallAutomationGateway acs) {
        super(SPEC);
        this.acs = acs;
    }

    @Override
    protected void perform(ActionContext action) {
        acs.reject(new RejectCallRequest(action.get(INCOMING_CALL_CONTEXT), action.get(REASON)), action.requestKey());
    }
}
