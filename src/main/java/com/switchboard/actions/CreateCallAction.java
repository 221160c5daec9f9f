package com.switchboard.actions;

import com.switchboard.acs.CallAutomationGateway;
import com.switchboard.acs.CallInfo;
import com.switchboard.acs.CreateCallRequest;
import com.switchboard.acs.Party;
import com.switchboard.acs.RequestKey;
import com.switchboard.callbacks.CallbackUrls;
import com.switchboard.correlation.CallOwnership;
import java.util.List;
import org.springframework.stereotype.Component;

/** Create call ({@code ${createCall}}): calls one party, or several at once as a group call. */
@Component("createCall")
class CreateCallAction extends CallMakingAction {

    static final ActionInput<List<Party>> TARGETS = ActionInput.parties("targets").required();

    static final ActionSpec SPEC = ActionSpec.of("createCall", "Create call")
            .inputs(TARGETS, CALLER_ID, SOURCE_DISPLAY_NAME, COGNITIVE_SERVICES_ENDPOINT)
            .outputs(CALL_OUTPUTS)
            .then("CallConnected", "CreateCallFailed", "ParticipantsUpdated");

    private final CallAutomationGateway acs;

    CreateCallAction(CallAutomationGateway acs, CallOwnership ownership, CallbackUrls callbacks) {
        super(SPEC, ownership, callbacks);
        this.acs = acs;
    }

    @Override
    protected CallInfo makeCall(ActionContext action, String callbackUrl, RequestKey key) {
        List<Party> targets = action.get(TARGETS);
        return acs.createCall(new CreateCallRequest(targets, action.callerIdFor(targets, CALLER_ID),
                action.get(SOURCE_DISPLAY_NAME), callbackUrl, action.operationContext(),
                action.get(COGNITIVE_SERVICES_ENDPOINT)), key);
    }
}
