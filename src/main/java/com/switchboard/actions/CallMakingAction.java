package com.switchboard.actions;

import com.switchboard.acs.CallInfo;
import com.switchboard.acs.RequestKey;
import com.switchboard.callbacks.CallbackUrl;
import com.switchboard.callbacks.CallbackUrls;
import com.switchboard.correlation.CallOwnership;
import java.util.List;

/**
 * An action that makes Switchboard a party of a call (create, answer, connect). Here, once for all of them: the call's
 * callback URL is the flow's own, signed; the flow is registered as the call's owner in the step's transaction, so
 * that the call's events reach it; the call's ids are written as the flow's variables. A new action that makes a call
 * extends this class and cannot forget any of it.
 */
abstract class CallMakingAction extends CallAction {

    static final String[] CALL_OUTPUTS = {"callConnectionId", "serverCallId", "correlationId", "callState"};
    /**
     * The Azure AI services endpoint that text to speech and speech recognition on this call use; empty: the setting
     * {@code switchboard.acs.cognitive-services-endpoint}.
     */
    static final ActionInput<String> COGNITIVE_SERVICES_ENDPOINT = ActionInput.url("cognitiveServicesEndpoint");

    private final CallOwnership ownership;
    private final CallbackUrls callbacks;

    protected CallMakingAction(ActionSpec spec, CallOwnership ownership, CallbackUrls callbacks) {
        super(spec);
        if (!spec.outputs().containsAll(List.of(CALL_OUTPUTS))) {
            throw new IllegalArgumentException(spec.bean() + " makes a call and must declare the outputs "
                    + String.join(", ", CALL_OUTPUTS));
        }
        this.ownership = ownership;
        this.callbacks = callbacks;
    }

    @Override
    protected final void perform(ActionContext action) {
        RequestKey key = action.requestKey();
        CallbackUrl callback = callbacks.forCall(action.processInstanceId(), key.id().toString());
        CallInfo call = makeCall(action, callback.url(), key);
        ownership.register(call.callConnectionId(), action.processInstanceId(), callback.callKey());
        action.output("callConnectionId", call.callConnectionId());
        action.output("serverCallId", call.serverCallId());
        action.output("correlationId", call.correlationId());
        action.output("callState", call.state());
    }

    /**
     * Asks ACS for the call.
     *
     * @param callbackUrl where ACS must post the call's events
     * @param key         the request key of this step, the same on every retry
     */
    protected abstract CallInfo makeCall(ActionContext action, String callbackUrl, RequestKey key);
}
