package com.switchboard.actions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.switchboard.acs.Party;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.ServiceTask;
import org.camunda.bpm.model.bpmn.instance.StartEvent;
import org.junit.jupiter.api.Test;

/**
 * Each Tasklist start form (processes/*.form) against the start check of the diagram that uses it: its fields are
 * the start variables the check declares, required where the check requires them, and its patterns let through what
 * the check accepts and stop the obvious typos. The check stays the judge (a form is only a browser's first look),
 * so a form may be looser than the check, never stricter.
 *
 * <p>Camunda Forms test a pattern in the browser with JavaScript's {@code new RegExp(pattern).test(value)}: a search,
 * not a whole match, hence the anchors the patterns must have and {@link #formAccepts}'s {@code find()}. The patterns
 * use only what both regex dialects read alike ({@code (?:...)}, {@code \s}, classes, counts).
 */
class StartFormsTest {

    private static final Path PROCESSES = Path.of(System.getProperty("basedir", "")).toAbsolutePath().resolve("processes");
    private static final ObjectMapper JSON = new ObjectMapper();

    /** What Party.parse accepts, as people type it. */
    private static final List<String> PARTIES = List.of("+14255550123", " +14255550123 ", "4:+14255550123",
            "+4930123456", "8:acs:customer", "8:acs:1a2b3c_4d5e-6f", "8:orgid:0000-1111", "8:teamsvisitor:abc",
            "8:spool:x", "8:gcch-acs:x", "8:dod:x");
    /** Typos an office worker makes; the check refuses each. */
    private static final List<String> TYPOS = List.of("12345", "14255550123", "+1 425 555 0123", "+1-425-555-0123",
            "+0425550123", "+12", "acs:customer", "8:acs", "8acs:customer", "customer", "tel:+14255550123",
            "+14255550123x");

    record StartForm(Path file, JsonNode form, Map<String, JsonNode> fields) {
    }

    @Test
    void everyFormBelongsToADiagramWhoseStartEventUsesTheLatestOne() throws IOException {
        List<StartForm> forms = forms();
        assertThat(forms).extracting(form -> form.file().getFileName().toString())
                .contains("outbound-call.form", "group-call.form", "transfer-call.form");
        for (StartForm form : forms) {
            assertThat(startEventsUsing(form)).as(form.file() + " is used by a start event").isNotEmpty()
                    .allSatisfy(event -> assertThat(event.getCamundaFormRefBinding()).isEqualTo("latest"));
        }
    }

    @Test
    void everyStartEventWithAFormRefFindsItsForm() throws IOException {
        List<String> formIds = forms().stream().map(form -> form.form().path("id").asText()).toList();
        for (Path diagram : diagrams()) {
            for (StartEvent event : Bpmn.readModelFromFile(diagram.toFile()).getModelElementsByType(StartEvent.class)) {
                if (event.getCamundaFormRef() != null) {
                    assertThat(formIds).as(diagram + " " + event.getId()).contains(event.getCamundaFormRef());
                }
            }
        }
    }

    @Test
    void theFieldsAreTheStartVariablesTheCheckDeclares() throws IOException {
        for (StartForm form : forms()) {
            assertThat(form.fields().keySet()).as(form.file().toString())
                    .containsExactlyInAnyOrderElementsOf(rules(form).stream().map(StartVariableRule::variable).toList());
        }
    }

    @Test
    void aFieldIsRequiredExactlyWhereTheCheckRequiresIt() throws IOException {
        for (StartForm form : forms()) {
            for (StartVariableRule rule : rules(form)) {
                JsonNode field = form.fields().get(rule.variable());
                boolean required = field.path("validate").path("required").asBoolean(false);
                String what = form.file() + " " + rule.variable();
                if (rule.presence() == StartVariableRule.Presence.REQUIRED) {
                    assertThat(required).as(what + " is required").isTrue();
                } else if (rule.presence() == StartVariableRule.Presence.WHEN_A_PHONE_NUMBER_IS_CALLED) {
                    // Required when a phone number is always called, optional when a user id may be called instead.
                    boolean phoneAlwaysCalled = rules(form).stream().anyMatch(other -> other.kind()
                            == StartVariableRule.Kind.PHONE_NUMBER && other.presence() == StartVariableRule.Presence.REQUIRED);
                    assertThat(required).as(what + " is required exactly when a phone number is always called")
                            .isEqualTo(phoneAlwaysCalled);
                } else if (!field.path("type").asText().equals("select")) {
                    // An optional field may be left empty.
                    assertThat(required).as(what + " may be left empty").isFalse();
                } else {
                    // An optional choice may be required when it comes chosen: the person cannot leave it wrong.
                    assertThat(field.path("defaultValue").asText()).as(what + " has a default").isNotBlank();
                }
            }
        }
    }

