package com.switchboard.templates;

import static org.assertj.core.api.Assertions.assertThat;

import com.switchboard.callbacks.AcsEventNames;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.Message;
import org.camunda.bpm.model.bpmn.instance.Process;
import org.camunda.bpm.model.bpmn.instance.bpmndi.BpmnEdge;
import org.camunda.bpm.model.bpmn.instance.bpmndi.BpmnShape;
import org.junit.jupiter.api.Test;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;

/**
 * The starter diagram declares every ACS Call Automation event as a message, named exactly like the event, so that
 * Modeler's drop-down offers them all: a new event in {@link AcsEventNames} fails here until the starter has it.
 */
class StarterDiagramTest {

    static final Path STARTER = Path.of(System.getProperty("basedir", "")).toAbsolutePath().resolve("starter/call-flow.bpmn");
    static final String STARTER_KEY = "new-call-flow";

    @Test
    void itDeclaresExactlyTheAcsEventsAsMessages() throws IOException {
        BpmnModelInstance model = read();
        List<Message> messages = List.copyOf(model.getModelElementsByType(Message.class));

        assertThat(messages).extracting(Message::getName).containsExactlyInAnyOrderElementsOf(AcsEventNames.all());
        assertThat(messages).allSatisfy(message -> assertThat(message.getId()).isEqualTo("Message_" + message.getName()));
    }

    @Test
    void itIsAValidExecutableFlowWithADiagramToOpenInModeler() throws IOException {
        BpmnModelInstance model = read();
        Bpmn.validateModel(model);
        Process process = model.getModelElementById(STARTER_KEY);
        assertThat(process.isExecutable()).isTrue();
        assertThat(process.getCamundaHistoryTimeToLiveString()).isNotBlank();
        assertThat(model.getModelElementsByType(BpmnShape.class)).extracting(shape -> shape.getBpmnElement().getId())
                .containsExactlyInAnyOrder("requested", "done");
        assertThat(model.getModelElementsByType(BpmnEdge.class)).hasSize(1);
    }

    @Test
    void autoDeploymentDoesNotFindIt() throws IOException {
        // The pattern of application.yml, over this test's classpath (the packaged processes/ and the test diagrams).
        Resource[] deployed = new PathMatchingResourcePatternResolver().getResources("classpath*:processes/**/*.bpmn");
        assertThat(deployed).isNotEmpty();
        for (Resource resource : deployed) {
            try (InputStream in = resource.getInputStream()) {
                assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8)).as(resource.getDescription())
                        .doesNotContain("id=\"" + STARTER_KEY + "\"");
            }
        }
    }

    @Test
    void theReadmeListsTheEventsTheCheckPointsTo() throws IOException {
        String readme = Files.readString(STARTER.getParent().resolveSibling("README.md"));
        assertThat(readme).contains(AcsEventNames.all().stream().map(name -> "`" + name + "`").toList());
    }

    private static BpmnModelInstance read() throws IOException {
        try (InputStream in = Files.newInputStream(STARTER)) {
            return Bpmn.readModelFromStream(in);
        }
    }
}
