package com.switchboard.actions;

import com.switchboard.acs.CallAutomationGateway;
import com.switchboard.acs.CustomCallingContext;
import com.switchboard.acs.Party;
import com.switchboard.acs.TransferCallRequest;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * Transfer ({@code ${transferCall}}): hands the call to another party. In a 1:1 call, without a transferee,
 * Switchboard leaves; in a group call the transferee is the participant who moves.
 */
@Component("transferCall")
class TransferCallAction extends CallAction {

    static final ActionInput<Party> TRANSFER_TARGET = ActionInput.party("transferTarget").required();
    static final ActionInput<Party> TRANSFEREE = ActionInput.party("transferee");

    static final ActionSpec SPEC = ActionSpec.of("transferCall", "Transfer")
            .inputs(CALL_CONNECTION_ID, TRANSFER_TARGET, TRANSFEREE, CALLER_ID, CUSTOM_HEADERS, OPERATION_CALLBACK_URL)
            .then("CallTransferAccepted", "CallTransferFailed");

    private final CallAutomationGateway acs;

    TransferCallAction(CallAutomationGateway acs) {
        super(SPEC);
        this.acs = acs;
    }

    @Override
    protected void perform(ActionContext action) {
        Party target = action.get(TRANSFER_TARGET);
        acs.transfer(new TransferCallRequest(action.get(CALL_CONNECTION_ID), target, action.get(TRANSFEREE),
                action.callerIdFor(List.of(target), CALLER_ID),
                CustomCallingContext.forParty(target, action.get(CUSTOM_HEADERS)),
                action.get(OPERATION_CALLBACK_URL), action.operationContext()), action.requestKey());
    }
}
