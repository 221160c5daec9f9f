package com.switchboard.actions;

import com.switchboard.acs.CallAutomationGateway;
import com.switchboard.acs.Party;
import com.switchboard.acs.RedirectCallRequest;
import java.util.List;
import org.springframework.stereotype.Component;

/** Redirect ({@code ${redirectCall}}): sends an incoming call elsewhere, unanswered. No events follow. */
@Component("redirectCall")
class RedirectCallAction extends CallAction {

    static final ActionInput<Party> TARGET = ActionInput.party("target").required();

    static final ActionSpec SPEC = ActionSpec.of("redirectCall", "Redirect")
            .inputs(INCOMING_CALL_CONTEXT, TARGET, CALLER_ID);

    private final CallAutomationGateway acs;

    RedirectCallAction(CallAutomationGateway acs) {
        super(SPEC);
        this.acs = acs;
    }

    @Override
    protected void perform(ActionContext action) {
        Party target = action.get(TARGET);
        acs.redirect(new RedirectCallRequest(action.get(INCOMING_CALL_CONTEXT), target,
                action.callerIdFor(List.of(target), CALLER_ID)), action.requestKey());
    }
}
