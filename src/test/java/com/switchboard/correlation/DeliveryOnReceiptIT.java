package com.switchboard.correlation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.task;

import com.switchboard.SignedCallbacks;
import com.switchboard.SwitchboardIntegrationTest;
import com.switchboard.callbacks.CallbackInbox;
import com.switchboard.callbacks.CallbackUrls;
import com.switchboard.callbacks.InboxEntry;
import com.switchboard.callbacks.InboxStatus;
import com.switchboard.emulator.AcsEmulator;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.repository.Deployment;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.ResponseEntity;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A single callback whose flow waits for it is stored and delivered in one transaction, before the webhook answers;
 * one whose call has an earlier event waiting takes the usual path (stored, then correlated on the lanes in order);
 * one whose delivery fails is stored all the same, once, and the flow is untouched; one that no wait of the flow's
 * diagram is for updates the call's variables without the engine's correlation, as the diagram the flow runs now
 * (after a migration, the new one) says.
 */
class DeliveryOnReceiptIT extends SwitchboardIntegrationTest {

    private static final Duration PROMPTLY = Duration.ofSeconds(10);
    private static final String CALL_KEY = "on-receipt-call";

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
    CallbackUrls callbackUrls;
    @Autowired
    AcsEmulator emulator;
    @Autowired
    MeterRegistry meters;
    @Autowired
    CorrelationLanes lanes;

    @Test
    void aCallbackItsFlowWaitsForHasReachedTheFlowWhenTheWebhookAnswers() {
        ProcessInstance flow = start("test-wait-connected", Map.of());
        String call = ownedCall(flow, "waiting-");
        double delivered = onReceipt("delivered");

        assertThat(post(flow, callConnected(call)).getStatusCode().value()).isEqualTo(200);

        assertThat(runtime.createProcessInstanceQuery().processInstanceId(flow.getId()).count())
                .as("the flow took CallConnected before the answer").isZero();
        assertThat(inbox.ofCall(call)).singleElement().satisfies(event -> {
            // Stored once, as it ended: the same row the lanes' path leaves.
            assertThat(event.status()).isEqualTo(InboxStatus.CORRELATED);
            assertThat(event.processInstanceId()).isEqualTo(flow.getId());
            assertThat(event.attempts()).isEqualTo(1);
            assertThat(event.handledAt()).isNotNull().isAfterOrEqualTo(event.receivedAt());
            assertThat(event.reason()).isNull();
            assertThat(event.claimedFlow()).isEqualTo(flow.getId());
            assertThat(event.claimedCallKey()).isEqualTo(CALL_KEY);
            assertThat(event.origin()).isEqualTo("RECEIVED");
        });
        assertThat(onReceipt("delivered")).isEqualTo(delivered + 1);
    }

    @Test
    void aRedeliveryOrAConflictOfADeliveredCallbackIsNotTriedAgain() throws InterruptedException {
        ProcessInstance flow = start("test-wait-connected", Map.of());
        String call = ownedCall(flow, "again-");
        String event = callConnected(call);
        assertThat(post(flow, event).getStatusCode().value()).isEqualTo(200);
        double duplicates = meters.counter("switchboard.callbacks.duplicates").count();
        double conflicts = meters.counter("switchboard.callbacks.conflicts").count();
        double delivered = onReceipt("delivered");
        double storedAlready = onReceipt("stored-already");
        double rolledBack = leftBecause("rolled-back");
        double laneNotFree = leftBecause("lane-busy") + leftBecause("lane-late");
        lanesIdle();

        assertThat(post(flow, event).getStatusCode().value()).as("ACS delivers again").isEqualTo(200);
        assertThat(post(flow, event.replace("server-1", "server-2")).getStatusCode().value())
                .as("the same id, another payload").isEqualTo(200);

        assertThat(meters.counter("switchboard.callbacks.duplicates").count()).isEqualTo(duplicates + 1);
        assertThat(meters.counter("switchboard.callbacks.conflicts").count()).isEqualTo(conflicts + 1);
        assertThat(onReceipt("delivered")).as("neither is delivered again").isEqualTo(delivered);
        // Each is answered on receipt from the stored event, without a try on the ended flow that the insert's unique
        // key would roll back. The counters are the node's: only a lane that another call's callback kept busy (the
        // lanes were idle when the test began) sends one of them to the usual path instead, which finds it stored too.
        assertThat(leftBecause("rolled-back")).as("not tried again").isEqualTo(rolledBack);
        double answeredStored = onReceipt("stored-already") - storedAlready;
        assertThat(answeredStored).as("counted as what they are, not as events left waiting").isLessThanOrEqualTo(2);
        assertThat(answeredStored + leftBecause("lane-busy") + leftBecause("lane-late") - laneNotFree)
                .as("stored already, or (the lane taken) left to the usual path").isGreaterThanOrEqualTo(2);
        assertThat(inbox.ofCall(call)).singleElement().satisfies(stored -> {
            assertThat(stored.status()).isEqualTo(InboxStatus.CORRELATED);
            assertThat(stored.payload()).contains("server-1");
        });
        assertThat(inbox.conflicts(1000)).anySatisfy(conflict -> assertThat(conflict.payload()).contains(call, "server-2"));
    }

