package com.switchboard.actions;

import com.switchboard.acs.CallAutomationGateway;
import com.switchboard.acs.CustomCallingContext;
import com.switchboard.acs.Party;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * Transfer ({@code ${transferCall}}): hands the call to another party.
 *
 * <p>Inputs: {@code callConnectionId}, {@code transferTarget} (phone number or user id), {@code transferee}
 * (in a group call: the participant to transfer; empty in a 1:1 call, where Switchboard leaves the call),
 * {@code callerId} (required for a phone number target), {@code customHeaders}, {@code operationCallbackUrl}.
 * Then wait for CallTransferAccepted or CallTransferFailed.
 */
@Component("transferCall")
class TransferCallAction extends CallAction {

    private final CallAutomationGateway acs;

    TransferCallAction(CallAutomationGateway acs) {
        super("callConnectionId", "transferTarget");
        this.acs = acs;
    }

    @Override
    protected void perform(ActionContext action) {
        String callConnectionId = action.text("callConnectionId");
        Party target = action.party("transferTarget");
        String transferee = action.optionalText("transferee");
        Party callerId = action.callerIdFor(List.of(target), "callerId");
        acs.transfer(callConnectionId, target, transferee == null ? null : action.party("transferee"), callerId,
                CustomCallingContext.forParty(target, action.optionalHeaders("customHeaders")),
                action.optionalUrl("operationCallbackUrl"), action.operationContext(), action.requestKey());
    }
}
