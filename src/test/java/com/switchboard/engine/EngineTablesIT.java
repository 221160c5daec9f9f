package com.switchboard.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.switchboard.SwitchboardIntegrationTest;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/** Switchboard's SQL against the engine's tables, on H2: what it reads and what its conditions say. */
class EngineTablesIT extends SwitchboardIntegrationTest {

    private static final List<String> NAMES = List.of("lastEvent", "participantCount", "sequence", "callState",
            "lastResultCode");

    @Autowired
    EngineTables tables;
    @Autowired
    JdbcTemplate jdbc;

    @Test
    void readsTheVariablesTheEngineStored() {
        Map<String, Object> variables = new HashMap<>(Map.of("lastEvent", "CallConnected", "participantCount", 2,
                "sequence", 7, "callState", 1L, "target", "+14255550123"));
        variables.put("lastResultCode", null);
        ProcessInstance flow = start("test-wait-connected", variables);

        Map<String, Object> expected = new HashMap<>(Map.of("lastEvent", "CallConnected", "participantCount", 2,
                "sequence", 7));
        expected.put("lastResultCode", null);
        assertThat(tables.runningFlow(flow.getId(), NAMES).variables())
                .as("strings, integers and nulls; not one of another type, not one that was not asked for")
                .isEqualTo(expected);

        runtime.deleteProcessInstance(flow.getId(), "test");
        assertThat(tables.runningFlow(flow.getId(), NAMES)).as("a flow that has ended has none").isNull();
    }

    @Test
    void tellsARunningFlowThatWaitsForAMessage() {
        ProcessInstance flow = start("test-wait-connected", Map.of());

        assertThat(matches(EngineTables.isRunning("?"), flow.getId())).isTrue();
        assertThat(matches(EngineTables.waitsForMessage("?"), flow.getId())).isTrue();

        runtime.deleteProcessInstance(flow.getId(), "test");
        assertThat(matches(EngineTables.isRunning("?"), flow.getId())).isFalse();
        assertThat(matches(EngineTables.waitsForMessage("?"), flow.getId())).isFalse();
    }

    @Test
    void readsTheDefinitionOfARunningFlowOnly() {
        // Two parallel branches: executions of their own inside the flow, and no variables.
        ProcessInstance flow = start("test-job-hand-over", Map.of());
        // Its step's job runs at once: let it end, so that deleting the flow below does not race it.
        await().atMost(FLOW_TIMEOUT).until(() -> engine.getManagementService().createJobQuery()
                .processInstanceId(flow.getId()).messages().count() == 0);

        assertThat(tables.runningFlow(flow.getId(), NAMES))
                .isEqualTo(new EngineTables.RunningFlow(flow.getProcessDefinitionId(), Map.of()));
        assertThat(runtime.createExecutionQuery().processInstanceId(flow.getId()).list())
                .filteredOn(execution -> !execution.getId().equals(flow.getId()))
                .isNotEmpty()
                .allSatisfy(branch -> assertThat(tables.runningFlow(branch.getId(), NAMES))
                        .as("an execution inside the flow is no flow").isNull());

        runtime.deleteProcessInstance(flow.getId(), "test");
        assertThat(tables.runningFlow(flow.getId(), NAMES)).as("a flow that has ended").isNull();
        assertThat(tables.runningFlow("no-such-flow", NAMES)).isNull();
    }

    private boolean matches(String condition, String processInstanceId) {
        return jdbc.queryForObject("select count(*) from (values (1)) v(x) where " + condition, Integer.class,
                processInstanceId) > 0;
    }
}
