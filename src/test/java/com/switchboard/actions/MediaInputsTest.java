package com.switchboard.actions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.switchboard.acs.PlaySource;
import com.switchboard.acs.RecognizeChoice;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The media input kinds: prompts, tones, choices and numbers, and the words for what is wrong with one. */
class MediaInputsTest {

    private final Map<String, Object> values = new HashMap<>();
    private final Inputs inputs = new Inputs(values::get, (name, problem) -> new IllegalArgumentException(name + ": " + problem));

    @Test
    void promptHasOneSourcePerLineAndSsmlSpansLines() {
        values.put("prompt", """
                Welcome to Contoso.
                https://media.example.com/jingle.wav

                <speak version="1.0" xml:lang="en-US">
                  <voice name="en-US-JennyNeural">Press 1 for sales.</voice>
                </speak>
                <speak>Goodbye.</speak>
                """);

        assertThat(inputs.prompt("prompt")).containsExactly(
                PlaySource.text("Welcome to Contoso."),
                PlaySource.file("https://media.example.com/jingle.wav"),
                PlaySource.ssml("<speak version=\"1.0\" xml:lang=\"en-US\">\n"
                        + "<voice name=\"en-US-JennyNeural\">Press 1 for sales.</voice>\n</speak>"),
                PlaySource.ssml("<speak>Goodbye.</speak>"));
        assertThat(inputs.prompt("missing")).isEmpty();
    }

    @Test
    void promptRefusesPlainHttpFilesUnclosedSsmlAndLongText() {
        values.put("http", "http://media.example.com/jingle.wav");
        values.put("unclosed", "<speak>\nHello");
        values.put("long", "a".repeat(Inputs.MAX_TEXT + 1));
        values.put("longest", "a".repeat(Inputs.MAX_TEXT));

        assertThatThrownBy(() -> inputs.prompt("http")).hasMessage(
                "http: plays the file 'http://media.example.com/jingle.wav', but a file URL must be https");
        assertThatThrownBy(() -> inputs.prompt("unclosed")).hasMessageContaining("no line ends it with </speak>");
        assertThatThrownBy(() -> inputs.prompt("long")).hasMessageContaining("4001 characters");
        assertThat(inputs.prompt("longest")).hasSize(1);
    }

    @Test
    void requiredPromptThatIsEmptyFailsTheStep() {
        values.put("prompt", "  ");
        ActionInput<List<PlaySource>> prompt = ActionInput.prompt("prompt").required();

        assertThatThrownBy(() -> prompt.read(inputs)).hasMessage("prompt: it is empty, but it is required");
    }

    @Test
    void tonesIgnoreSpacesAndCommasAndCountKeys() {
        values.put("tones", "1 2,3 4#");
        values.put("letters", "abcd*");
        values.put("nineteen", "1234567890123456789");
        values.put("word", "12x");

        assertThat(inputs.optionalTones("tones", 1, 18)).isEqualTo("1234#");
        assertThat(inputs.optionalTones("letters", 1, 18)).isEqualTo("ABCD*");
        assertThat(inputs.optionalTones("missing", 1, 18)).isNull();
        assertThatThrownBy(() -> inputs.optionalTones("nineteen", 1, 18))
                .hasMessage("nineteen: '1234567890123456789' has 19 keys; it must have between 1 and 18");
        assertThatThrownBy(() -> inputs.optionalTones("word", 1, 18))
                .hasMessage("word: '12x' has 'X', which is no DTMF key (0-9, *, #, A-D)");
    }

    @Test
    void choicesHaveALabelPhrasesAndAnOptionalTone() {
        values.put("choices", """
                sales: sales, buy | 1
                support: help, support
                """);
        values.put("noLabel", "sales, buy | 1");
        values.put("twoTones", "sales: sales | 12");
        values.put("twice", "sales: sales\nsales: buy");

        assertThat(inputs.recognizeChoices("choices")).containsExactly(
                new RecognizeChoice("sales", List.of("sales", "buy"), "1"),
                new RecognizeChoice("support", List.of("help", "support"), null));
        assertThat(inputs.recognizeChoices("missing")).isEmpty();
        assertThatThrownBy(() -> inputs.recognizeChoices("noLabel")).hasMessage("noLabel: has the line "
                + "'sales, buy | 1'; write one choice per line as label: phrase, phrase | tone (like sales: sales, buy | 1)");
        assertThatThrownBy(() -> inputs.recognizeChoices("twoTones")).hasMessageContaining("not one DTMF key");
        assertThatThrownBy(() -> inputs.recognizeChoices("twice")).hasMessageContaining("'sales' twice");
    }

    @Test
    void numberIsWholeAndInRange() {
        values.put("four", "4");
        values.put("zero", "0");
        values.put("word", "four");

        assertThat(inputs.optionalNumber("four", 1, 20)).isEqualTo(4);
        assertThat(inputs.optionalNumber("missing", 1, 20)).isNull();
        assertThatThrownBy(() -> inputs.optionalNumber("zero", 1, 20))
                .hasMessage("zero: 0 is out of range: it must be between 1 and 20");
        assertThatThrownBy(() -> inputs.optionalNumber("word", 1, 20)).hasMessage("word: 'four' is not a whole number");
    }
}
