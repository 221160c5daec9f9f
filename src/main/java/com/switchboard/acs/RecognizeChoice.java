package com.switchboard.acs;

import java.util.List;
import java.util.Objects;

/**
 * One choice a recognize offers the caller: its label (what the flow reads back), the phrases that select it, and
 * optionally the key that selects it.
 *
 * @param label   what {@code recognizedChoice} holds when this choice is matched
 * @param phrases the spoken phrases that select it, at least one
 * @param tone    the DTMF key that selects it, or null
 */
public record RecognizeChoice(String label, List<String> phrases, String tone) {

    public RecognizeChoice {
        Objects.requireNonNull(label);
        phrases = List.copyOf(phrases);
    }
}
