package com.switchboard.actions;

import com.switchboard.acs.CallAutomationGateway;
import com.switchboard.acs.HoldRequest;
import com.switchboard.acs.Party;
import com.switchboard.acs.PlaySource;
import java.util.List;
import org.springframework.stereotype.Component;

/** Hold: puts a participant on hold, with music or silence ({@code ${hold}}). */
@Component("hold")
class HoldAction extends CallAction {

    static final ActionInput<Party> PARTICIPANT = ActionInput.party("participant").required();
    static final ActionInput<List<PlaySource>> HOLD_MUSIC = ActionInput.prompt("holdMusic");
    static final ActionInput<String> VOICE = ActionInput.text("voice");
    static final ActionInput<String> LOCALE = ActionInput.text("locale");

    static final ActionSpec SPEC = ActionSpec.of("hold", "Hold")
            .inputs(CALL_CONNECTION_ID, PARTICIPANT, HOLD_MUSIC, VOICE, LOCALE, OPERATION_CALLBACK_URL)
            .then("HoldFailed");

    private final CallAutomationGateway acs;

    HoldAction(CallAutomationGateway acs) {
        super(SPEC);
        this.acs = acs;
    }

    @Override
    protected void perform(ActionContext action) {
        List<PlaySource> music = action.get(HOLD_MUSIC);
        if (music.size() > 1) {
            throw action.invalid(HOLD_MUSIC.name(), "has " + music.size() + " play sources; hold music is one line");
        }
        acs.hold(new HoldRequest(action.get(CALL_CONNECTION_ID), action.get(PARTICIPANT), music, action.get(VOICE),
                action.get(LOCALE), action.get(OPERATION_CALLBACK_URL), action.operationContext()), action.requestKey());
    }
}
