package com.switchboard.actions;

import com.switchboard.acs.CallAutomationGateway;
import com.switchboard.acs.Party;
import com.switchboard.acs.SendDtmfTonesRequest;
import org.springframework.stereotype.Component;

/** Send DTMF tones: sends keys to a participant on a phone number ({@code ${sendDtmfTones}}). */
@Component("sendDtmfTones")
class SendDtmfTonesAction extends CallAction {

    static final ActionInput<Party> PARTICIPANT = ActionInput.party("participant").required();
    static final ActionInput<String> TONES = ActionInput.tones("tones", 1, 18).required();

    static final ActionSpec SPEC = ActionSpec.of("sendDtmfTones", "Send DTMF tones")
            .inputs(CALL_CONNECTION_ID, PARTICIPANT, TONES, OPERATION_CALLBACK_URL)
            .then("SendDtmfTonesCompleted", "SendDtmfTonesFailed");

    private final CallAutomationGateway acs;

    SendDtmfTonesAction(CallAutomationGateway acs) {
        super(SPEC);
        this.acs = acs;
    }

    @Override
    protected void perform(ActionContext action) {
        Party participant = action.get(PARTICIPANT);
        if (!participant.isPhoneNumber()) {
            throw action.invalid(PARTICIPANT.name(), participant.rawId() + " is no phone number: tones are sent to "
                    + "a participant on a phone number");
        }
        acs.sendDtmfTones(new SendDtmfTonesRequest(action.get(CALL_CONNECTION_ID), participant, action.get(TONES),
                action.get(OPERATION_CALLBACK_URL), action.operationContext()), action.requestKey());
    }
}
