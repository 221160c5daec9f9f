package com.switchboard.engine;

import static org.assertj.core.api.Assertions.assertThat;

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
        assertThat(tables.variables(flow.getId(), NAMES))
                .as("strings, integers and nulls; not one of another type, not one that was not asked for")
                .isEqualTo(expected);

        runtime.deleteProcessInstance(flow.getId(), "test");
        assertThat(tables.variables(flow.getId(), NAMES)).as("a flow that has ended has none").isEmpty();
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
        ProcessInstance flow = start("test-wait-connected", Map.of());

        assertThat(tables.definitionOfRunning(flow.getId())).isEqualTo(flow.getProcessDefinitionId());
        runtime.createExecutionQuery().processInstanceId(flow.getId()).list().stream()
                .filter(execution -> !execution.getId().equals(flow.getId()))
                .forEach(branch -> assertThat(tables.definitionOfRunning(branch.getId()))
                        .as("an execution inside the flow is no flow").isNull());

        runtime.deleteProcessInstance(flow.getId(), "test");
        assertThat(tables.definitionOfRunning(flow.getId())).as("a flow that has ended").isNull();
        assertThat(tables.definitionOfRunning("no-such-flow")).isNull();
    }

    private boolean matches(String condition, String processInstanceId) {
        return jdbc.queryForObject("select count(*) from (values (1)) v(x) where " + condition, Integer.class,
                processInstanceId) > 0;
    }
}
