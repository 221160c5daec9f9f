package com.switchboard.actions;

import com.switchboard.acs.CallAutomationGateway;
import com.switchboard.acs.CustomCallingContext;
import com.switchboard.acs.Party;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * Add participant ({@code ${addParticipant}}): invites a party into the call.
 *
 * <p>Inputs: {@code callConnectionId}, {@code participant} (phone number or user id), {@code callerId}
 * (required for a phone number), {@code sourceDisplayName}, {@code invitationTimeout} (1..180 seconds),
 * {@code customHeaders} (SIP headers for a phone number, VoIP headers for a user), {@code operationCallbackUrl}.
 * Output: {@code invitationId}, to cancel the invitation. Then wait for AddParticipantSucceeded or
 * AddParticipantFailed.
 */
@Component("addParticipant")
class AddParticipantAction extends CallAction {

    private final CallAutomationGateway acs;

    AddParticipantAction(CallAutomationGateway acs) {
        super("callConnectionId", "participant");
        this.acs = acs;
    }

    @Override
    protected void perform(ActionContext action) {
        String callConnectionId = action.text("callConnectionId");
        Party participant = action.party("participant");
        Party callerId = action.callerIdFor(List.of(participant), "callerId");
        String invitationId = acs.addParticipant(callConnectionId, participant, callerId,
                action.optionalText("sourceDisplayName"), action.optionalSeconds("invitationTimeout", 1, 180),
                CustomCallingContext.forParty(participant, action.optionalHeaders("customHeaders")),
                action.optionalUrl("operationCallbackUrl"), action.operationContext(), action.requestKey());
        action.output("invitationId", invitationId);
    }
}
