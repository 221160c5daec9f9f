package com.switchboard.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.switchboard.SwitchboardIntegrationTest;
import com.switchboard.callbacks.CallbackInbox;
import com.switchboard.callbacks.InboxEntry;
import com.switchboard.emulator.AcsEmulator;
import com.switchboard.emulator.telephony.CallSnapshot;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * No call is left live at ACS without a flow that owns it: a call whose step fails after making it is owned all
 * the same (and made once, however often the step is retried), and a call whose flow ends or is cancelled is
 * hung up.
 */
class OrphanCallsIT extends SwitchboardIntegrationTest {

    @Autowired
    AcsEmulator emulator;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    CallbackInbox inbox;

    @Test
    void aCallWhoseStepFailsAfterwardsIsOwnedMadeOnceAndHungUpWhenTheFlowIsCancelled() {
        String target = "8:acs:orphan-" + UUID.randomUUID();
        ProcessInstance flow = start("test-fails-after-call", Map.of("target", target));
        await().atMost(FLOW_TIMEOUT).until(() -> runtime.createIncidentQuery().processInstanceId(flow.getId()).count() == 1);

        List<CallSnapshot> calls = callsTo(target);
        assertThat(calls).as("one call, however often the step was tried").hasSize(1);
        String call = calls.get(0).callConnectionId();
        assertThat(jdbc.queryForObject("select process_instance_id from made_call where call_connection_id = ?",
                String.class, call)).as("known as the flow's call though its step never committed").isEqualTo(flow.getId());
        await().atMost(Duration.ofSeconds(10)).until(() -> "connected".equals(emulator.call(call).orElseThrow().state()));
        await().atMost(Duration.ofSeconds(10)).until(() -> inbox.ofCall(call).stream().map(InboxEntry::eventName)
                .anyMatch("CallConnected"::equals));

        // An operator cancels the flow in Cockpit (which skips custom listeners by default).
        runtime.deleteProcessInstance(flow.getId(), "cancelled by an operator", true);

        await().atMost(Duration.ofSeconds(10)).until(() -> "disconnected".equals(emulator.call(call).orElseThrow().state()));
        assertThat(emulator.call(call).orElseThrow().operations()).anyMatch(operation -> operation.name().equals("Terminate")
                || operation.name().equals("HangUp"));
    }

    @Test
    void aFlowThatEndsWithItsCallLiveHangsItUp() {
        String target = "8:acs:left-live-" + UUID.randomUUID();
        ProcessInstance flow = start("test-ends-with-live-call", Map.of("target", target));
        awaitEnded(flow);
        String call = callsTo(target).get(0).callConnectionId();
        await().atMost(Duration.ofSeconds(10)).until(() -> "disconnected".equals(emulator.call(call).orElseThrow().state()));
        // The janitor hangs up first and then marks the call released: the emulator may see the first before the mark commits.
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(jdbc.queryForObject(
                "select count(*) from made_call where call_connection_id = ? and released_at is not null",
                Integer.class, call)).isEqualTo(1));
    }

    private List<CallSnapshot> callsTo(String target) {
        return emulator.calls().stream().filter(call -> call.targets().contains(target)).toList();
    }
}
