package com.switchboard.modeler;

import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.switchboard.actions.ActionSpec;
import com.switchboard.actions.ActionSpecs;
import com.switchboard.callbacks.AcsEventNames;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * Makes the Modeler plugin's block catalogue ({@code src/main/modeler-plugin/client/catalogue.json}) from what
 * Switchboard already says once: each action's {@link ActionSpec} (its title and the events that may follow it), its
 * element template in {@code processes/element-templates} (the template id and version, and the bindings Modeler would
 * write when the template is applied) and {@link AcsEventNames} (one "Wait for ..." block per event). Nothing in the
 * catalogue is typed by hand, so it cannot drift: {@code CallBlocksCatalogueTest} fails when the committed file is not
 * what this makes.
 *
 * <p>A block is the task with its template applied and, when the flow waits after the action, an event-based gateway
 * with one message catch event per outcome and a timer. The outcomes are the spec's events but for the two kinds below,
 * each named with the reason, so that a new event or action is classified on purpose (the test checks every event of
 * every spec is either an outcome or listed here).
 */
final class CallBlocksCatalogue {

    static final Path BASE = Path.of(System.getProperty("basedir", "")).toAbsolutePath();
    static final Path TEMPLATES = BASE.resolve("processes/element-templates");
    static final Path CATALOGUE = BASE.resolve("src/main/modeler-plugin/client/catalogue.json");

    /** The timer's duration in every block: the way out when no event comes, edited in Modeler per flow. */
    static final String TIMEOUT = "PT60S";

    /** The template without an action spec: the synchronous check of the start variables, a block of its own. */
    static final String START_CHECK = "checkStartVariables";

    /** Events that come on the way, not as the action's outcome: a branch for them would leave the wait too early. */
    static final Map<String, String> NOT_OUTCOMES = Map.of(
            "ParticipantsUpdated", "comes with CallConnected and whenever the participants change, all call long",
            "PlayStarted", "says the play has begun; PlayCompleted, PlayFailed or PlayCanceled ends it",
            "ContinuousDtmfRecognitionToneReceived", "comes once per key pressed, all call long: catch it in a "
                    + "non-interrupting event subprocess");

    /** Actions after which the flow goes on at once: no event tells that they worked, so a wait would hang. */
    static final Map<String, String> FLOW_GOES_ON = Map.of(
            "hold", "HoldFailed comes only when the hold music cannot be played; catch it in an event subprocess",
            "startContinuousDtmf", "the keys come one by one as ContinuousDtmfRecognitionToneReceived: catch them in a "
                    + "non-interrupting event subprocess; ContinuousDtmfRecognitionStopped follows Stop continuous DTMF",
            "cancelAllMedia", "each canceled play or recognize ends with PlayCanceled or RecognizeCanceled at its own "
                    + "wait, on the branch that started it");

    private static final ObjectMapper JSON = new ObjectMapper();

    private CallBlocksCatalogue() {
    }

    /** The catalogue as the plugin reads it. */
    static ObjectNode make() {
        ObjectNode catalogue = JSON.createObjectNode();
        catalogue.put("comment", "Made by CallBlocksCatalogueTest from the actions' specs, their element templates and "
                + "AcsEventNames; do not edit (mvn test -Dtest=CallBlocksCatalogueTest -Dcatalogue.update=true)");
        catalogue.put("timeout", TIMEOUT);
        ArrayNode actions = catalogue.putArray("actions");
        List<ActionSpec> specs = new ArrayList<>(ActionSpecs.all());
        specs.sort(Comparator.comparing(ActionSpec::title));
        actions.add(block(START_CHECK, "Check start variables", List.of(),
                "synchronous: a bad start variable refuses the start; add one input per start variable"));
        for (ActionSpec spec : specs) {
            actions.add(block(spec.bean(), spec.title(), outcomes(spec), FLOW_GOES_ON.get(spec.bean())));
        }
        ArrayNode events = catalogue.putArray("events");
        AcsEventNames.all().forEach(events::add);
        return catalogue;
    }

    /** The events the block branches on: none when the flow goes on at once. */
    static List<String> outcomes(ActionSpec spec) {
        if (FLOW_GOES_ON.containsKey(spec.bean())) {
            return List.of();
        }
        return spec.messages().stream().filter(event -> !NOT_OUTCOMES.containsKey(event)).toList();
    }

    /** The catalogue as the file holds it: two-space indented, one trailing newline. */
    static String render(JsonNode catalogue) {
        DefaultPrettyPrinter printer = new DefaultPrettyPrinter()
                .withObjectIndenter(new DefaultIndenter("  ", "\n"))
                .withArrayIndenter(new DefaultIndenter("  ", "\n"));
        try {
            return JSON.writer(printer).writeValueAsString(catalogue) + "\n";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static ObjectNode block(String bean, String title, List<String> outcomes, String note) {
        JsonNode template = template(bean);
        ObjectNode block = JSON.createObjectNode();
        block.put("bean", bean);
        block.put("title", title);
        ObjectNode applied = block.putObject("template");
        applied.put("id", template.path("id").asText());
        applied.put("version", template.path("version").asInt());
        applied.put("name", template.path("name").asText());
        ObjectNode properties = block.putObject("properties");
        ArrayNode inputs = block.putArray("inputs");
        for (JsonNode property : template.path("properties")) {
            JsonNode binding = property.path("binding");
            String name = binding.path("name").asText();
            switch (binding.path("type").asText()) {
                case "property" -> properties.set(name, property.path("value"));
                case "camunda:inputParameter" -> {
                    // As the analyst finds the task: the fields with a default filled in, a required field there but
                    // empty (Modeler marks it until it is filled), an optional field left out until it is set.
                    boolean required = property.path("constraints").path("notEmpty").asBoolean(false);
                    if (property.has("value") || required) {
                        inputs.addObject().put("name", name).put("value", property.path("value").asText(""));
                    }
                }
                default -> throw new IllegalStateException(bean + ".json binds " + binding + ", which the Modeler "
                        + "plugin cannot apply: teach CallBlocksCatalogue and the plugin's BlockFactory that binding");
            }
        }
        ArrayNode branches = block.putArray("outcomes");
        outcomes.forEach(branches::add);
        if (note != null) {
            block.put("note", note);
        }
        return block;
    }

    private static JsonNode template(String bean) {
        Path file = TEMPLATES.resolve(bean + ".json");
        try {
            return JSON.readTree(Files.readString(file));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the element template " + file, e);
        }
    }
}
