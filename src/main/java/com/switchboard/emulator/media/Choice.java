package com.switchboard.emulator.media;

import java.text.Normalizer;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * One option of a {@code choices} recognize: its label, the phrases that select it and the key that selects it.
 * A phrase matches when it equals one of the phrases ignoring case, accents, punctuation and repeated spaces.
 */
record Choice(String label, List<String> phrases, Tone tone) {

    Choice {
        phrases = List.copyOf(phrases);
    }

    boolean matches(String spoken) {
        String heard = normalize(spoken);
        return !heard.isEmpty() && phrases.stream().map(Choice::normalize).anyMatch(heard::equals);
    }

    /** The first choice the phrase selects. */
    static Optional<Choice> byPhrase(List<Choice> choices, String spoken) {
        return choices.stream().filter(c -> c.matches(spoken)).findFirst();
    }

    /** The first choice the key selects. */
    static Optional<Choice> byTone(List<Choice> choices, Tone tone) {
        return choices.stream().filter(c -> c.tone == tone).findFirst();
    }

    static String normalize(String phrase) {
        if (phrase == null) {
            return "";
        }
        String plain = Normalizer.normalize(phrase, Normalizer.Form.NFD).replaceAll("\\p{M}", "");
        return plain.toLowerCase(Locale.ROOT).replaceAll("[^\\p{L}\\p{N}]+", " ").trim();
    }
}
