package com.switchboard.actions;

import com.switchboard.acs.CallAutomationGateway;
import com.switchboard.acs.Party;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * Redirect ({@code ${redirectCall}}): sends an incoming call to someone else without answering it.
 *
 * <p>Inputs: {@code incomingCallContext}, {@code target} (phone number or user id), {@code callerId}
 * (required when the target is a phone number). No events follow: Switchboard has no part in the call
 * afterwards.
 */
@Component("redirectCall")
class RedirectCallAction extends CallAction {

    private final CallAutomationGateway acs;

    RedirectCallAction(CallAutomationGateway acs) {
        super("incomingCallContext", "target");
        this.acs = acs;
    }

    @Override
    protected void perform(ActionContext action) {
        Party target = action.party("target");
        acs.redirect(action.text("incomingCallContext"), target, action.callerIdFor(List.of(target), "callerId"),
                action.requestKey());
    }
}
