package com.switchboard.actions;

import com.switchboard.acs.CallAutomationGateway;
import com.switchboard.acs.CancelAllMediaRequest;
import org.springframework.stereotype.Component;

/** Cancel all media: stops every play and recognize in the call ({@code ${cancelAllMedia}}). */
@Component("cancelAllMedia")
class CancelAllMediaAction extends CallAction {

    static final ActionSpec SPEC = ActionSpec.of("cancelAllMedia", "Cancel all media")
            .inputs(CALL_CONNECTION_ID, OPERATION_CALLBACK_URL)
            .then("PlayCanceled", "RecognizeCanceled");

    private final CallAutomationGateway acs;

    CancelAllMediaAction(CallAutomationGateway acs) {
        super(SPEC);
        this.acs = acs;
    }

    @Override
    protected void perform(ActionContext action) {
        acs.cancelAllMedia(new CancelAllMediaRequest(action.get(CALL_CONNECTION_ID), action.get(OPERATION_CALLBACK_URL),
                action.operationContext()), action.requestKey());
    }
}
