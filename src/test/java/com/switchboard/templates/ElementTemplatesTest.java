package com.switchboard.templates;

import static java.util.stream.Collectors.joining;
import static java.util.stream.Collectors.toSet;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import com.networknt.schema.resource.AllowSchemaLoader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The Camunda Modeler element templates in {@code processes/element-templates}: one file per call action, and one for
 * the start-variable check, named after the delegate bean.
 *
 * <p>Each template must be valid against the official Camunda 7 element templates JSON schema
 * ({@code @camunda/element-templates-json-schema} 0.22.1, vendored under {@code src/test/resources/element-templates}
 * with its MIT licence, so the test needs no network), and follow the house rules: it runs its bean
 * asynchronously (the start check synchronously), binds one input parameter per delegate input under exactly the name the delegate reads, marks
 * required inputs, and tells the analyst which variables it writes and which messages to wait for. The expected
 * inputs, outputs and messages are listed in {@link #ACTIONS}; change them together with the delegate.
 */
class ElementTemplatesTest {

    static final Path TEMPLATES = Path.of(System.getProperty("basedir", "")).toAbsolutePath()
            .resolve("processes/element-templates");

    static final String SCHEMA_URL = "https://unpkg.com/@camunda/element-templates-json-schema/resources/schema.json";
    static final String SCHEMA_PACKAGE_URL = "https://unpkg.com/@camunda/element-templates-json-schema/resources/";
    static final String VENDORED_SCHEMA_DIR = "classpath:element-templates/";

    static final ObjectMapper JSON = new ObjectMapper();

    record Input(String name, boolean required, String defaultValue) {

        static Input required(String name) {
            return new Input(name, true, null);
        }

        static Input required(String name, String defaultValue) {
            return new Input(name, true, defaultValue);
        }

        static Input optional(String name) {
            return new Input(name, false, null);
        }

        static Input optional(String name, String defaultValue) {
            return new Input(name, false, defaultValue);
        }
    }

    record Action(String bean, List<Input> inputs, List<String> outputs, List<String> messages) {
    }

    static final Input CALL_CONNECTION_ID = Input.required("callConnectionId", "${callConnectionId}");
    static final Input INCOMING_CALL_CONTEXT = Input.required("incomingCallContext", "${incomingCallContext}");
    static final Input OPERATION_CALLBACK_URL = Input.optional("operationCallbackUrl");
    static final List<String> CALL_OUTPUTS = List.of("callConnectionId", "serverCallId", "correlationId", "callState");
    /** The one synchronous template: a bad start variable must refuse the start itself. */
    static final String START_CHECK = "checkStartVariables";

    /** What each delegate reads, writes and lets the flow wait for. */
    static final Map<String, Action> ACTIONS = index(
            new Action("createCall",
                    List.of(Input.required("targets"), Input.optional("callerId"), Input.optional("sourceDisplayName")),
                    CALL_OUTPUTS, List.of("CallConnected", "CreateCallFailed", "ParticipantsUpdated")),
            new Action("connectCall",
                    List.of(Input.required("locatorKind", "serverCall"), Input.required("locatorId")),
                    CALL_OUTPUTS, List.of("CallConnected", "ConnectFailed", "ParticipantsUpdated")),
            new Action("addParticipant",
                    List.of(CALL_CONNECTION_ID, Input.required("participant"), Input.optional("callerId"),
                            Input.optional("sourceDisplayName"), Input.optional("invitationTimeout"),
                            Input.optional("customHeaders"), OPERATION_CALLBACK_URL),
                    List.of("invitationId"), List.of("AddParticipantSucceeded", "AddParticipantFailed")),
            new Action("cancelAddParticipant",
                    List.of(CALL_CONNECTION_ID, Input.required("invitationId", "${invitationId}"), OPERATION_CALLBACK_URL),
                    List.of(), List.of("CancelAddParticipantSucceeded", "CancelAddParticipantFailed", "AddParticipantFailed")),
            new Action("removeParticipant",
                    List.of(CALL_CONNECTION_ID, Input.required("participant"), OPERATION_CALLBACK_URL),
                    List.of(), List.of("RemoveParticipantSucceeded", "RemoveParticipantFailed")),
            new Action("transferCall",
                    List.of(CALL_CONNECTION_ID, Input.required("transferTarget"), Input.optional("transferee"),
                            Input.optional("callerId"), Input.optional("customHeaders"), OPERATION_CALLBACK_URL),
                    List.of(), List.of("CallTransferAccepted", "CallTransferFailed")),
            new Action("hangUp",
                    List.of(CALL_CONNECTION_ID, Input.optional("forEveryone", "false")),
                    List.of(), List.of("CallDisconnected")),
            new Action("getParticipant",
                    List.of(CALL_CONNECTION_ID, Input.required("participant")),
                    List.of("participantInCall", "participantMuted"), List.of()),
            new Action("listParticipants",
                    List.of(CALL_CONNECTION_ID),
                    List.of("participants", "participantCount"), List.of()),
            new Action("getCallProperties",
                    List.of(CALL_CONNECTION_ID),
                    List.of("callState", "serverCallId", "correlationId"), List.of()),
            new Action("answerCall",
                    List.of(INCOMING_CALL_CONTEXT),
                    CALL_OUTPUTS, List.of("CallConnected", "AnswerFailed", "ParticipantsUpdated")),
            new Action("rejectCall",
                    List.of(INCOMING_CALL_CONTEXT, Input.optional("reason", "none")),
                    List.of(), List.of()),
            new Action("redirectCall",
                    List.of(INCOMING_CALL_CONTEXT, Input.required("target"), Input.optional("callerId")),
                    List.of(), List.of()),
            // Its inputs are the flow's start variables, named by the analyst in Modeler's Inputs section.
            new Action(START_CHECK, List.of(), List.of(), List.of()));

    static JsonSchema schema;

    @BeforeAll
    static void loadVendoredSchema() {
        // The templates' $schema URL is served from the vendored copy; anything else (a network fetch) is refused.
        JsonSchemaFactory factory = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V7, builder -> builder
                .schemaMappers(mappers -> mappers.mapPrefix(SCHEMA_PACKAGE_URL, VENDORED_SCHEMA_DIR))
                .schemaLoaders(loaders -> loaders.add(
                        new AllowSchemaLoader(iri -> iri.toString().startsWith(VENDORED_SCHEMA_DIR)))));
        schema = factory.getSchema(SchemaLocation.of(SCHEMA_URL));
        schema.initializeValidators();
    }

    static Stream<Path> templateFiles() {
        try (Stream<Path> files = Files.list(TEMPLATES)) {
            return files.filter(file -> file.getFileName().toString().endsWith(".json")).sorted().toList().stream();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot list " + TEMPLATES, e);
        }
    }

    @Test
    void there_is_exactly_one_template_per_delegate() {
        assertThat(templateFiles().map(ElementTemplatesTest::beanName))
                .as("templates in %s", TEMPLATES)
                .containsExactlyInAnyOrderElementsOf(ACTIONS.keySet());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("templateFiles")
    void is_valid_against_the_camunda_7_element_templates_schema(Path file) {
        assertValid(file.getFileName().toString(), read(file));
    }

    @Test
    void the_schema_check_rejects_broken_templates() {
        ObjectNode valid = minimalTemplate();
        assertValid("a minimal template", valid);

        ObjectNode withoutAppliesTo = valid.deepCopy();
        withoutAppliesTo.remove("appliesTo");
        assertRejected(withoutAppliesTo, "appliesTo");

        ObjectNode booleanInputParameter = valid.deepCopy();
        // Camunda 7 input parameters cannot be Boolean fields (that is why true/false inputs are Dropdowns).
        ((ObjectNode) booleanInputParameter.withArray("properties").get(0)).put("type", "Boolean");
        assertRejected(booleanInputParameter, "enum");

        ObjectNode dropdownWithoutChoices = valid.deepCopy();
        ((ObjectNode) dropdownWithoutChoices.withArray("properties").get(0)).put("type", "Dropdown");
        assertRejected(dropdownWithoutChoices, "choices");

        ObjectNode inputParameterWithoutName = valid.deepCopy();
        ((ObjectNode) inputParameterWithoutName.withArray("properties").get(0).get("binding")).remove("name");
        assertRejected(inputParameterWithoutName, "name");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("templateFiles")
    void follows_the_house_rules(Path file) {
        String bean = beanName(file);
        JsonNode template = read(file);
        assertThat(template.isObject()).as("%s holds one template object, not an array", file.getFileName()).isTrue();
        assertThat(template.path("$schema").asText()).isEqualTo(SCHEMA_URL);
        assertThat(template.path("id").asText()).isEqualTo("com.switchboard." + bean);
        assertThat(template.path("version").isInt()).as("version is a number").isTrue();
        assertThat(template.path("version").asInt()).isEqualTo(1);
        assertThat(template.path("name").asText()).startsWith("Call: ");
        assertThat(template.path("description").asText()).isNotBlank();
        assertThat(texts(template.path("appliesTo"))).containsExactly("bpmn:ServiceTask");

        List<JsonNode> properties = list(template.path("properties"));
        assertThat(hidden(properties, "camunda:delegateExpression"))
                .as("one Hidden camunda:delegateExpression")
                .singleElement()
                .satisfies(value -> assertThat(value.isTextual() ? value.asText() : value.toString())
                        .isEqualTo("${" + bean + "}"));
        assertThat(hidden(properties, "camunda:asyncBefore"))
                .as("one Hidden camunda:asyncBefore")
                .singleElement()
                .satisfies(value -> assertThat(value.asText()).isEqualTo(START_CHECK.equals(bean) ? "false" : "true"));
    }

    @Test
    void the_start_check_shows_the_inputs_section_and_explains_every_rule() {
        JsonNode template = read(TEMPLATES.resolve(START_CHECK + ".json"));
        assertThat(template.path("entriesVisible").asBoolean()).as("Modeler shows its Inputs section").isTrue();
        assertThat(template.path("description").asText()).contains("Inputs", "party", "parties", "phone number",
                "caller id", "duration", "seconds 1..180", "text", "optional", "400");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("templateFiles")
    void has_one_field_per_delegate_input(Path file) {
        Action action = ACTIONS.get(beanName(file));
        assertThat(action).as("%s is not a known call action", file.getFileName()).isNotNull();
        JsonNode template = read(file);
        List<JsonNode> inputs = list(template.path("properties")).stream()
                .filter(property -> "camunda:inputParameter".equals(property.path("binding").path("type").asText()))
                .toList();

        List<String> names = inputs.stream().map(input -> input.path("binding").path("name").asText()).toList();
        assertThat(names).as("input parameter names").doesNotHaveDuplicates()
                .containsExactlyInAnyOrderElementsOf(action.inputs().stream().map(Input::name).toList());

        Set<String> groups = list(template.path("groups")).stream().map(group -> group.path("id").asText()).collect(toSet());
        for (Input expected : action.inputs()) {
            JsonNode field = inputs.stream()
                    .filter(input -> expected.name().equals(input.path("binding").path("name").asText()))
                    .findFirst().orElseThrow();
            String what = "field " + expected.name();
            assertThat(field.path("type").asText()).as("%s type", what).isIn("String", "Text", "Dropdown");
            assertThat(field.path("label").asText()).as("%s label", what).isNotBlank();
            assertThat(field.path("description").asText()).as("%s description", what).isNotBlank();
            assertThat(field.path("constraints").path("notEmpty").asBoolean(false))
                    .as("%s is %s", what, expected.required() ? "required (notEmpty)" : "optional (no notEmpty)")
                    .isEqualTo(expected.required());
            if (expected.defaultValue() != null) {
                assertThat(field.path("value").asText()).as("%s default", what).isEqualTo(expected.defaultValue());
            }
            if ("Dropdown".equals(field.path("type").asText())) {
                assertThat(texts(field.path("choices"), "value")).as("%s choices", what)
                        .contains(field.path("value").asText());
            }
            assertThat(field.path("group").asText()).as("%s group", what).isIn(groups);
        }
        assertThat(inputs.stream().map(input -> input.path("group").asText()).collect(toSet()))
                .as("groups in use").containsExactlyInAnyOrderElementsOf(groups);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("templateFiles")
    void patterns_accept_the_defaults_and_examples_they_show(Path file) {
        for (JsonNode property : list(read(file).path("properties"))) {
            JsonNode pattern = property.path("constraints").path("pattern");
            if (pattern.isMissingNode()) {
                continue;
            }
            String what = "field " + property.path("binding").path("name").asText();
            String regex = pattern.isTextual() ? pattern.asText() : pattern.path("value").asText();
            assertThat(regex).as("%s pattern is anchored (Modeler tests it with RegExp.test)", what)
                    .startsWith("^").endsWith("$");
            assertThat(pattern.path("message").asText()).as("%s pattern message", what).isNotBlank();
            Pattern compiled = Pattern.compile(regex);
            for (String example : List.of(property.path("value").asText(""), property.path("placeholder").asText(""))) {
                if (!example.isEmpty() || !property.path("constraints").path("notEmpty").asBoolean(false)) {
                    assertThat(compiled.matcher(example).find()).as("%s pattern accepts '%s'", what, example).isTrue();
                }
            }
        }
    }

    @Test
    void party_fields_accept_what_the_delegates_accept_and_flag_typos() {
        Pattern targets = fieldPattern("createCall", "targets");
        assertThat(List.of("+14255550123", "4:+14255550123", "8:acs:res_0000-user", "8:orgid:1234", "${customerNumber}",
                "+14255550123, 8:acs:res_user", "+14255550123;+14255550124"))
                .allSatisfy(value -> assertThat(targets.matcher(value).find()).as(value).isTrue());
        assertThat(List.of("4255550123", "+1 425 555 0123", "+14255550123,", "alice", ""))
                .allSatisfy(value -> assertThat(targets.matcher(value).find()).as(value).isFalse());

        Pattern timeout = fieldPattern("addParticipant", "invitationTimeout");
        assertThat(List.of("", "1", "60", "179", "180", "${ringSeconds}"))
                .allSatisfy(value -> assertThat(timeout.matcher(value).find()).as(value).isTrue());
        assertThat(List.of("0", "181", "999", "-5", "1.5", "PT60S"))
                .allSatisfy(value -> assertThat(timeout.matcher(value).find()).as(value).isFalse());

        Pattern headers = fieldPattern("addParticipant", "customHeaders");
        assertThat(List.of("", "User-To-User: 0011AABB", "User-To-User: 0011AABB\nX-MS-Custom-Order: ${orderId}\n",
                "X-MS-Custom-A: 1\r\nX-MS-Custom-B: 2", "${headers}"))
                .allSatisfy(value -> assertThat(headers.matcher(value).find()).as(value).isTrue());
        assertThat(List.of("User-To-User 0011AABB", "X-MS-Custom-A: 1\nno colon here"))
                .allSatisfy(value -> assertThat(headers.matcher(value).find()).as(value).isFalse());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("templateFiles")
    void description_names_the_outputs_and_the_messages_to_wait_for(Path file) {
        Action action = ACTIONS.get(beanName(file));
        assertThat(action).as("%s is not a known call action", file.getFileName()).isNotNull();
        String description = read(file).path("description").asText();
        for (String name : concat(action.outputs(), action.messages())) {
            assertThat(description).as("description of %s", file.getFileName()).contains(name);
        }
        if (action.messages().isEmpty()) {
            assertThat(description).as("says that there is nothing to wait for").contains("no message to wait for");
        }
    }

    @Test
    void template_names_are_unique() {
        List<String> names = templateFiles().map(file -> read(file).path("name").asText()).toList();
        assertThat(names).doesNotHaveDuplicates();
    }

    private static Map<String, Action> index(Action... actions) {
        Map<String, Action> byBean = new LinkedHashMap<>();
        for (Action action : actions) {
            byBean.put(action.bean(), action);
        }
        return Map.copyOf(byBean);
    }

    private static void assertValid(String what, JsonNode template) {
        Set<ValidationMessage> messages = schema.validate(template);
        if (!messages.isEmpty()) {
            fail("%s is not a valid Camunda 7 element template (%d problems):%n%s", what, messages.size(),
                    messages.stream().map(message -> "  - " + message).sorted().collect(joining(System.lineSeparator())));
        }
    }

    private static void assertRejected(JsonNode template, String expectedInMessages) {
        Set<ValidationMessage> messages = schema.validate(template);
        assertThat(messages).as("validation problems of a broken template: %s", template).isNotEmpty();
        assertThat(messages.stream().map(ValidationMessage::getMessage).collect(joining("\n")))
                .contains(expectedInMessages);
    }

    private static ObjectNode minimalTemplate() {
        ObjectNode template = JSON.createObjectNode();
        template.put("$schema", SCHEMA_URL);
        template.put("id", "com.switchboard.example");
        template.put("name", "Example");
        template.putArray("appliesTo").add("bpmn:ServiceTask");
        ArrayNode properties = template.putArray("properties");
        ObjectNode field = properties.addObject();
        field.put("label", "Example");
        field.put("type", "String");
        field.putObject("binding").put("type", "camunda:inputParameter").put("name", "example");
        return template;
    }

    private static List<String> concat(List<String> first, List<String> second) {
        return Stream.concat(first.stream(), second.stream()).toList();
    }

    private static Pattern fieldPattern(String bean, String input) {
        JsonNode field = list(read(TEMPLATES.resolve(bean + ".json")).path("properties")).stream()
                .filter(property -> input.equals(property.path("binding").path("name").asText()))
                .findFirst().orElseThrow(() -> new AssertionError(bean + " has no field " + input));
        return Pattern.compile(field.path("constraints").path("pattern").path("value").asText());
    }

    private static List<JsonNode> hidden(List<JsonNode> properties, String bindingName) {
        return properties.stream()
                .filter(property -> "property".equals(property.path("binding").path("type").asText())
                        && bindingName.equals(property.path("binding").path("name").asText()))
                .peek(property -> assertThat(property.path("type").asText()).as("%s type", bindingName).isEqualTo("Hidden"))
                .map(property -> property.path("value"))
                .toList();
    }

    private static String beanName(Path file) {
        String name = file.getFileName().toString();
        return name.substring(0, name.length() - ".json".length());
    }

    private static JsonNode read(Path file) {
        try {
            return JSON.readTree(file.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + file, e);
        }
    }

    private static List<JsonNode> list(JsonNode array) {
        List<JsonNode> items = new ArrayList<>();
        array.forEach(items::add);
        return items;
    }

    private static List<String> texts(JsonNode array) {
        return list(array).stream().map(JsonNode::asText).toList();
    }

    private static List<String> texts(JsonNode array, String field) {
        return list(array).stream().map(item -> item.path(field).asText()).toList();
    }
}
