package com.switchboard.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.switchboard.SwitchboardIntegrationTest;
import com.switchboard.emulator.AcsEmulator;
import com.switchboard.emulator.delivery.DeliveredEvent;
import com.switchboard.emulator.faults.FaultKind;
import com.switchboard.emulator.faults.Faults;
import com.switchboard.emulator.telephony.CallSnapshot;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Hundreds of concurrent calls through the emulator with every fault on at once: duplicated, reordered,
 * delayed callbacks, failed first delivery attempts, callbacks before the action's response, and
 * 429/500/503 answers on actions. Every flow must end on its expected path; no event may be lost,
 * correlated twice or cross to another flow; the unmatched list holds only events that came after their
 * flow had ended.
 */
class ChaosIT extends SwitchboardIntegrationTest {

    private static final int CALLS = 200;

    @Autowired
    AcsEmulator emulator;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    ObjectMapper mapper;

    @AfterEach
    void calm() {
        emulator.clearFaults();
    }

    @Test
    void everyFlowEndsWhereItShouldAndNoEventIsLostDuplicatedOrCrossed() throws Exception {
        emulator.clearDeliveredEvents();
        emulator.setFaults(Faults.NONE.withSeed(42L)
                .withDuplicateProbability(0.2)
                .withReorder(0.2, Duration.ofMillis(300))
                .withDelay(Duration.ofMillis(5), Duration.ofMillis(20))
                .withFailFirstAttemptProbability(0.1)
                .withDeliverBeforeResponse(true)
                .withActionFaults(0.1, 429, 500, 503));

        Map<String, String> expectedEnd = new LinkedHashMap<>();
        for (int i = 0; i < CALLS; i++) {
            Map<String, Object> variables = new HashMap<>();
            String end = switch (i % 10) {
                case 6 -> call(variables, "8:acs:emulator-busy", "8:acs:chaos-agent-" + i, "calleeBusy");
                case 7 -> call(variables, "8:acs:emulator-decline", "8:acs:chaos-agent-" + i, "calleeDeclined");
                case 8 -> call(variables, "8:acs:chaos-customer-" + i, "8:acs:emulator-busy", "callCompleted");
                case 9 -> {
                    variables.put("invitationTimeout", 60);
                    yield call(variables, "8:acs:emulator-hangs-up", "8:acs:emulator-no-answer", "endedByRemote");
                }
                default -> call(variables, "8:acs:chaos-customer-" + i, "8:acs:chaos-agent-" + i, "callCompleted");
            };
            expectedEnd.put(runtime.startProcessInstanceByKey("outbound-call", variables).getId(), end);
        }

        await().atMost(Duration.ofMinutes(4)).pollInterval(Duration.ofSeconds(1)).until(() ->
                history.createHistoricProcessInstanceQuery().processInstanceIds(expectedEnd.keySet()).completed().count() == CALLS);

        // Every flow on its path.
        expectedEnd.forEach((flow, end) -> assertThat(activities(flow)).as("flow %s", flow).contains(end));

        // The faults really happened.
        Map<FaultKind, Long> injected = emulator.injectedFaults();
        assertThat(injected.get(FaultKind.DUPLICATE)).isPositive();
        assertThat(injected.get(FaultKind.REORDER)).isPositive();
        assertThat(injected.get(FaultKind.FAIL_FIRST_ATTEMPT)).isPositive();
        assertThat(injected.get(FaultKind.ACTION_FAULT)).isPositive();

        Map<String, String> owners = new HashMap<>();
        jdbc.query("select call_connection_id, process_instance_id from call_owner", rs -> {
            owners.put(rs.getString(1), rs.getString(2));
        });
        Set<String> ourCalls = new HashSet<>();
        for (String flow : expectedEnd.keySet()) {
            String call = (String) variable(flow, "callConnectionId");
            assertThat(owners.get(call)).as("owner of call %s", call).isEqualTo(flow);
            ourCalls.add(call);
        }

        // One call per flow at ACS: retried actions never placed a second call.
        assertThat(emulator.calls().stream().map(CallSnapshot::callConnectionId).filter(ourCalls::contains)).hasSize(CALLS);

        // Late events settle within their time-to-live; none stays pending.
        await().atMost(Duration.ofSeconds(30)).until(() ->
                jdbc.queryForObject("select count(*) from callback_inbox where status = 'PENDING'", Long.class) == 0);

        // None lost: every event the emulator delivered is stored, once.
        Set<String> delivered = new HashSet<>();
        for (DeliveredEvent event : emulator.deliveredEvents()) {
            if (event.delivered() && ourCalls.contains(event.callConnectionId())) {
                delivered.add(mapper.readTree(event.event()).path("id").asText());
            }
        }
        List<String> stored = jdbc.queryForList("select event_id from callback_inbox", String.class);
        assertThat(stored).doesNotHaveDuplicates().containsAll(delivered);

        // None crossed: each delivered event reached the flow that owns its call.
        jdbc.query("select call_connection_id, process_instance_id, status, reason from callback_inbox", rs -> {
            String call = rs.getString(1);
            if (!ourCalls.contains(call)) {
                return;
            }
            String status = rs.getString(3);
            if (status.equals("CORRELATED") || status.equals("APPLIED")) {
                assertThat(rs.getString(2)).as("flow of an event of call %s", call).isEqualTo(owners.get(call));
            } else {
                assertThat(status).isEqualTo("UNMATCHED");
                assertThat(rs.getString(4)).as("why an event of call %s is unmatched", call).contains("has already ended");
            }
        });
    }

    private static String call(Map<String, Object> variables, String target, String participant, String end) {
        variables.put("target", target);
        variables.put("participant", participant);
        return end;
    }

    private Object variable(String processInstanceId, String name) {
        return history.createHistoricVariableInstanceQuery().processInstanceId(processInstanceId)
                .activityInstanceIdIn(processInstanceId).variableName(name).singleResult().getValue();
    }
}
