package com.switchboard.correlation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.task;

import com.switchboard.MovableClock;
import com.switchboard.SignedCallbacks;
import com.switchboard.SwitchboardIntegrationTest;
import com.switchboard.callbacks.CallbackInbox;
import com.switchboard.callbacks.InboxEntry;
import com.switchboard.callbacks.InboxStatus;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.context.annotation.Import;
import org.springframework.http.ResponseEntity;
import org.springframework.test.context.TestPropertySource;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Events that arrive before their flow can take them are delivered the moment it can: when the wait state
 * commits, or when the action that owns the call commits. The sweep is switched off here, so only the
 * event-driven path can pass these tests. An event nobody takes waits its time-to-live, an hour here, which only a
 * moved clock lets pass within the test.
 */
@TestPropertySource(properties = {"switchboard.callbacks.sweep-interval=1h", "switchboard.callbacks.early-event-ttl=1h"})
@Import(MovableClock.InPlace.class)
class EarlyEventIT extends SwitchboardIntegrationTest {

    private static final Duration PROMPTLY = Duration.ofSeconds(5);
    private static final String CALL_KEY = "early-call";

    @Autowired
    CallbackInbox inbox;
    @Autowired
    CallOwnership ownership;
    @Autowired
    TaskService tasks;
    @Autowired
    TransactionTemplate transactions;
    @Autowired
    TestRestTemplate http;
    @Autowired
    com.switchboard.callbacks.CallbackUrls callbackUrls;
    @Autowired
    com.switchboard.emulator.AcsEmulator emulator;
    @Autowired
    MovableClock clock;
    @Autowired
    CorrelationLanes lanes;

    @Test
    void anEventThatArrivesBeforeItsWaitStateIsDeliveredWhenTheWaitStateCommits() {
        ProcessInstance flow = start("test-late-wait", Map.of("target", "+14255550123", "callerId", "+14255550100"));
        await().atMost(PROMPTLY).untilAsserted(() -> assertThat(flow).isWaitingAt("hold"));
        String callConnectionId = (String) runtime.getVariable(flow.getId(), "callConnectionId");
        await().atMost(PROMPTLY).until(() -> statusOf(callConnectionId, "CallConnected") == InboxStatus.PENDING);

        tasks.complete(task(flow).getId());

        await().atMost(PROMPTLY).until(() -> runtime.createProcessInstanceQuery().processInstanceId(flow.getId()).count() == 0);
        assertThat(statusOf(callConnectionId, "CallConnected")).isEqualTo(InboxStatus.CORRELATED);
    }

    @Test
    void anEventThatArrivesBeforeItsCallHasAnOwnerIsDeliveredWhenTheOwnerCommits() throws InterruptedException {
        ProcessInstance flow = start("test-wait-connected", Map.of());
        String callConnectionId = "early-" + UUID.randomUUID();
        ResponseEntity<String> response = post(flow.getId(), """
                [{"id":"%s","type":"Microsoft.Communication.CallConnected","source":"calling/callConnections/%s",
                  "specversion":"1.0","data":{"callConnectionId":"%s","serverCallId":"server-1"}}]
                """.formatted(UUID.randomUUID(), callConnectionId, callConnectionId));
        assertThat(response.getStatusCode().value()).isEqualTo(200);
        Thread.sleep(500);
        assertThat(statusOf(callConnectionId, "CallConnected")).isEqualTo(InboxStatus.PENDING);
        assertThat(flow).isWaitingAt("callConnected");

        transactions.executeWithoutResult(status -> ownership.register(callConnectionId, flow.getId(), CALL_KEY));

        await().atMost(PROMPTLY).until(() -> runtime.createProcessInstanceQuery().processInstanceId(flow.getId()).count() == 0);
        assertThat(statusOf(callConnectionId, "CallConnected")).isEqualTo(InboxStatus.CORRELATED);
        assertThat(variable(flow, "serverCallId")).isEqualTo("server-1");
    }

    @Test
    void aCallbackOfATypeAcsDoesNotSendNeverReachesAFlowsOwnMessage() {
        ProcessInstance flow = start("test-wait-own-message", Map.of());
        String callConnectionId = "own-" + UUID.randomUUID();
        transactions.executeWithoutResult(status -> ownership.register(callConnectionId, flow.getId(), CALL_KEY));
        ResponseEntity<String> response = post(flow.getId(), """
                [{"id":"%s","type":"Microsoft.Communication.flow:Escalate","source":"calling/callConnections/%s",
                  "specversion":"1.0","data":{"callConnectionId":"%s"}}]
                """.formatted(UUID.randomUUID(), callConnectionId, callConnectionId));
        assertThat(response.getStatusCode().value()).as("stored, not lost").isEqualTo(200);

        await().atMost(PROMPTLY).until(() -> statusOf(callConnectionId, "flow:Escalate") == InboxStatus.UNMATCHED);
        assertThat(inbox.ofCall(callConnectionId)).singleElement().satisfies(event ->
                assertThat(event.reason()).isEqualTo("flow:Escalate is no ACS Call Automation event: no flow waits for it"));
        assertThat(flow).isWaitingAt("escalated");
        runtime.deleteProcessInstance(flow.getId(), "test done");
    }

    @Test
    void anEventNoFlowTakesIsUnmatchedOnceItsTimeToLiveHasPassed() throws InterruptedException {
        ProcessInstance flow = start("test-wait-connected", Map.of());
        String callConnectionId = "nobodys-" + UUID.randomUUID();
        post(flow.getId(), """
                [{"id":"%s","type":"Microsoft.Communication.CallConnected","source":"calling/callConnections/%s",
                  "specversion":"1.0","data":{"callConnectionId":"%s"}}]
                """.formatted(UUID.randomUUID(), callConnectionId, callConnectionId));
        lanes.submit(callConnectionId);
        Thread.sleep(500);
        assertThat(statusOf(callConnectionId, "CallConnected")).as("within its time-to-live").isEqualTo(InboxStatus.PENDING);

        clock.advance(Duration.ofHours(1).plusSeconds(1));
        lanes.submit(callConnectionId);

        await().atMost(PROMPTLY).until(() -> statusOf(callConnectionId, "CallConnected") == InboxStatus.UNMATCHED);
        assertThat(inbox.ofCall(callConnectionId).get(0).reason()).startsWith("No flow owns call connection " + callConnectionId);
        runtime.deleteProcessInstance(flow.getId(), "test");
    }

    private InboxStatus statusOf(String callConnectionId, String eventName) {
        List<InboxEntry> events = inbox.ofCall(callConnectionId).stream()
                .filter(e -> e.eventName().equals(eventName)).toList();
        return events.isEmpty() ? null : events.get(0).status();
    }

    private ResponseEntity<String> post(String flowId, String body) {
        return new SignedCallbacks(http, callbackUrls, emulator).post(flowId, CALL_KEY, body);
    }
}
