package com.switchboard.actions;

import com.switchboard.acs.CallAutomationGateway;
import com.switchboard.acs.ContinuousDtmfRequest;
import com.switchboard.acs.Party;
import org.springframework.stereotype.Component;

/** Start continuous DTMF: reports each key the participant presses as ContinuousDtmfRecognitionToneReceived, which writes lastTone ({@code ${startContinuousDtmf}}). */
@Component("startContinuousDtmf")
class StartContinuousDtmfAction extends CallAction {

    static final ActionInput<Party> PARTICIPANT = ActionInput.party("participant").required();

    static final ActionSpec SPEC = ActionSpec.of("startContinuousDtmf", "Start continuous DTMF")
            .inputs(CALL_CONNECTION_ID, PARTICIPANT, OPERATION_CALLBACK_URL)
            .then("ContinuousDtmfRecognitionToneReceived", "ContinuousDtmfRecognitionToneFailed",
                    "ContinuousDtmfRecognitionStopped");

    private final CallAutomationGateway acs;

    StartContinuousDtmfAction(CallAutomationGateway acs) {
        super(SPEC);
        this.acs = acs;
    }

    @Override
    protected void perform(ActionContext action) {
        acs.startContinuousDtmf(new ContinuousDtmfRequest(action.get(CALL_CONNECTION_ID), action.get(PARTICIPANT),
                action.get(OPERATION_CALLBACK_URL), action.operationContext()), action.requestKey());
    }
}