    @Test
    void aPartyFieldLetsThroughWhatTheCheckAcceptsAndStopsTypos() throws IOException {
        int partyFields = 0;
        for (StartForm form : forms()) {
            for (StartVariableRule rule : rules(form)) {
                if (rule.kind() != StartVariableRule.Kind.PARTY) {
                    continue;
                }
                partyFields++;
                String pattern = pattern(form, rule);
                for (String party : PARTIES) {
                    assertThatCode(() -> Party.parse(party)).doesNotThrowAnyException();
                    assertThat(formAccepts(pattern, party)).as(rule.variable() + ": " + party).isTrue();
                }
                for (String typo : TYPOS) {
                    assertThatThrownBy(() -> Party.parse(typo)).as(typo).isInstanceOf(IllegalArgumentException.class);
                    assertThat(formAccepts(pattern, typo)).as(rule.variable() + ": " + typo).isFalse();
                }
            }
        }
        assertThat(partyFields).isPositive();
    }

    @Test
    void aPhoneNumberFieldTakesPhoneNumbersOnly() throws IOException {
        for (StartForm form : forms()) {
            for (StartVariableRule rule : rules(form)) {
                if (rule.kind() != StartVariableRule.Kind.CALLER_ID && rule.kind() != StartVariableRule.Kind.PHONE_NUMBER) {
                    continue;
                }
                String pattern = pattern(form, rule);
                for (String party : PARTIES) {
                    boolean phone = Party.parse(party).isPhoneNumber();
                    assertThat(formAccepts(pattern, party)).as(rule.variable() + ": " + party).isEqualTo(phone);
                }
                TYPOS.forEach(typo -> assertThat(formAccepts(pattern, typo)).as(rule.variable() + ": " + typo).isFalse());
            }
        }
    }

    @Test
    void everyChoiceOfASelectPassesTheCheck() throws IOException {
        for (StartForm form : forms()) {
            for (StartVariableRule rule : rules(form)) {
                JsonNode field = form.fields().get(rule.variable());
                if (!field.path("type").asText().equals("select")) {
                    continue;
                }
                List<String> choices = new ArrayList<>();
                field.path("values").forEach(choice -> choices.add(choice.path("value").asText()));
                assertThat(choices).as(form.file() + " " + rule.variable()).isNotEmpty()
                        .contains(field.path("defaultValue").asText());
                for (String choice : choices) {
                    Inputs values = new Inputs(Map.of(rule.variable(), choice)::get,
                            (name, problem) -> new IllegalArgumentException(name + ": " + problem));
                    assertThatCode(() -> rule.check(values, new ArrayList<>())).as(rule.variable() + ": " + choice)
                            .doesNotThrowAnyException();
                }
            }
        }
    }

    /** As the browser tests a pattern: a search for it in the value, as typed (untrimmed). */
    private static boolean formAccepts(String pattern, String value) {
        return Pattern.compile(pattern).matcher(value).find();
    }

    private static String pattern(StartForm form, StartVariableRule rule) {
        String pattern = form.fields().get(rule.variable()).path("validate").path("pattern").asText();
        assertThat(pattern).as(form.file() + " " + rule.variable() + " has a whole-value pattern").startsWith("^").endsWith("$");
        return pattern;
    }

    private static List<StartVariableRule> rules(StartForm form) throws IOException {
        List<StartEvent> events = startEventsUsing(form);
        assertThat(events).as(form.file().toString()).hasSize(1);
        BpmnModelInstance model = (BpmnModelInstance) events.get(0).getModelInstance();
        ServiceTask check = model.getModelElementsByType(ServiceTask.class).stream()
                .filter(task -> ("${" + StartVariablesCheck.BEAN + "}").equals(task.getCamundaDelegateExpression()))
                .findFirst().orElseThrow(() -> new AssertionError(form.file() + ": its diagram checks no start variables"));
        assertThat(check.getIncoming()).as("the check is the first task")
                .allSatisfy(flow -> assertThat(flow.getSource()).isEqualTo(events.get(0)));
        return StartVariablesCheck.rules(check, check.getId());
    }

    private static List<StartEvent> startEventsUsing(StartForm form) throws IOException {
        String id = form.form().path("id").asText();
        List<StartEvent> events = new ArrayList<>();
        for (Path diagram : diagrams()) {
            Bpmn.readModelFromFile(diagram.toFile()).getModelElementsByType(StartEvent.class).stream()
                    .filter(event -> id.equals(event.getCamundaFormRef())).forEach(events::add);
        }
        return events;
    }

    private static List<Path> diagrams() throws IOException {
        try (Stream<Path> files = Files.list(PROCESSES)) {
            return files.filter(file -> file.toString().endsWith(".bpmn")).sorted().toList();
        }
    }

    private static List<StartForm> forms() throws IOException {
        List<StartForm> forms = new ArrayList<>();
        try (Stream<Path> files = Files.list(PROCESSES)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".form")).sorted().toList()) {
                JsonNode form = JSON.readTree(file.toFile());
                Map<String, JsonNode> fields = new HashMap<>();
                form.path("components").forEach(component -> {
                    if (component.hasNonNull("key")) {
                        assertThat(fields.put(component.get("key").asText(), component)).as(file + ": one field per key").isNull();
                    }
                });
                forms.add(new StartForm(file, form, fields));
            }
        }
        return forms;
    }
}
