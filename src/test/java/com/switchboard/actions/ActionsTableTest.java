package com.switchboard.actions;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The README's table of call actions is the actions' specs, as they are: it is made from them here, and the README
 * must hold exactly what this test makes. When an action changes, paste the table from the failure message.
 */
class ActionsTableTest {

    static final Path README = Path.of(System.getProperty("basedir", "")).toAbsolutePath().resolve("README.md");
    static final String BEGIN = "<!-- The rows below are made from the actions' specs: ActionsTableTest checks them. -->";
    static final String END = "<!-- End of the rows made from the specs. -->";

    @Test
    void theReadmeTableIsMadeFromTheSpecs() throws IOException {
        String readme = Files.readString(README);
        assertThat(readme).contains(BEGIN, END);
        String rows = readme.substring(readme.indexOf(BEGIN) + BEGIN.length(), readme.indexOf(END)).strip();
        String expected = table(ActionSpecs.all());
        assertThat(rows).as("README rows between the markers; the table the specs make is:%n%s%n", expected)
                .isEqualTo(expected);
    }

    @Test
    void eachRowSaysWhatARequiredInputIsAndWhatKindEachIs() {
        String row = row(ActionSpecs.all().stream().filter(spec -> spec.bean().equals("addParticipant")).findFirst()
                .orElseThrow());
        assertThat(row).startsWith("| Add participant | `${addParticipant}` | `callConnectionId`*, `participant`* (party), "
                        + "`callerId` (caller ID), `sourceDisplayName`, `invitationTimeout` (seconds 1..180), ")
                .endsWith("| `invitationId` | AddParticipantSucceeded / AddParticipantFailed |");
    }

    static String table(List<ActionSpec> specs) {
        return "| action | delegate | inputs (* required) | outputs | then wait for |\n|---|---|---|---|---|\n"
                + specs.stream().sorted(Comparator.comparing(ActionSpec::title)).map(ActionsTableTest::row)
                .collect(Collectors.joining("\n"));
    }

    static String row(ActionSpec spec) {
        String inputs = spec.inputs().stream().map(input -> "`" + input.name() + "`" + (input.isRequired() ? "*" : "")
                + (input.kind() == InputKind.TEXT ? "" : " (" + input.describe() + ")")).collect(Collectors.joining(", "));
        String outputs = spec.outputs().stream().map(output -> "`" + output + "`").collect(Collectors.joining(", "));
        return "| " + spec.title() + " | `${" + spec.bean() + "}` | " + orDash(inputs) + " | " + orDash(outputs) + " | "
                + orDash(String.join(" / ", spec.messages())) + " |";
    }

    private static String orDash(String text) {
        return text.isEmpty() ? "—" : text;
    }
}
