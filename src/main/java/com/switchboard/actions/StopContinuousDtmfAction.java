package com.switchboard.actions;

import com.switchboard.acs.CallAutomationGateway;
import com.switchboard.acs.ContinuousDtmfRequest;
import com.switchboard.acs.Party;
import org.springframework.stereotype.Component;

/** Stop continuous DTMF: stops reporting the participant's keys ({@code ${stopContinuousDtmf}}). */
@Component("stopContinuousDtmf")
class StopContinuousDtmfAction extends CallAction {

    static final ActionInput<Party> PARTICIPANT = ActionInput.party("participant").required();

    static final ActionSpec SPEC = ActionSpec.of("stopContinuousDtmf", "Stop continuous DTMF")
            .inputs(CALL_CONNECTION_ID, PARTICIPANT, OPERATION_CALLBACK_URL)
            .then("ContinuousDtmfRecognitionStopped");

    private final CallAutomationGateway acs;

    StopContinuousDtmfAction(CallAutomationGateway acs) {
        super(SPEC);
        this.acs = acs;
    }

    @Override
    protected void perform(ActionContext action) {
        acs.stopContinuousDtmf(new ContinuousDtmfRequest(action.get(CALL_CONNECTION_ID), action.get(PARTICIPANT),
                action.get(OPERATION_CALLBACK_URL), action.operationContext()), action.requestKey());
    }
}
