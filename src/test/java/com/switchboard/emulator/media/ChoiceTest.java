package com.switchboard.emulator.media;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class ChoiceTest {

    private static final List<Choice> CHOICES = List.of(new Choice("sales", List.of("sales", "buy now"), Tone.ONE),
        new Choice("support", List.of("help", "Café"), Tone.TWO), new Choice("other", List.of("other"), null));

    @Test
    void aPhraseMatchesIgnoringCasePunctuationSpacesAndAccents() {
        assertThat(Choice.byPhrase(CHOICES, "  Buy,   NOW! ")).map(Choice::label).contains("sales");
        assertThat(Choice.byPhrase(CHOICES, "cafe")).map(Choice::label).contains("support");
        assertThat(Choice.byPhrase(CHOICES, "buy")).isEmpty();
        assertThat(Choice.byPhrase(CHOICES, "...")).isEmpty();
    }

    @Test
    void aToneSelectsTheChoiceWithThatTone() {
        assertThat(Choice.byTone(CHOICES, Tone.TWO)).map(Choice::label).contains("support");
        assertThat(Choice.byTone(CHOICES, Tone.NINE)).isEmpty();
    }
}
