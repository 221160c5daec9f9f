package com.switchboard.correlation;

import static org.assertj.core.api.Assertions.assertThat;

import com.switchboard.SwitchboardIntegrationTest;
import java.util.HashMap;
import java.util.Map;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** The flow's call variables as correlation compares them, read from the engine's table on H2. */
class CurrentCallVariablesIT extends SwitchboardIntegrationTest {

    @Autowired
    CurrentCallVariables currentVariables;

    @Test
    void readsTheCallVariablesTheEngineStored() {
        Map<String, Object> variables = new HashMap<>(Map.of("lastEvent", "CallConnected", "participantCount", 2,
                CallVariables.PARTICIPANTS_SEQUENCE, 7, "callState", 1L, "target", "+14255550123"));
        variables.put("lastResultCode", null);
        ProcessInstance flow = start("test-wait-connected", variables);

        Map<String, Object> expected = new HashMap<>(Map.of("lastEvent", "CallConnected", "participantCount", 2,
                CallVariables.PARTICIPANTS_SEQUENCE, 7));
        expected.put("lastResultCode", null);
        assertThat(currentVariables.of(flow.getId()))
                .as("strings, integers and nulls; not a call variable of another type, not other variables")
                .isEqualTo(expected);

        runtime.deleteProcessInstance(flow.getId(), "test");
        assertThat(currentVariables.of(flow.getId())).as("a flow that has ended has none").isEmpty();
    }
}
