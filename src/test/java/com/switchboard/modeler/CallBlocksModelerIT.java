package com.switchboard.modeler;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.switchboard.BrowserScripts;
import com.switchboard.EngineRestDeployments;
import com.switchboard.SwitchboardIntegrationTest;
import com.switchboard.emulator.AcsEmulator;
import com.switchboard.emulator.media.CallerRule;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.history.HistoricActivityInstance;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.Message;
import org.camunda.bpm.model.bpmn.instance.ServiceTask;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.ResponseEntity;

/**
 * The Camunda Modeler plugin as an analyst uses it, in bpmn-js' Modeler in headless Chromium
 * ({@code src/test/browser/modeler.js}, loading the bundle {@code mvn package} built): every block of the catalogue
 * dropped from the palette's "Call blocks" menu, read back from the canvas (task with its template applied, gateway,
 * one message catch event per outcome with its message in the definitions, a timer; laid out left to right with
 * nothing overlapping), and the exported diagrams deployed over the engine REST API as Modeler deploys them, where
 * Switchboard's deploy checks take them; the flow made of the Create call and Hang up blocks then runs against the
 * emulator to the end its outcome leads to.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class CallBlocksModelerIT extends SwitchboardIntegrationTest {

    private static final Path PLUGIN = CallBlocksCatalogue.BASE.resolve("src/main/modeler-plugin");
    private static final Path OUT = Path.of("target", "modeler-blocks");
    private static final Path SHOTS = BrowserScripts.SCREENSHOTS.resolve("modeler");
    private static final String CALLER_ID = "+14255550100";
    /** The emulator's scripted caller for the Recognize flow: presses 1 when asked. */
    private static final String PRESSES_ONE = "+14255550177";

    @Autowired
    ObjectMapper mapper;
    @Autowired
    TestRestTemplate http;
    @Autowired
    RepositoryService repository;
    @Autowired
    AcsEmulator emulator;

    private JsonNode result;
    private final List<String> deployments = new ArrayList<>();

    @BeforeAll
    void dropEveryBlockInTheBrowser() throws IOException, InterruptedException {
        if (!Files.exists(PLUGIN.resolve("dist/client.js"))) {
            // Built by mvn package unless -DmodelerPlugin.skip=true; CI always builds it, so there it must be.
            String missing = "the Modeler plugin's bundle is not built (mvn package without -DmodelerPlugin.skip=true): "
                    + PLUGIN.resolve("dist/client.js");
            if (System.getenv("CI") != null) {
                throw new IllegalStateException(missing);
            }
            Assumptions.abort(missing);
        }
        result = BrowserScripts.run(mapper, "modeler.js", SHOTS.resolve("create-call-block.png"),
                List.of(PLUGIN.toString(), OUT.toString(), SHOTS.toString()));
    }

    @AfterAll
    void deleteDeployments() {
        deployments.forEach(id -> repository.deleteDeployment(id, true));
    }

    @Test
    @Order(1)
    void thePluginLoadsWithoutErrors() {
        assertThat(result.path("errors")).as("errors in the page").isEmpty();
        assertThat(result.path("pluginModules").asInt()).as("bpmn-js modules the plugin registered").isEqualTo(1);
    }

    @Test
    @Order(2)
    void everyActionsBlockIsItsTemplatedTaskWithItsOutcomesAndATimer() throws IOException {
        JsonNode catalogue = mapper.readTree(CallBlocksCatalogue.CATALOGUE.toFile());
        assertThat(catalogue.path("actions")).hasSizeGreaterThan(20);
        for (JsonNode action : catalogue.path("actions")) {
            String bean = action.path("bean").asText();
            List<JsonNode> elements = dropped("switchboard-block-" + bean);
            JsonNode task = single(elements, "bpmn:ServiceTask", bean);
            assertThat(task.path("name").asText()).isEqualTo(action.path("title").asText());
            assertThat(task.path("template").asText()).isEqualTo("com.switchboard." + bean);
            assertThat(task.path("delegateExpression").asText()).isEqualTo("${" + bean + "}");
            List<String> outcomes = texts(action.path("outcomes"));
            if (outcomes.isEmpty()) {
                assertThat(elements).as("%s: the task alone", bean).hasSize(1);
                continue;
            }
            JsonNode gateway = single(elements, "bpmn:EventBasedGateway", bean);
            List<JsonNode> events = elements.stream().filter(e -> e.path("type").asText().equals("bpmn:IntermediateCatchEvent"))
                    .sorted(Comparator.comparingInt(e -> e.path("bounds").path("y").asInt())).toList();
            List<JsonNode> messages = events.stream().filter(e -> !e.path("message").isNull()).toList();
            assertThat(messages).as("%s: one message catch event per outcome, top to bottom", bean)
                    .extracting(e -> e.path("message").path("name").asText()).containsExactlyElementsOf(outcomes);
            assertThat(messages).allSatisfy(event -> {
                assertThat(event.path("message").path("inDefinitions").asBoolean()).as("message in the definitions").isTrue();
                assertThat(event.path("message").path("id").asText())
                        .isEqualTo("Message_" + event.path("message").path("name").asText());
            });
            assertThat(events.get(events.size() - 1).path("timer").asText()).as("%s: the timer last", bean)
                    .isEqualTo(catalogue.path("timeout").asText());
            assertThat(events).hasSize(outcomes.size() + 1);

            List<JsonNode> flows = elements.stream().filter(e -> e.path("type").asText().equals("bpmn:SequenceFlow")).toList();
            assertThat(flows).extracting(flow -> flow.path("source").asText() + ">" + flow.path("target").asText())
                    .containsExactlyInAnyOrderElementsOf(concat(List.of(id(task) + ">" + id(gateway)),
                            events.stream().map(event -> id(gateway) + ">" + id(event)).toList()));

            // Readable: the gateway right of the task, the events right of the gateway, nothing on top of another.
            JsonNode taskBounds = task.path("bounds");
            JsonNode gatewayBounds = gateway.path("bounds");
            assertThat(x(gatewayBounds)).as("%s: gateway right of the task", bean).isGreaterThan(right(taskBounds));
            assertThat(events).allSatisfy(event -> assertThat(x(event.path("bounds"))).isGreaterThan(right(gatewayBounds)));
            List<JsonNode> boxes = new ArrayList<>();
            elements.stream().filter(e -> !e.path("bounds").isNull()).forEach(e -> {
                boxes.add(e.path("bounds"));
                if (!e.path("label").isNull()) {
                    boxes.add(e.path("label"));
                }
            });
            for (int i = 0; i < boxes.size(); i++) {
                for (int j = i + 1; j < boxes.size(); j++) {
                    assertThat(overlap(boxes.get(i), boxes.get(j))).as("%s: %s and %s overlap", bean, boxes.get(i),
                            boxes.get(j)).isFalse();
                }
            }
        }
    }

    @Test
    @Order(3)
    void oneUndoTakesTheBlockAndItsNewMessagesBack() {
        JsonNode undo = result.path("undo");
        assertThat(undo.path("dropped").path("elements").asInt()).as("start event, task, gateway, 3 events, 4 flows")
                .isEqualTo(10);
        assertThat(texts(undo.path("dropped").path("messages"))).containsExactly("CallConnected", "CreateCallFailed");
        assertThat(undo.path("undone").path("elements").asInt()).as("the start event alone").isEqualTo(1);
        assertThat(undo.path("undone").path("messages")).isEmpty();
        assertThat(undo.path("redone")).isEqualTo(undo.path("dropped"));
    }

    @Test
    @Order(4)
    void aWaitForBlockIsAMessageCatchEventForItsEvent() {
        for (String event : List.of("CallDisconnected", "ParticipantsUpdated", "ContinuousDtmfRecognitionToneReceived")) {
            List<JsonNode> elements = dropped("switchboard-wait-" + event);
            JsonNode wait = single(elements, "bpmn:IntermediateCatchEvent", event);
            assertThat(elements).hasSize(1);
            assertThat(wait.path("message").path("name").asText()).isEqualTo(event);
            assertThat(wait.path("message").path("inDefinitions").asBoolean()).isTrue();
        }
        // A second wait for an event the diagram has a message for already uses that message.
        List<JsonNode> again = dropped("switchboard-wait-CallDisconnected");
        assertThat(again.get(0).path("message").path("id").asText()).isEqualTo("Message_CallDisconnected");
    }

    @Test
    @Order(5)
    void aBlockAppendedFromTheContextPadFollowsTheElementConnectedAndInLine() {
        List<JsonNode> appended = new ArrayList<>();
        result.path("appended").forEach(appended::add);
        JsonNode task = single(appended, "bpmn:ServiceTask", "the appended Hang up block");
        assertThat(task.path("name").asText()).isEqualTo("Hang up");
        JsonNode after = result.path("appendedAfter");
        assertThat(after.path("name").asText()).isEqualTo("Call connected");
        assertThat(appended).as("a sequence flow from the element it follows to its task")
                .anySatisfy(flow -> assertThat(flow.path("source").asText() + ">" + flow.path("target").asText())
                        .isEqualTo(id(after) + ">" + id(task)));
        assertThat(x(task.path("bounds"))).as("right of it").isGreaterThan(right(after.path("bounds")));
        JsonNode bounds = task.path("bounds");
        assertThat(appended).filteredOn(e -> e.path("type").asText().equals("bpmn:EventBasedGateway")).singleElement()
                .satisfies(gateway -> assertThat(y(gateway.path("bounds")) + 25).as("gateway in line with the task")
                        .isEqualTo(y(bounds) + bounds.path("height").asDouble() / 2));
    }

    @Test
    @Order(6)
    void aWaitAppendedAfterAWaitIsConnectedAndOneUndoTakesItBack() {
        JsonNode appended = result.path("appendedWait");
        List<JsonNode> elements = new ArrayList<>();
        appended.path("elements").forEach(elements::add);
        JsonNode wait = single(elements, "bpmn:IntermediateCatchEvent", "the appended wait");
        assertThat(wait.path("message").path("name").asText()).isEqualTo("TranscriptionStarted");
        JsonNode after = appended.path("after");
        assertThat(x(wait.path("bounds"))).isGreaterThan(right(after.path("bounds")));
        assertThat(y(wait.path("bounds"))).as("in line").isEqualTo(y(after.path("bounds")));
        assertThat(single(elements, "bpmn:SequenceFlow", "the appended flow").path("source").asText()).isEqualTo(id(after));
        JsonNode counts = appended.path("counts");
        assertThat(counts.path("appended").asInt()).isEqualTo(counts.path("before").asInt() + 2);
        assertThat(counts.path("undone").asInt()).isEqualTo(counts.path("before").asInt());
        assertThat(counts.path("redone").asInt()).isEqualTo(counts.path("appended").asInt());
    }

    @Test
    @Order(7)
    void theDiagramOfEveryBlockDeploysThroughSwitchboardsChecks() throws IOException {
        String xml = Files.readString(Path.of(result.path("files").path("allBlocks").asText()));
        BpmnModelInstance model = Bpmn.readModelFromStream(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
        Bpmn.validateModel(model);
        assertThat(model.getModelElementsByType(ServiceTask.class)).allSatisfy(task -> {
            assertThat(task.isCamundaAsyncBefore()).isEqualTo(!task.getCamundaDelegateExpression().equals("${checkStartVariables}"));
            assertThat(task.getAttributeValueNs("http://camunda.org/schema/1.0/bpmn", "modelerTemplateVersion")).isEqualTo("1");
        });
        List<String> messageNames = model.getModelElementsByType(Message.class).stream().map(Message::getName).toList();
        assertThat(messageNames).as("one message per event, however many blocks wait for it").doesNotHaveDuplicates()
                .contains("CallConnected", "CallDisconnected", "RecognizeCompleted");
        deploy("modeler-all-blocks.bpmn", xml);
    }

    @Test
    @Order(8)
    void theFlowMadeOfBlocksCallsAndHangsUp() throws IOException {
        deploy("modeler-create-call.bpmn", Files.readString(Path.of(result.path("files").path("createCallFlow").asText())));

        ProcessInstance answered = start("modeler-create-call", variables("+14255550123"));
        awaitEnded(answered);
        assertThat(activityNames(answered)).containsSubsequence("Call requested", "Create call", "Call connected",
                "Hang up", "Call disconnected", "Hung up").doesNotContain("Not reached", "No answer");

        ProcessInstance busy = start("modeler-create-call", variables("+15550000486"));
        awaitEnded(busy);
        assertThat(activityNames(busy)).containsSubsequence("Create call", "Create call failed", "Not reached")
                .doesNotContain("Hang up", "Call connected");
        assertThat(variable(busy, "lastResultCode")).hasToString("486");
    }

    @Test
    @Order(9)
    void aCheckOfStartVariablesThatNamesNoneIsRefusedSayingWhatToAdd() throws IOException {
        String xml = Files.readString(Path.of(result.path("files").path("allBlocksAsDropped").asText()));
        ResponseEntity<JsonNode> refused = EngineRestDeployments.deploy(http, "modeler-blocks", "as-dropped.bpmn", xml);
        assertThat(refused.getStatusCode().value()).isEqualTo(400);
        JsonNode errors = refused.getBody().path("details").path("as-dropped.bpmn").path("errors");
        assertThat(errors).as("the one thing left to fill in: %s", errors).hasSize(1);
        assertThat(errors.get(0).path("message").asText()).contains("Check start variables", "names none");
    }

    @Test
    @Order(10)
    void theFlowsMadeOfBlocksPassTheLintingModelerShows() throws IOException, InterruptedException {
        // bpmnlint's recommended rules, as Camunda Modeler's linting panel shows them (installed by the build).
        Path bpmnlint = Path.of("src/test/bpmnlint/node_modules/bpmnlint/bin/bpmnlint.js");
        assertThat(bpmnlint).exists();
        Process node = new ProcessBuilder("node", bpmnlint.toString(), "--config", "src/test/bpmnlint/.bpmnlintrc",
                result.path("files").path("createCallFlow").asText(), result.path("files").path("recognizeFlow").asText())
                .redirectErrorStream(true).start();
        String output = new String(node.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(node.waitFor(60, TimeUnit.SECONDS)).as("bpmnlint finished: " + output).isTrue();
        assertThat(output.strip()).as("bpmnlint's findings").isEmpty();
        assertThat(node.exitValue()).isZero();
    }

    @Test
    @Order(11)
    void theFlowAppendedBlockByBlockAsksForAKeyAndHangsUp() throws IOException {
        deploy("modeler-recognize.bpmn", Files.readString(Path.of(result.path("files").path("recognizeFlow").asText())));
        List<CallerRule> before = emulator.callers();
        List<CallerRule> scripted = new ArrayList<>();
        scripted.add(new CallerRule(PRESSES_ONE, List.of("press 1"), Duration.ofMillis(50), Duration.ofMillis(10)));
        scripted.addAll(before);
        emulator.setCallers(scripted);
        try {
            ProcessInstance flow = start("modeler-recognize", variables(PRESSES_ONE));
            awaitEnded(flow);
            assertThat(activityNames(flow)).containsSubsequence("Create call", "Call connected", "Recognize",
                    "Recognize completed", "Hang up", "Call disconnected", "Hung up")
                    .doesNotContain("No key", "No result", "Not asked");
            assertThat(variable(flow, "recognizedTones")).isEqualTo("1");
        } finally {
            emulator.setCallers(before);
        }
    }

    private void deploy(String file, String xml) {
        ResponseEntity<JsonNode> deployed = EngineRestDeployments.deploy(http, "modeler-blocks", file, xml);
        assertThat(deployed.getStatusCode().value()).as("deploying %s: %s", file, deployed.getBody()).isEqualTo(200);
        deployments.add(deployed.getBody().path("id").asText());
    }

    private static Map<String, Object> variables(String target) {
        Map<String, Object> variables = new HashMap<>();
        variables.put("target", target);
        variables.put("callerId", CALLER_ID);
        return variables;
    }

    private List<String> activityNames(ProcessInstance instance) {
        return history.createHistoricActivityInstanceQuery().processInstanceId(instance.getId())
                .orderByHistoricActivityInstanceStartTime().asc().orderPartiallyByOccurrence().asc().list().stream()
                .map(HistoricActivityInstance::getActivityName).filter(name -> name != null).toList();
    }

    /** The elements of the last drop from that menu entry. */
    private List<JsonNode> dropped(String entry) {
        List<JsonNode> found = null;
        for (JsonNode block : result.path("blocks")) {
            if (block.path("entry").asText().equals(entry)) {
                found = new ArrayList<>();
                block.path("elements").forEach(found::add);
            }
        }
        assertThat(found).as("the browser dropped %s", entry).isNotNull();
        return found;
    }

    private static JsonNode single(List<JsonNode> elements, String type, String what) {
        List<JsonNode> ofType = elements.stream().filter(e -> e.path("type").asText().equals(type)).toList();
        assertThat(ofType).as("%s: one %s", what, type).hasSize(1);
        return ofType.get(0);
    }

    private static boolean overlap(JsonNode a, JsonNode b) {
        return x(a) < right(b) && x(b) < right(a) && y(a) < bottom(b) && y(b) < bottom(a);
    }

    private static String id(JsonNode element) {
        return element.path("id").asText();
    }

    private static double x(JsonNode bounds) {
        return bounds.path("x").asDouble();
    }

    private static double y(JsonNode bounds) {
        return bounds.path("y").asDouble();
    }

    private static double right(JsonNode bounds) {
        return x(bounds) + bounds.path("width").asDouble();
    }

    private static double bottom(JsonNode bounds) {
        return y(bounds) + bounds.path("height").asDouble();
    }

    private static List<String> texts(JsonNode array) {
        List<String> texts = new ArrayList<>();
        array.forEach(item -> texts.add(item.asText()));
        return texts;
    }

    private static List<String> concat(List<String> first, List<String> second) {
        List<String> all = new ArrayList<>(first);
        all.addAll(second);
        return all;
    }
}
