package com.switchboard.flows;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every diagram in processes/ and starter/ passes bpmnlint's recommended rules (npm {@code bpmnlint}, installed by the
 * build in {@code src/test/bpmnlint}, as Camunda Modeler's linting panel shows them). The starter diagram declares
 * every ACS event as a message and uses none, which is its purpose: it is linted with the same rules less
 * {@code global} (unused elements), {@code src/test/bpmnlint/starter.bpmnlintrc}.
 */
class DiagramLintIT {

    private static final Path LINT = Path.of("src/test/bpmnlint");
    private static final Path BPMNLINT = LINT.resolve("node_modules/bpmnlint/bin/bpmnlint.js");

    @Test
    void theExampleFlowsPassTheRecommendedRules() throws Exception {
        List<Path> diagrams;
        try (Stream<Path> files = Files.list(Path.of("processes"))) {
            diagrams = files.filter(file -> file.toString().endsWith(".bpmn")).sorted().toList();
        }
        assertThat(diagrams).isNotEmpty();
        assertThat(lint(LINT.resolve(".bpmnlintrc"), diagrams)).as("bpmnlint's findings").isEmpty();
    }

    @Test
    void theStarterPassesTheRecommendedRulesButUnusedMessages() throws Exception {
        assertThat(lint(LINT.resolve("starter.bpmnlintrc"), List.of(Path.of("starter/call-flow.bpmn"))))
                .as("bpmnlint's findings").isEmpty();
    }

    @Test
    void aDiagramWithAProblemIsReported() throws Exception {
        Path broken = Files.createTempFile("lint-", ".bpmn");
        try {
            Files.writeString(broken, Files.readString(Path.of("processes/incoming-default.bpmn"))
                    .replaceFirst("<bpmn:endEvent id=\"(\\w+)\" name=\"[^\"]*\"", "<bpmn:endEvent id=\"$1\""));
            assertThat(lint(LINT.resolve(".bpmnlintrc"), List.of(broken))).contains("label-required");
        } finally {
            Files.delete(broken);
        }
    }

    /** bpmnlint's report over the files: empty when it found nothing. */
    private static String lint(Path config, List<Path> diagrams) throws IOException, InterruptedException {
        assertThat(BPMNLINT).as("bpmnlint is installed by the build (npm ci in src/test/bpmnlint)").exists();
        List<String> command = new ArrayList<>(List.of("node", BPMNLINT.toString(), "--config", config.toString()));
        diagrams.forEach(diagram -> command.add(diagram.toString()));
        Process node = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(node.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(node.waitFor(60, TimeUnit.SECONDS)).as("bpmnlint finished: " + output).isTrue();
        return output.strip();
    }
}
