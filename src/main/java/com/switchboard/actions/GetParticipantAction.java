package com.switchboard.actions;

import com.switchboard.acs.CallAutomationGateway;
import com.switchboard.acs.ParticipantInfo;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * Get participant ({@code ${getParticipant}}): looks one party up in the call.
 *
 * <p>Inputs: {@code callConnectionId}, {@code participant}. Outputs: {@code participantInCall} (true or
 * false) and {@code participantMuted}.
 */
@Component("getParticipant")
class GetParticipantAction extends CallAction {

    private final CallAutomationGateway acs;

    GetParticipantAction(CallAutomationGateway acs) {
        super("callConnectionId", "participant");
        this.acs = acs;
    }

    @Override
    protected void perform(ActionContext action) {
        Optional<ParticipantInfo> found = acs.getParticipant(action.text("callConnectionId"), action.party("participant"));
        action.output("participantInCall", found.isPresent());
        action.output("participantMuted", found.map(ParticipantInfo::muted).orElse(false));
    }
}
