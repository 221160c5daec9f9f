package com.switchboard.emulator.media;

import java.util.List;

/**
 * One recognize of a call as the control API shows it.
 *
 * @param participant the raw id of the participant listened to
 * @param inputType dtmf, choices, speech or speechOrDtmf
 * @param prompt the prompt's play sources, empty without one
 * @param outcome queued (waiting for its turn in the call's media queue), running, or how it ended (the flow
 *     variable's names: maxTonesReceived, stopToneDetected, interToneTimeout, choiceMatched, speechRecognized,
 *     initialSilenceTimeout, noChoiceMatched, speechNotRecognized, canceled, failed), or hungUp (the scripted caller
 *     hung up), participantLeft (hung up over the control API, removed, transferred away), callEnded
 * @param tones the keys it collected ({@code "12"}; a stop tone not included)
 * @param phrase what the participant said, null if nothing
 */
public record RecognitionSnapshot(String participant, String inputType, List<PlaySource> prompt, String outcome,
                                  String tones, String phrase) {
}
