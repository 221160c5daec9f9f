package com.switchboard.actions;

import com.switchboard.acs.CallAutomationGateway;
import com.switchboard.acs.Party;
import com.switchboard.acs.PlaySource;
import com.switchboard.acs.RecognizeChoice;
import com.switchboard.acs.RecognizeRequest;
import java.time.Duration;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * Recognize ({@code ${recognize}}): collects a participant's keys, spoken choice or speech, after an optional prompt.
 * RecognizeCompleted / RecognizeFailed / RecognizeCanceled write recognizeOutcome and the recognized values.
 */
@Component("recognize")
class RecognizeAction extends CallAction {

    static final ActionInput<Party> PARTICIPANT = ActionInput.party("participant").required();
    static final ActionInput<String> INPUT_TYPE =
            ActionInput.choice("inputType", "dtmf", "choices", "speech", "speechOrDtmf");
    static final ActionInput<List<PlaySource>> PROMPT = ActionInput.prompt("prompt");
    static final ActionInput<String> VOICE = ActionInput.text("voice");
    static final ActionInput<String> LOCALE = ActionInput.text("locale");
    static final ActionInput<Boolean> INTERRUPT_PROMPT = ActionInput.flag("interruptPrompt", true);
    static final ActionInput<Duration> INITIAL_SILENCE_TIMEOUT = ActionInput.seconds("initialSilenceTimeout", 1, 300);
    static final ActionInput<Integer> MAX_TONES = ActionInput.number("maxTones", 1, 20);
    static final ActionInput<Duration> INTER_TONE_TIMEOUT = ActionInput.seconds("interToneTimeout", 1, 60);
    static final ActionInput<String> STOP_TONES = ActionInput.tones("stopTones", 1, 16);
    static final ActionInput<List<RecognizeChoice>> CHOICES = ActionInput.recognizeChoices("choices");
    static final ActionInput<String> SPEECH_LANGUAGE = ActionInput.text("speechLanguage");
    static final ActionInput<Duration> END_SILENCE_TIMEOUT = ActionInput.seconds("endSilenceTimeout", 1, 10);

    static final ActionSpec SPEC = ActionSpec.of("recognize", "Recognize")
            .inputs(CALL_CONNECTION_ID, PARTICIPANT, INPUT_TYPE, PROMPT, VOICE, LOCALE, INTERRUPT_PROMPT,
                    INITIAL_SILENCE_TIMEOUT, MAX_TONES, INTER_TONE_TIMEOUT, STOP_TONES, CHOICES, SPEECH_LANGUAGE,
                    END_SILENCE_TIMEOUT, OPERATION_CALLBACK_URL)
            .then("RecognizeCompleted", "RecognizeFailed", "RecognizeCanceled");

    private final CallAutomationGateway acs;

    RecognizeAction(CallAutomationGateway acs) {
        super(SPEC);
        this.acs = acs;
    }

    @Override
    protected void perform(ActionContext action) {
        String inputType = action.get(INPUT_TYPE);
        List<RecognizeChoice> choices = action.get(CHOICES);
        if (inputType.equals("choices") && choices.isEmpty()) {
            throw action.invalid(CHOICES.name(), "it is empty, but recognizing choices needs at least one choice line "
                    + "(like sales: sales, buy | 1)");
        }
        acs.recognize(new RecognizeRequest(action.get(CALL_CONNECTION_ID), action.get(PARTICIPANT), inputType,
                action.get(PROMPT), action.get(VOICE), action.get(LOCALE), action.get(INTERRUPT_PROMPT),
                action.get(INITIAL_SILENCE_TIMEOUT), action.get(MAX_TONES), action.get(INTER_TONE_TIMEOUT),
                action.get(STOP_TONES), choices, action.get(SPEECH_LANGUAGE), action.get(END_SILENCE_TIMEOUT),
                action.get(OPERATION_CALLBACK_URL), action.operationContext()), action.requestKey());
    }
}
