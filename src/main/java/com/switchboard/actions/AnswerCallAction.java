package com.switchboard.actions;

import com.switchboard.acs.CallAutomationGateway;
import com.switchboard.acs.CallInfo;
import com.switchboard.acs.RequestKey;
import com.switchboard.callbacks.CallbackUrl;
import com.switchboard.callbacks.CallbackUrls;
import com.switchboard.correlation.CallOwnership;
import org.springframework.stereotype.Component;

/**
 * Answer ({@code ${answerCall}}): takes an incoming call. ACS rings for about 30 seconds; answering a
 * context that has expired fails with ACS's answer as the incident message.
 *
 * <p>Input: {@code incomingCallContext}. Outputs: {@code callConnectionId}, {@code serverCallId},
 * {@code correlationId}, {@code callState}. Then wait for CallConnected or AnswerFailed.
 */
@Component("answerCall")
class AnswerCallAction extends CallAction {

    private final CallAutomationGateway acs;
    private final CallOwnership ownership;
    private final CallbackUrls callbacks;

    AnswerCallAction(CallAutomationGateway acs, CallOwnership ownership, CallbackUrls callbacks) {
        super("incomingCallContext");
        this.acs = acs;
        this.ownership = ownership;
        this.callbacks = callbacks;
    }

    @Override
    protected void perform(ActionContext action) {
        RequestKey key = action.requestKey();
        CallbackUrl callback = callbacks.forCall(action.processInstanceId(), key.id().toString());
        CallInfo call = acs.answer(action.text("incomingCallContext"), callback.url(),
                action.operationContext(), key);
        ownership.register(call.callConnectionId(), action.processInstanceId(), callback.callKey());
        action.output("callConnectionId", call.callConnectionId());
        action.output("serverCallId", call.serverCallId());
        action.output("correlationId", call.correlationId());
        action.output("callState", call.state());
    }
}
