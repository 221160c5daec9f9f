package com.switchboard.modeler;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.switchboard.actions.ActionSpec;
import com.switchboard.actions.ActionSpecs;
import com.switchboard.callbacks.AcsEventNames;
import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The Modeler plugin's block catalogue is what {@link CallBlocksCatalogue} makes from the specs, the templates and the
 * event names, byte for byte. When an action, a template or the list of events changes, this fails until the file is
 * made anew: {@code mvn test -Dtest=CallBlocksCatalogueTest -Dcatalogue.update=true} writes it.
 */
class CallBlocksCatalogueTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void theCommittedCatalogueIsWhatTheSpecsMake() throws IOException {
        String made = CallBlocksCatalogue.render(CallBlocksCatalogue.make());
        if (Boolean.getBoolean("catalogue.update")) {
            Files.writeString(CallBlocksCatalogue.CATALOGUE, made);
        }
        assertThat(CallBlocksCatalogue.CATALOGUE).as("the plugin's catalogue").exists();
        assertThat(Files.readString(CallBlocksCatalogue.CATALOGUE))
                .as("%s is stale: make it anew with mvn test -Dtest=CallBlocksCatalogueTest -Dcatalogue.update=true",
                        CallBlocksCatalogue.CATALOGUE)
                .isEqualTo(made);
    }

    @Test
    void everyActionAndEveryEventHasABlock() {
        JsonNode catalogue = CallBlocksCatalogue.make();
        List<String> beans = new ArrayList<>();
        catalogue.path("actions").forEach(block -> beans.add(block.path("bean").asText()));
        List<String> expected = new ArrayList<>(ActionSpecs.all().stream().map(ActionSpec::bean).toList());
        expected.add(CallBlocksCatalogue.START_CHECK);
        assertThat(beans).containsExactlyInAnyOrderElementsOf(expected);

        List<String> events = new ArrayList<>();
        catalogue.path("events").forEach(event -> events.add(event.asText()));
        assertThat(events).containsExactlyElementsOf(AcsEventNames.all());
    }

    @Test
    void everyEventOfEverySpecIsAnOutcomeOrSetAsideForAReason() {
        for (ActionSpec spec : ActionSpecs.all()) {
            List<String> outcomes = CallBlocksCatalogue.outcomes(spec);
            assertThat(outcomes).as("outcomes of %s are ACS events", spec.bean()).allMatch(AcsEventNames::isEvent);
            for (String event : spec.messages()) {
                assertThat(outcomes.contains(event) || CallBlocksCatalogue.NOT_OUTCOMES.containsKey(event)
                        || CallBlocksCatalogue.FLOW_GOES_ON.containsKey(spec.bean()))
                        .as("%s after %s is a branch of its block, or set aside with the reason", event, spec.bean())
                        .isTrue();
            }
        }
        assertThat(CallBlocksCatalogue.FLOW_GOES_ON.keySet()).as("actions the flow does not wait after exist")
                .isSubsetOf(ActionSpecs.all().stream().map(ActionSpec::bean).toList());
        assertThat(CallBlocksCatalogue.NOT_OUTCOMES.keySet()).allMatch(AcsEventNames::isEvent);
    }

    @Test
    void theCreateCallBlockIsTheTemplatedTaskWithItsTwoOutcomes() {
        JsonNode block = block("createCall");
        assertThat(block.path("title").asText()).isEqualTo("Create call");
        assertThat(block.path("template").path("id").asText()).isEqualTo("com.switchboard.createCall");
        assertThat(block.path("template").path("version").asInt()).isEqualTo(1);
        assertThat(block.path("properties").path("camunda:delegateExpression").asText()).isEqualTo("${createCall}");
        assertThat(block.path("properties").path("camunda:asyncBefore").asBoolean()).isTrue();
        assertThat(texts(block.path("outcomes"))).containsExactly("CallConnected", "CreateCallFailed");
        assertThat(JSON.convertValue(block.path("inputs"), List.class)).as("the required field, empty to fill in")
                .isEqualTo(List.of(java.util.Map.of("name", "targets", "value", "")));

        assertThat(texts(block("recognize").path("outcomes")))
                .containsExactly("RecognizeCompleted", "RecognizeFailed", "RecognizeCanceled");
        assertThat(texts(block("play").path("outcomes"))).doesNotContain("PlayStarted");
        assertThat(texts(block("hold").path("outcomes"))).isEmpty();
        assertThat(block("hold").path("note").asText()).contains("HoldFailed");
        assertThat(JSON.convertValue(block("hangUp").path("inputs"), List.class)).as("the defaults of the template")
                .contains(java.util.Map.of("name", "callConnectionId", "value", "${callConnectionId}"));
    }

    private static JsonNode block(String bean) {
        for (JsonNode block : CallBlocksCatalogue.make().path("actions")) {
            if (block.path("bean").asText().equals(bean)) {
                return block;
            }
        }
        throw new AssertionError("no block " + bean);
    }

    private static List<String> texts(JsonNode array) {
        List<String> texts = new ArrayList<>();
        array.forEach(item -> texts.add(item.asText()));
        return texts;
    }
}
