package com.switchboard.actions;

import com.switchboard.acs.CallAutomationGateway;
import org.springframework.stereotype.Component;

/**
 * Hang up ({@code ${hangUp}}): leaves the call, or ends it for everyone.
 *
 * <p>Inputs: {@code callConnectionId}, {@code forEveryone} (true ends the call for all participants;
 * false, the default, only takes Switchboard out of it). A call that has already ended counts as hung
 * up. Then wait for CallDisconnected.
 */
@Component("hangUp")
class HangUpAction extends CallAction {

    private final CallAutomationGateway acs;

    HangUpAction(CallAutomationGateway acs) {
        super("callConnectionId");
        this.acs = acs;
    }

    @Override
    protected void perform(ActionContext action) {
        boolean callStillThere = acs.hangUp(action.text("callConnectionId"), action.flag("forEveryone", false),
                action.requestKey());
        if (!callStillThere) {
            action.output("callState", "disconnected");
        }
    }
}
