package com.switchboard.actions;

import com.switchboard.acs.CallAutomationGateway;
import com.switchboard.acs.Party;
import com.switchboard.acs.PlayRequest;
import com.switchboard.acs.PlaySource;
import java.util.List;
import org.springframework.stereotype.Component;

/** Play ({@code ${play}}): plays text, SSML or audio files to some participants of the call, or to everyone. */
@Component("play")
class PlayAction extends CallAction {

    static final ActionInput<List<PlaySource>> PROMPT = ActionInput.prompt("prompt").required();
    static final ActionInput<List<Party>> PLAY_TO = ActionInput.parties("playTo");
    static final ActionInput<String> VOICE = ActionInput.text("voice");
    static final ActionInput<String> LOCALE = ActionInput.text("locale");
    static final ActionInput<Boolean> LOOP = ActionInput.flag("loop", false);
    static final ActionInput<Boolean> INTERRUPT_CURRENT_MEDIA = ActionInput.flag("interruptCurrentMedia", false);

    static final ActionSpec SPEC = ActionSpec.of("play", "Play")
            .inputs(CALL_CONNECTION_ID, PROMPT, PLAY_TO, VOICE, LOCALE, LOOP, INTERRUPT_CURRENT_MEDIA,
                    OPERATION_CALLBACK_URL)
            .then("PlayCompleted", "PlayFailed", "PlayCanceled", "PlayStarted");

    private final CallAutomationGateway acs;

    PlayAction(CallAutomationGateway acs) {
        super(SPEC);
        this.acs = acs;
    }

    @Override
    protected void perform(ActionContext action) {
        acs.play(new PlayRequest(action.get(CALL_CONNECTION_ID), action.get(PROMPT), action.get(PLAY_TO),
                action.get(VOICE), action.get(LOCALE), action.get(LOOP), action.get(INTERRUPT_CURRENT_MEDIA),
                action.get(OPERATION_CALLBACK_URL), action.operationContext()), action.requestKey());
    }
}
