package com.switchboard.templates;

import static org.assertj.core.api.Assertions.assertThat;

import com.switchboard.SwitchboardIntegrationTest;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.repository.Deployment;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** The starter diagram is not deployed with the flows, and deploys as it is: Switchboard's deploy checks take it. */
class StarterDiagramIT extends SwitchboardIntegrationTest {

    @Autowired
    RepositoryService repository;

    @Test
    void itIsNotAmongTheDeployedFlowsAndDeploysAsItIs() throws IOException {
        assertThat(repository.createProcessDefinitionQuery().processDefinitionKey(StarterDiagramTest.STARTER_KEY).count())
                .as("not auto-deployed").isZero();

        Deployment deployment;
        try (InputStream in = Files.newInputStream(StarterDiagramTest.STARTER)) {
            deployment = repository.createDeployment().name("starter").addInputStream("call-flow.bpmn", in).deploy();
        }
        try {
            assertThat(repository.createProcessDefinitionQuery().deploymentId(deployment.getId()).singleResult().getKey())
                    .isEqualTo(StarterDiagramTest.STARTER_KEY);
        } finally {
            repository.deleteDeployment(deployment.getId(), true);
        }
    }
}
