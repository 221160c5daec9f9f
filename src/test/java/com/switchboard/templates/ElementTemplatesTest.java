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
import com.switchboard.actions.ActionInput;
import com.switchboard.actions.ActionSpec;
import com.switchboard.actions.ActionSpecs;
import com.switchboard.actions.InputKind;
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
 * asynchronously (the start check synchronously), has one field per input of its action's {@link ActionSpec}, under
 * exactly that name, required where the spec says so, of the form its kind needs, and tells the analyst which
 * variables it writes and which messages to wait for. The specs are the actions' own ({@link ActionSpecs}): a field
 * the spec does not know, or an input the template lacks, fails here.
 */
class ElementTemplatesTest {

    static final Path TEMPLATES = Path.of(System.getProperty("basedir", "")).toAbsolutePath()
            .resolve("processes/element-templates");

    static final String SCHEMA_URL = "https://unpkg.com/@camunda/element-templates-json-schema/resources/schema.json";
    static final String SCHEMA_PACKAGE_URL = "https://unpkg.com/@camunda/element-templates-json-schema/resources/";
    static final String VENDORED_SCHEMA_DIR = "classpath:element-templates/";

    static final ObjectMapper JSON = new ObjectMapper();

    /** The one synchronous template: a bad start variable must refuse the start itself. */
    static final String START_CHECK = "checkStartVariables";

    /** What each delegate reads, writes and lets the flow wait for: the actions' own specs. */
    static final Map<String, ActionSpec> ACTIONS = index(ActionSpecs.all());

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
                .containsExactlyInAnyOrderElementsOf(concat(List.copyOf(ACTIONS.keySet()), List.of(START_CHECK)));
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
    void has_one_field_per_input_of_its_actions_spec(Path file) {
        if (beanName(file).equals(START_CHECK)) {
            return; // its inputs are the flow's start variables, named by the analyst in Modeler's Inputs section
        }
        ActionSpec action = ACTIONS.get(beanName(file));
        assertThat(action).as("%s is not a known call action", file.getFileName()).isNotNull();
        JsonNode template = read(file);
        List<JsonNode> inputs = list(template.path("properties")).stream()
                .filter(property -> "camunda:inputParameter".equals(property.path("binding").path("type").asText()))
                .toList();

        List<String> names = inputs.stream().map(input -> input.path("binding").path("name").asText()).toList();
        assertThat(names).as("input parameter names of %s against its spec", file.getFileName()).doesNotHaveDuplicates()
                .containsExactlyInAnyOrderElementsOf(action.inputs().stream().map(ActionInput::name).toList());

        Set<String> groups = list(template.path("groups")).stream().map(group -> group.path("id").asText()).collect(toSet());
        for (ActionInput<?> expected : action.inputs()) {
            JsonNode field = inputs.stream()
                    .filter(input -> expected.name().equals(input.path("binding").path("name").asText()))
                    .findFirst().orElseThrow();
            String what = "field " + expected.name();
            assertThat(field.path("type").asText()).as("%s type for a %s input", what, expected.kind())
                    .isEqualTo(switch (expected.kind()) {
                        case HEADERS, PROMPT, CHOICES -> "Text";
                        case BOOLEAN, CHOICE -> "Dropdown";
                        default -> "String";
                    });
            assertThat(field.path("label").asText()).as("%s label", what).isNotBlank();
            assertThat(field.path("description").asText()).as("%s description", what).isNotBlank();
            assertThat(field.path("constraints").path("notEmpty").asBoolean(false))
                    .as("%s is %s", what, expected.isRequired() ? "required (notEmpty)" : "optional (no notEmpty)")
                    .isEqualTo(expected.isRequired());
            if (expected.preset() != null) {
                assertThat(field.path("value").asText()).as("%s default", what).isEqualTo(expected.preset());
            } else {
                assertThat(field.has("value")).as("%s has no default", what).isFalse();
            }
            if (!expected.choices().isEmpty()) {
                assertThat(texts(field.path("choices"), "value")).as("%s choices", what)
                        .containsExactlyInAnyOrderElementsOf(expected.choices());
            }
            if (expected.kind() == InputKind.SECONDS) {
                Pattern pattern = Pattern.compile(field.path("constraints").path("pattern").path("value").asText());
                assertThat(List.of(String.valueOf(expected.min()), String.valueOf(expected.max())))
                        .as("%s accepts its range", what).allMatch(value -> pattern.matcher(value).find());
                assertThat(List.of(String.valueOf(expected.min() - 1), String.valueOf(expected.max() + 1)))
                        .as("%s refuses what is out of range", what).noneMatch(value -> pattern.matcher(value).find());
            }
            if (List.of(InputKind.PARTY, InputKind.PARTIES, InputKind.CALLER_ID, InputKind.URL).contains(expected.kind())) {
                assertThat(field.path("constraints").path("pattern").path("value").asText())
                        .as("%s checks its form in Modeler", what).isNotBlank();
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
        if (beanName(file).equals(START_CHECK)) {
            assertThat(read(file).path("description").asText()).contains("no message to wait for");
            return;
        }
        ActionSpec action = ACTIONS.get(beanName(file));
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

    private static Map<String, ActionSpec> index(List<ActionSpec> actions) {
        Map<String, ActionSpec> byBean = new LinkedHashMap<>();
        for (ActionSpec action : actions) {
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
