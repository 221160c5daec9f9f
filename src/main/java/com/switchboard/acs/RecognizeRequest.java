package com.switchboard.acs;

import java.time.Duration;
import java.util.List;

/**
 * Collect a participant's input (DTMF keys, a spoken choice, speech, or speech or keys), optionally after a prompt.
 * Null fields are left for ACS to default.
 *
 * @param inputType dtmf, choices, speech or speechOrDtmf
 * @param stopTones the keys that end the input, as a string like {@code #*}, or null
 */
public record RecognizeRequest(String callConnectionId, Party participant, String inputType, List<PlaySource> prompt,
                               String voice, String locale, boolean interruptPrompt, Duration initialSilenceTimeout,
                               Integer maxTones, Duration interToneTimeout, String stopTones,
                               List<RecognizeChoice> choices, String speechLanguage, Duration endSilenceTimeout,
                               String operationCallbackUrl, String operationContext) {

    public RecognizeRequest {
        prompt = List.copyOf(prompt);
        choices = List.copyOf(choices);
    }
}
