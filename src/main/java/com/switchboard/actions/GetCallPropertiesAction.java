package com.switchboard.actions;

import com.switchboard.acs.CallAutomationGateway;
import com.switchboard.acs.CallInfo;
import org.springframework.stereotype.Component;

/**
 * Get call properties ({@code ${getCallProperties}}): what ACS says about the call now.
 *
 * <p>Input: {@code callConnectionId}. Outputs: {@code callState} (connecting, connected, transferring,
 * disconnecting, disconnected...), {@code serverCallId}, {@code correlationId}.
 */
@Component("getCallProperties")
class GetCallPropertiesAction extends CallAction {

    private final CallAutomationGateway acs;

    GetCallPropertiesAction(CallAutomationGateway acs) {
        super("callConnectionId");
        this.acs = acs;
    }

    @Override
    protected void perform(ActionContext action) {
        CallInfo call = acs.getCall(action.text("callConnectionId"));
        action.output("callState", call.state());
        action.output("serverCallId", call.serverCallId());
        action.output("correlationId", call.correlationId());
    }
}
