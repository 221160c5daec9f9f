package com.switchboard.actions;

import com.switchboard.acs.CallAutomationGateway;
import com.switchboard.acs.ParticipantInfo;
import com.switchboard.acs.Party;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * Get participant ({@code ${getParticipant}}): looks one party up in the call; {@code participantInCall} is true or
 * false.
 */
@Component("getParticipant")
class GetParticipantAction extends CallAction {

    static final ActionInput<Party> PARTICIPANT = ActionInput.party("participant").required();

    static final ActionSpec SPEC = ActionSpec.of("getParticipant", "Get participant")
            .inputs(CALL_CONNECTION_ID, PARTICIPANT)
            .outputs("participantInCall", "participantMuted");

    private final CallAutomationGateway acs;

    GetParticipantAction(CallAutomationGateway acs) {
        super(SPEC);
        this.acs = acs;
    }

    @Override
    protected void perform(ActionContext action) {
        Optional<ParticipantInfo> found = acs.getParticipant(action.get(CALL_CONNECTION_ID), action.get(PARTICIPANT));
        action.output("participantInCall", found.isPresent());
        action.output("participantMuted", found.map(ParticipantInfo::muted).orElse(false));
    }
}
