package com.switchboard;

import static org.awaitility.Awaitility.await;

import org.awaitility.Awaitility;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.ProcessEngines;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.history.HistoricActivityInstance;
import org.camunda.bpm.engine.history.HistoricVariableInstance;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ActiveProfiles;

/**
 * The whole application as it runs: real Camunda engine on H2, the real ACS SDK over HTTPS, the
 * embedded emulator answering at once. Subclasses share one application context.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles({"emulator", "test"})
public abstract class SwitchboardIntegrationTest {

    protected static final Duration FLOW_TIMEOUT = Duration.ofSeconds(40);
    /** The admin password of the test profile (application-test.yml). */
    protected static final String TEST_ADMIN_PASSWORD = "Test-Admin-Pa55word";
    /**
     * The {@code @Order} of a test class that closes its application context ({@code @DirtiesContext}): such classes
     * run after all others. Camunda's webapp starter keeps the application context its filters load from in a static
     * field (LazyInitRegistration), re-points every context's filters at the newest one and clears it when any
     * context closes; a context closed in mid-suite leaves the other cached contexts' Cockpit and Tasklist answering
     * 500 (seen in CallTabIT and TasklistStartFormIT after ShutdownIT).
     */
    public static final int CLOSES_ITS_CONTEXT = Integer.MAX_VALUE;

    static {
        // camunda-bpm-assert keeps the engine per thread: conditions must run on the test's thread, or they
        // would ask whichever engine registered last (another cached test context's).
        Awaitility.pollInSameThread();
    }

    @Autowired
    protected ProcessEngine engine;
    @Autowired
    protected RuntimeService runtime;
    @Autowired
    protected HistoryService history;

    @BeforeEach
    void initAssertions() {
        BpmnAwareTests.init(engine);
        // The engine REST API finds "the default engine" in a JVM-wide registry, where every cached test context put
        // its own under that name and a closed one took the name away: point it at this test's engine.
        ProcessEngines.registerProcessEngine(engine);
    }

    protected ProcessInstance start(String processKey, Map<String, Object> variables) {
        return runtime.startProcessInstanceByKey(processKey, variables);
    }

    protected void awaitEnded(ProcessInstance instance) {
        awaitEnded(instance.getId());
    }

    protected void awaitEnded(String processInstanceId) {
        await().atMost(FLOW_TIMEOUT).until(() ->
                runtime.createProcessInstanceQuery().processInstanceId(processInstanceId).count() == 0);
    }

    /** The ids of the activities the instance ran, in the order they started. */
    protected List<String> activities(String processInstanceId) {
        return history.createHistoricActivityInstanceQuery().processInstanceId(processInstanceId)
                .orderByHistoricActivityInstanceStartTime().asc().orderPartiallyByOccurrence().asc().list().stream()
                .map(HistoricActivityInstance::getActivityId).toList();
    }

    /** A process variable (of the instance's own scope, not a task's input of the same name), from history. */
    protected Object variable(ProcessInstance instance, String name) {
        HistoricVariableInstance variable = history.createHistoricVariableInstanceQuery()
                .processInstanceId(instance.getId()).activityInstanceIdIn(instance.getId()).variableName(name).singleResult();
        return variable == null ? null : variable.getValue();
    }
}
