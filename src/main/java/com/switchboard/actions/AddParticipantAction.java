package com.switchboard.actions;

import com.switchboard.acs.AddParticipantRequest;
import com.switchboard.acs.CallAutomationGateway;
import com.switchboard.acs.CustomCallingContext;
import com.switchboard.acs.Party;
import com.switchboard.correlation.PendingOperations;
import java.time.Duration;
import java.util.List;
import org.springframework.stereotype.Component;

/** Add participant ({@code ${addParticipant}}): invites a party into the call. */
@Component("addParticipant")
class AddParticipantAction extends CallAction {

    static final ActionInput<Party> PARTICIPANT = ActionInput.party("participant").required();
    static final ActionInput<Duration> INVITATION_TIMEOUT = ActionInput.seconds("invitationTimeout", 1, 180);

    static final ActionSpec SPEC = ActionSpec.of("addParticipant", "Add participant")
            .inputs(CALL_CONNECTION_ID, PARTICIPANT, CALLER_ID, SOURCE_DISPLAY_NAME, INVITATION_TIMEOUT, CUSTOM_HEADERS,
                    OPERATION_CALLBACK_URL)
            .outputs("invitationId")
            .then("AddParticipantSucceeded", "AddParticipantFailed");

    private final CallAutomationGateway acs;
    private final PendingOperations pending;

    AddParticipantAction(CallAutomationGateway acs, PendingOperations pending) {
        super(SPEC);
        this.acs = acs;
        this.pending = pending;
    }

    @Override
    protected void perform(ActionContext action) {
        String callConnectionId = action.get(CALL_CONNECTION_ID);
        Party participant = action.get(PARTICIPANT);
        AddParticipantRequest request = new AddParticipantRequest(callConnectionId, participant,
                action.callerIdFor(List.of(participant), CALLER_ID), action.get(SOURCE_DISPLAY_NAME),
                action.get(INVITATION_TIMEOUT), CustomCallingContext.forParty(participant, action.get(CUSTOM_HEADERS)),
                action.get(OPERATION_CALLBACK_URL), action.operationContext());
        if (request.operationCallbackUrl() == null) {
            pending.record(callConnectionId, request.operationContext(), PendingOperations.ADD_PARTICIPANT,
                    participant.rawId(), action.processInstanceId());
        }
        action.output("invitationId", acs.addParticipant(request, action.requestKey()));
    }
}