    @Test
    void aCallbackWhoseCallHasAnEarlierEventWaitingTakesTheUsualPath() {
        ProcessInstance flow = start("test-late-wait", Map.of("target", "+14255550123", "callerId", "+14255550100"));
        await().atMost(PROMPTLY).untilAsserted(() -> assertThat(flow).isWaitingAt("hold"));
        String call = (String) runtime.getVariable(flow.getId(), "callConnectionId");
        await().atMost(PROMPTLY).until(() -> statusOf(call, "CallConnected") == InboxStatus.PENDING);
        assertThat(inbox.ofCall(call)).filteredOn(e -> e.eventName().equals("CallConnected")).singleElement()
                .satisfies(waiting -> {
                    // The flow models the wait but is not at it yet: the call's variables are applied, the event waits.
                    assertThat(waiting.variablesApplied()).isTrue();
                    assertThat(waiting.processInstanceId()).isEqualTo(flow.getId());
                    assertThat(waiting.attempts()).isZero();
                    assertThat(waiting.handledAt()).isNull();
                });
        assertThat(runtime.getVariable(flow.getId(), "callState")).as("applied while it waits").isEqualTo("connected");
        double left = onReceipt("left-to-the-lanes");

        // CallConnected waits for the flow to leave "hold": a later event of the call is not delivered on receipt.
        String callKey = ownership.ownerOf(call).callbackKey();
        String laterId = UUID.randomUUID().toString();
        assertThat(post(flow, callKey, participantsUpdated(laterId, call)).getStatusCode().value()).isEqualTo(200);
        assertThat(onReceipt("left-to-the-lanes")).as("an earlier event waits: the usual path").isGreaterThan(left);
        assertThat(statusOf(call, "CallConnected")).isEqualTo(InboxStatus.PENDING);

        tasks.complete(task(flow).getId());
        awaitEnded(flow);
        List<InboxEntry> events = inbox.ofCall(call);
        InboxEntry connected = events.stream().filter(e -> e.eventName().equals("CallConnected")).findFirst().orElseThrow();
        InboxEntry updated = events.stream().filter(e -> e.eventId().equals(laterId)).findFirst().orElseThrow();
        assertThat(connected.status()).isEqualTo(InboxStatus.CORRELATED);
        // On the lanes, as any event: the earlier one is tried again before it, and it updates the call's variables.
        assertThat(updated.status()).isEqualTo(InboxStatus.APPLIED);
    }

    @Test
    void anEventTheDiagramModelsNoWaitForUpdatesTheCallAndAfterAMigrationReachesTheNewDiagramsWait() {
        BpmnModelInstance before = Bpmn.createExecutableProcess("test-migrated-wait").startEvent()
                .userTask("hold").endEvent().done();
        BpmnModelInstance after = Bpmn.createExecutableProcess("test-migrated-wait").startEvent()
                .userTask("hold").boundaryEvent("updated").cancelActivity(false).message("ParticipantsUpdated")
                .endEvent("noticed").moveToActivity("hold").endEvent().done();
        RepositoryService repository = engine.getRepositoryService();
        Deployment first = repository.createDeployment().addModelInstance("test-migrated-wait.bpmn", before).deploy();
        Deployment second = null;
        try {
            ProcessInstance flow = runtime.startProcessInstanceByKey("test-migrated-wait");
            String call = ownedCall(flow, "migrated-");
            String unmodelled = UUID.randomUUID().toString();
            assertThat(post(flow, participantsUpdated(unmodelled, call, 1)).getStatusCode().value()).isEqualTo(200);
            assertThat(inbox.ofCall(call)).singleElement().satisfies(event -> {
                assertThat(event.status()).isEqualTo(InboxStatus.APPLIED);
                assertThat(event.reason()).isEqualTo("The flow models no wait for ParticipantsUpdated; the call's "
                        + "variables were updated");
            });
            assertThat(runtime.getVariable(flow.getId(), CallVariables.PARTICIPANTS_SEQUENCE)).as("the call's variables")
                    .isEqualTo(1);

            second = repository.createDeployment().addModelInstance("test-migrated-wait.bpmn", after).deploy();
            String target = repository.createProcessDefinitionQuery().deploymentId(second.getId()).singleResult().getId();
            runtime.newMigration(runtime.createMigrationPlan(flow.getProcessDefinitionId(), target)
                    .mapEqualActivities().build()).processInstanceIds(flow.getId()).execute();

            String modelled = UUID.randomUUID().toString();
            assertThat(post(flow, participantsUpdated(modelled, call, 2)).getStatusCode().value()).isEqualTo(200);
            await().atMost(PROMPTLY).untilAsserted(() -> assertThat(inbox.ofCall(call))
                    .filteredOn(event -> event.eventId().equals(modelled)).singleElement()
                    .extracting(InboxEntry::status).as("the migrated flow's diagram waits for it")
                    .isEqualTo(InboxStatus.CORRELATED));
            assertThat(flow).hasPassed("noticed").isWaitingAt("hold");
            assertThat(runtime.getVariable(flow.getId(), CallVariables.PARTICIPANTS_SEQUENCE)).isEqualTo(2);
        } finally {
            repository.deleteDeployment(first.getId(), true);
            if (second != null) {
                repository.deleteDeployment(second.getId(), true);
            }
        }
    }

