package com.switchboard.actions;

import com.switchboard.acs.CallAutomationGateway;
import com.switchboard.acs.CallInfo;
import com.switchboard.acs.CallLocator;
import com.switchboard.acs.ConnectCallRequest;
import com.switchboard.acs.RequestKey;
import com.switchboard.callbacks.CallbackUrls;
import com.switchboard.correlation.CallOwnership;
import org.springframework.stereotype.Component;

/** Connect ({@code ${connectCall}}): joins Switchboard to an existing call, group call or room. */
@Component("connectCall")
class ConnectCallAction extends CallMakingAction {

    static final ActionInput<String> LOCATOR_KIND =
            ActionInput.choice("locatorKind", "serverCall", "groupCall", "room").required();
    static final ActionInput<String> LOCATOR_ID = ActionInput.text("locatorId").required();

    static final ActionSpec SPEC = ActionSpec.of("connectCall", "Connect")
            .inputs(LOCATOR_KIND, LOCATOR_ID, COGNITIVE_SERVICES_ENDPOINT)
            .outputs(CALL_OUTPUTS)
            .then("CallConnected", "ConnectFailed", "ParticipantsUpdated");

    private final CallAutomationGateway acs;

    ConnectCallAction(CallAutomationGateway acs, CallOwnership ownership, CallbackUrls callbacks) {
        super(SPEC, ownership, callbacks);
        this.acs = acs;
    }

    @Override
    protected CallInfo makeCall(ActionContext action, String callbackUrl, RequestKey key) {
        CallLocator.Kind kind = switch (action.get(LOCATOR_KIND)) {
            case "groupCall" -> CallLocator.Kind.GROUP_CALL;
            case "room" -> CallLocator.Kind.ROOM;
            default -> CallLocator.Kind.SERVER_CALL;
        };
        return acs.connect(new ConnectCallRequest(new CallLocator(kind, action.get(LOCATOR_ID)), callbackUrl,
                action.operationContext(), action.get(COGNITIVE_SERVICES_ENDPOINT)), key);
    }
}
