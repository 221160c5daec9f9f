package com.switchboard.actions;

import com.switchboard.acs.CallAutomationGateway;
import com.switchboard.acs.CallInfo;
import com.switchboard.acs.RequestKey;
import com.switchboard.acs.Party;
import com.switchboard.callbacks.CallbackUrl;
import com.switchboard.callbacks.CallbackUrls;
import com.switchboard.correlation.CallOwnership;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * Create call ({@code ${createCall}}): calls one party, or several at once as a group call.
 *
 * <p>Inputs: {@code targets} (one or more phone numbers / user ids, comma-separated), {@code callerId}
 * (required when a phone number is called), {@code sourceDisplayName} (optional).
 * Outputs: {@code callConnectionId}, {@code serverCallId}, {@code correlationId}, {@code callState}.
 * Then wait for CallConnected or CreateCallFailed.
 */
@Component("createCall")
class CreateCallAction extends CallAction {

    private final CallAutomationGateway acs;
    private final CallOwnership ownership;
    private final CallbackUrls callbacks;

    CreateCallAction(CallAutomationGateway acs, CallOwnership ownership, CallbackUrls callbacks) {
        super("targets");
        this.acs = acs;
        this.ownership = ownership;
        this.callbacks = callbacks;
    }

    @Override
    protected void perform(ActionContext action) {
        RequestKey key = action.requestKey();
        CallbackUrl callback = callbacks.forCall(action.processInstanceId(), key.id().toString());
        List<Party> targets = action.parties("targets");
        Party callerId = action.callerIdFor(targets, "callerId");
        CallInfo call = acs.createCall(targets, callerId, action.optionalText("sourceDisplayName"),
                callback.url(), action.operationContext(), key);
        ownership.register(call.callConnectionId(), action.processInstanceId(), callback.callKey());
        action.output("callConnectionId", call.callConnectionId());
        action.output("serverCallId", call.serverCallId());
        action.output("correlationId", call.correlationId());
        action.output("callState", call.state());
    }
}