    @Test
    void aDeliveryThatFailsIsRolledBackAndTheCallbackStoredOnceAllTheSame() throws InterruptedException {
        ProcessInstance flow = start("test-fails-on-connected", Map.of());
        String call = ownedCall(flow, "failing-");
        double rolledBack = leftBecause("rolled-back");
        double laneNotFree = leftBecause("lane-busy") + leftBecause("lane-late");
        lanesIdle();

        assertThat(post(flow, callConnected(call)).getStatusCode().value()).as("stored, not lost").isEqualTo(200);

        assertThat(leftBecause("rolled-back") - rolledBack
                + leftBecause("lane-busy") + leftBecause("lane-late") - laneNotFree)
                .as("tried on receipt and rolled back (unless another call's callback kept the lane)")
                .isGreaterThanOrEqualTo(1);
        assertThat(flow).isWaitingAt("callConnected");
        await().atMost(PROMPTLY).untilAsserted(() -> assertThat(inbox.ofCall(call)).singleElement().satisfies(event -> {
            assertThat(event.status()).isEqualTo(InboxStatus.PENDING);
            assertThat(event.reason()).startsWith("Delivering it to the flow failed");
        }));
        assertThat(flow).as("nothing of the failed delivery stayed").isWaitingAt("callConnected");
        runtime.deleteProcessInstance(flow.getId(), "test done");
    }

    private String ownedCall(ProcessInstance flow, String prefix) {
        String call = prefix + UUID.randomUUID();
        transactions.executeWithoutResult(status -> ownership.register(call, flow.getId(), CALL_KEY));
        return call;
    }

    /** Lets the lanes finish what earlier tests' calls left them, so that a callback of this test finds its lane free. */
    private void lanesIdle() throws InterruptedException {
        assertThat(lanes.awaitLanes(Instant.now().plus(PROMPTLY))).as("the lanes idle").isTrue();
    }

    private double leftBecause(String reason) {
        return meters.get("switchboard.callbacks.on-receipt.left").tag("reason", reason).counter().count();
    }

    private double onReceipt(String outcome) {
        return meters.get("switchboard.callbacks.on-receipt").tag("outcome", outcome).counter().count();
    }

    private InboxStatus statusOf(String call, String eventName) {
        return inbox.ofCall(call).stream().filter(e -> e.eventName().equals(eventName)).map(InboxEntry::status)
                .findFirst().orElse(null);
    }

    private static String callConnected(String call) {
        return """
                [{"id":"%s","type":"Microsoft.Communication.CallConnected","source":"calling/callConnections/%s",
                  "specversion":"1.0","data":{"callConnectionId":"%s","serverCallId":"server-1"}}]
                """.formatted(UUID.randomUUID(), call, call);
    }

    private static String participantsUpdated(String eventId, String call) {
        return participantsUpdated(eventId, call, 1);
    }

    private static String participantsUpdated(String eventId, String call, int sequence) {
        return """
                [{"id":"%s","type":"Microsoft.Communication.ParticipantsUpdated","source":"calling/callConnections/%s",
                  "specversion":"1.0","data":{"callConnectionId":"%s","sequenceNumber":%d,"participants":[]}}]
                """.formatted(eventId, call, call, sequence);
    }

    private ResponseEntity<String> post(ProcessInstance flow, String body) {
        return post(flow, CALL_KEY, body);
    }

    private ResponseEntity<String> post(ProcessInstance flow, String callKey, String body) {
        return new SignedCallbacks(http, callbackUrls, emulator).post(flow.getId(), callKey, body);
    }
}
