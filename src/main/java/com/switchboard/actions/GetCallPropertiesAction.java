package com.switchboard.actions;

import com.switchboard.acs.CallAutomationGateway;
import com.switchboard.acs.CallInfo;
import org.springframework.stereotype.Component;

/** Get call properties ({@code ${getCallProperties}}): the call's state and ids as ACS has them now. */
@Component("getCallProperties")
class GetCallPropertiesAction extends CallAction {

    static final ActionSpec SPEC = ActionSpec.of("getCallProperties", "Get call properties")
            .inputs(CALL_CONNECTION_ID)
            .outputs("callState", "serverCallId", "correlationId");

    private final CallAutomationGateway acs;

    GetCallPropertiesAction(CallAutomationGateway acs) {
        super(SPEC);
        this.acs = acs;
    }

    @Override
    protected void perform(ActionContext action) {
        CallInfo call = acs.getCall(action.get(CALL_CONNECTION_ID));
        action.output("callState", call.state());
        action.output("serverCallId", call.serverCallId());
        action.output("correlationId", call.correlationId());
    }
}
