package com.switchboard.actions;

import com.switchboard.acs.CallAutomationGateway;
import java.util.Set;
import org.springframework.stereotype.Component;

/**
 * Reject ({@code ${rejectCall}}): declines an incoming call.
 *
 * <p>Inputs: {@code incomingCallContext}, {@code reason} ({@code none}, the default, {@code busy} or
 * {@code forbidden}). No events follow.
 */
@Component("rejectCall")
class RejectCallAction extends CallAction {

    private static final Set<String> REASONS = Set.of("none", "busy", "forbidden");

    private final CallAutomationGateway acs;

    RejectCallAction(CallAutomationGateway acs) {
        super("incomingCallContext");
        this.acs = acs;
    }

    @Override
    protected void perform(ActionContext action) {
        String reason = action.optionalText("reason") == null ? "none" : action.optionalText("reason");
        if (!REASONS.contains(reason)) {
            throw action.invalid("reason", "'" + reason + "' is none of none, busy, forbidden");
        }
        acs.reject(action.text("incomingCallContext"), reason, action.requestKey());
    }
}
