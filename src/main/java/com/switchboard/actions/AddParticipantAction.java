package com.switchboard.actions;

import com.switchboard.acs.CallAutomationGateway;
import com.switchboard.acs.CustomCallingContext;
import com.switchboard.acs.Party;
import com.switchboard.correlation.PendingOperations;
import java.time.Duration;
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
    private final PendingOperations pending;

    AddParticipantAction(CallAutomationGateway acs, PendingOperations pending) {
        super("callConnectionId", "participant");
        this.acs = acs;
        this.pending = pending;
    }

    @Override
    protected void perform(ActionContext action) {
        String callConnectionId = action.text("callConnectionId");
        Party participant = action.party("participant");
        Party callerId = action.callerIdFor(List.of(participant), "callerId");
        Duration invitationTimeout = action.optionalSeconds("invitationTimeout", 1, 180);
        CustomCallingContext headers = CustomCallingContext.forParty(participant, action.optionalHeaders("customHeaders"));
        String operationCallbackUrl = action.optionalUrl("operationCallbackUrl");
        if (operationCallbackUrl == null) {
            pending.record(callConnectionId, action.operationContext(), PendingOperations.ADD_PARTICIPANT,
                    participant.rawId(), action.processInstanceId());
        }
        String invitationId = acs.addParticipant(callConnectionId, participant, callerId,
                action.optionalText("sourceDisplayName"), invitationTimeout, headers, operationCallbackUrl,
                action.operationContext(), action.requestKey());
        action.output("invitationId", invitationId);
    }
}
