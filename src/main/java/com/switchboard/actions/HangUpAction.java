package com.switchboard.actions;

import com.switchboard.acs.CallAutomationGateway;
import com.switchboard.acs.HangUpRequest;
import org.springframework.stereotype.Component;

/**
 * Hang up ({@code ${hangUp}}): leaves the call, or ends it for everyone. A call that has already ended is what
 * hanging up wants: the step then sets {@code callState} to disconnected instead of failing.
 */
@Component("hangUp")
class HangUpAction extends CallAction {

    static final ActionInput<Boolean> FOR_EVERYONE = ActionInput.flag("forEveryone", false);

    static final ActionSpec SPEC = ActionSpec.of("hangUp", "Hang up")
            .inputs(CALL_CONNECTION_ID, FOR_EVERYONE)
            .outputs("callState")
            .then("CallDisconnected");

    private final CallAutomationGateway acs;

    HangUpAction(CallAutomationGateway acs) {
        super(SPEC);
        this.acs = acs;
    }

    @Override
    protected void perform(ActionContext action) {
        boolean callStillThere = acs.hangUp(new HangUpRequest(action.get(CALL_CONNECTION_ID),
                action.get(FOR_EVERYONE)), action.requestKey());
        if (!callStillThere) {
            action.output("callState", "disconnected");
        }
    }
}
