package com.switchboard.emulator.media;

import com.switchboard.emulator.model.AcsApiException;
import java.util.Arrays;

/** The spec's {@code RecognizeInputType}. */
enum InputType {
    DTMF("dtmf"), CHOICES("choices"), SPEECH("speech"), SPEECH_OR_DTMF("speechOrDtmf");

    private final String wireName;

    InputType(String wireName) {
        this.wireName = wireName;
    }

    String wireName() {
        return wireName;
    }

    static InputType read(String name, boolean dtmfOnly) {
        return Arrays.stream(values()).filter(t -> t.wireName.equalsIgnoreCase(name))
            .filter(t -> !dtmfOnly || t == DTMF).findFirst()
            .orElseThrow(() -> AcsApiException.invalidArgument("The field 'recognizeInputType' must be "
                + (dtmfOnly ? "dtmf at this api-version" : "one of dtmf, choices, speech, speechOrDtmf")
                + ", was '" + name + "'."));
    }
}
