package com.switchboard.correlation;

import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import com.switchboard.SwitchboardIntegrationTest;
import java.util.Map;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.RepeatedTest;

/**
 * Two invitations in flight on one call, in parallel branches: each branch is resumed by the result of
 * its own invitation. Crossed results would resume A with B's failure and B with A's success.
 */
class ParallelOperationsIT extends SwitchboardIntegrationTest {

    @RepeatedTest(3)
    void eachBranchIsResumedByItsOwnResult() {
        ProcessInstance flow = start("test-parallel-adds", Map.of("target", "8:acs:customer",
                "participantA", "8:acs:agent-a", "participantB", "8:acs:emulator-busy"));
        awaitEnded(flow);
        assertThat(flow).hasPassed("added_A", "failed_B").hasNotPassed("failed_A", "added_B");

        ProcessInstance mirrored = start("test-parallel-adds", Map.of("target", "8:acs:customer",
                "participantA", "8:acs:emulator-decline", "participantB", "8:acs:agent-b"));
        awaitEnded(mirrored);
        assertThat(mirrored).hasPassed("failed_A", "added_B").hasNotPassed("added_A", "failed_B");
    }
}
