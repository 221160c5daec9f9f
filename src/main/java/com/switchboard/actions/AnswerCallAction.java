package com.switchboard.actions;

import com.switchboard.acs.AnswerCallRequest;
import com.switchboard.acs.CallAutomationGateway;
import com.switchboard.acs.CallInfo;
import com.switchboard.acs.RequestKey;
import com.switchboard.callbacks.CallbackUrls;
import com.switchboard.correlation.CallOwnership;
import org.springframework.stereotype.Component;

/** Answer ({@code ${answerCall}}): takes the incoming call that started the flow. */
@Component("answerCall")
class AnswerCallAction extends CallMakingAction {

    static final ActionSpec SPEC = ActionSpec.of("answerCall", "Answer")
            .inputs(INCOMING_CALL_CONTEXT, COGNITIVE_SERVICES_ENDPOINT)
            .outputs(CALL_OUTPUTS)
            .then("CallConnected", "AnswerFailed", "ParticipantsUpdated");

    private final CallAutomationGateway acs;

    AnswerCallAction(CallAutomationGateway acs, CallOwnership ownership, CallbackUrls callbacks) {
        super(SPEC, ownership, callbacks);
        this.acs = acs;
    }

    @Override
    protected CallInfo makeCall(ActionContext action, String callbackUrl, RequestKey key) {
        return acs.answer(new AnswerCallRequest(action.get(INCOMING_CALL_CONTEXT), callbackUrl,
                action.operationContext(), action.get(COGNITIVE_SERVICES_ENDPOINT)), key);
    }
}
