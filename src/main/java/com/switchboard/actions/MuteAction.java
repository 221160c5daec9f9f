package com.switchboard.actions;

import com.switchboard.acs.CallAutomationGateway;
import com.switchboard.acs.MuteRequest;
import com.switchboard.acs.Party;
import org.springframework.stereotype.Component;

/** Mute: mutes an ACS user in the call ({@code ${mute}}). */
@Component("mute")
class MuteAction extends CallAction {

    static final ActionInput<Party> PARTICIPANT = ActionInput.party("participant").required();

    static final ActionSpec SPEC = ActionSpec.of("mute", "Mute").inputs(CALL_CONNECTION_ID, PARTICIPANT);

    private final CallAutomationGateway acs;

    MuteAction(CallAutomationGateway acs) {
        super(SPEC);
        this.acs = acs;
    }

    @Override
    protected void perform(ActionContext action) {
        acs.mute(new MuteRequest(action.get(CALL_CONNECTION_ID), action.get(PARTICIPANT), action.operationContext()),
                action.requestKey());
    }
}
