package com.switchboard.actions;

import com.switchboard.acs.CallAutomationGateway;
import com.switchboard.acs.CallInfo;
import com.switchboard.acs.RequestKey;
import com.switchboard.acs.CallLocator;
import com.switchboard.callbacks.CallbackUrl;
import com.switchboard.callbacks.CallbackUrls;
import com.switchboard.correlation.CallOwnership;
import org.springframework.stereotype.Component;

/**
 * Connect ({@code ${connectCall}}): joins Switchboard to a call that already exists.
 *
 * <p>Inputs: {@code locatorKind} ({@code serverCall}, {@code groupCall} or {@code room}), {@code locatorId}
 * (the server call id, group call id or room id). Outputs: {@code callConnectionId}, {@code serverCallId},
 * {@code correlationId}, {@code callState}. Then wait for CallConnected or ConnectFailed.
 */
@Component("connectCall")
class ConnectCallAction extends CallAction {

    private final CallAutomationGateway acs;
    private final CallOwnership ownership;
    private final CallbackUrls callbacks;

    ConnectCallAction(CallAutomationGateway acs, CallOwnership ownership, CallbackUrls callbacks) {
        super("locatorKind", "locatorId");
        this.acs = acs;
        this.ownership = ownership;
        this.callbacks = callbacks;
    }

    @Override
    protected void perform(ActionContext action) {
        RequestKey key = action.requestKey();
        CallbackUrl callback = callbacks.forCall(action.processInstanceId(), key.id().toString());
        CallLocator.Kind kind = switch (action.text("locatorKind")) {
            case "serverCall" -> CallLocator.Kind.SERVER_CALL;
            case "groupCall" -> CallLocator.Kind.GROUP_CALL;
            case "room" -> CallLocator.Kind.ROOM;
            default -> throw action.invalid("locatorKind", "'" + action.text("locatorKind")
                    + "' is none of serverCall, groupCall, room");
        };
        CallInfo call = acs.connect(new CallLocator(kind, action.text("locatorId")),
                callback.url(), action.operationContext(), key);
        ownership.register(call.callConnectionId(), action.processInstanceId(), callback.callKey());
        action.output("callConnectionId", call.callConnectionId());
        action.output("serverCallId", call.serverCallId());
        action.output("correlationId", call.correlationId());
        action.output("callState", call.state());
    }
}
