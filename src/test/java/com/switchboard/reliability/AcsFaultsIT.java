package com.switchboard.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.switchboard.SwitchboardIntegrationTest;
import com.switchboard.emulator.AcsEmulator;
import com.switchboard.emulator.faults.FaultedAction;
import com.switchboard.emulator.faults.Faults;
import com.switchboard.emulator.telephony.CallSnapshot;
import java.time.Duration;
import java.util.Map;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.runtime.Incident;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * ACS answering an action with 503 again and again: the pipeline retries with backoff, the job retries,
 * then the flow shows an incident saying what ACS answered. When ACS is back, the operator's retry goes
 * on with the same request identity, so still only one call is placed.
 */
class AcsFaultsIT extends SwitchboardIntegrationTest {

    @Autowired
    AcsEmulator emulator;
    @Autowired
    ManagementService management;

    @AfterEach
    void calm() {
        emulator.clearFaults();
    }

    @Test
    void anOutageBecomesAnIncidentAndTheOperatorsRetryPlacesOneCall() {
        emulator.setFaults(Faults.NONE.withFailNextActions(1_000, 503));
        String target = "8:acs:outage-customer";
        ProcessInstance flow = start("outbound-call", Map.of("target", target, "participant", "8:acs:outage-agent"));

        await().atMost(Duration.ofSeconds(60)).until(() ->
                runtime.createIncidentQuery().processInstanceId(flow.getId()).count() == 1);
        Incident incident = runtime.createIncidentQuery().processInstanceId(flow.getId()).singleResult();
        assertThat(incident.getActivityId()).isEqualTo("createCall");
        assertThat(incident.getIncidentMessage()).startsWith("ACS could not create the call to [" + target + "]: HTTP 503");
        assertThat(emulator.faultedActions()).extracting(FaultedAction::repeatabilityRequestId).hasSizeGreaterThan(3)
                .containsOnly(emulator.faultedActions().get(0).repeatabilityRequestId());

        emulator.clearFaults();
        management.setJobRetries(incident.getConfiguration(), 1);
        awaitEnded(flow);
        assertThat(activities(flow.getId())).contains("callCompleted");
        assertThat(emulator.calls().stream().filter(call -> call.targets().contains(target)).map(CallSnapshot::callConnectionId))
                .hasSize(1);
    }
}
