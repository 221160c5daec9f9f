package com.switchboard.flows;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import com.switchboard.SwitchboardIntegrationTest;
import com.switchboard.callbacks.CallbackInbox;
import com.switchboard.callbacks.InboxEntry;
import com.switchboard.callbacks.InboxStatus;
import com.switchboard.emulator.AcsEmulator;
import com.switchboard.emulator.delivery.DeliveredEvent;
import com.switchboard.emulator.recording.RecordingSnapshot;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.runtime.Incident;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * src/test/resources/processes/test-recording.bpmn: start, pause, resume and stop a call's recording, each waiting for
 * its RecordingStateChanged and branching on recordingState; a second start of the same call is an incident.
 */
class RecordingFlowIT extends SwitchboardIntegrationTest {

    private static final String AGENT = "8:acs:agent-1";

    @Autowired
    AcsEmulator emulator;
    @Autowired
    CallbackInbox inbox;

    @Test
    void aRecordingsWholeLifeReachesTheFlowAndASecondStartIsAnIncidentThatSaysWhy() {
        ProcessInstance flow = start("test-recording", Map.of("target", AGENT));

        // Started, paused, resumed, read: then the second start on the same call fails (after the job's retries;
        // a failing async step leaves no activity in history, the incident names it).
        await().atMost(FLOW_TIMEOUT).until(() ->
                runtime.createIncidentQuery().processInstanceId(flow.getId()).count() == 1);
        Incident incident = runtime.createIncidentQuery().processInstanceId(flow.getId()).singleResult();
        String callConnectionId = (String) runtime.getVariable(flow.getId(), "callConnectionId");
        assertThat(incident.getActivityId()).isEqualTo("startAgain");
        assertThat(incident.getIncidentMessage()).isEqualTo("ACS could not start recording call " + callConnectionId
                + ": HTTP 400, code 8553: Recording is already in progress for this call.");
        assertThat(activities(flow.getId())).containsSubsequence("connected", "startRecording", "recordingStarted",
                "isActive", "pauseRecording", "recordingPaused", "isPaused", "resumeRecording", "recordingResumed",
                "isResumed", "getRecordingState", "isStillActive").doesNotContain("unexpected");

        List<RecordingSnapshot> recordings = emulator.recordings(callConnectionId);
        assertThat(recordings).as("the refused start made no second recording").hasSize(1);
        RecordingSnapshot recording = recordings.get(0);
        assertThat(runtime.getVariable(flow.getId(), "recordingId")).isEqualTo(recording.recordingId());
        assertThat(runtime.getVariable(flow.getId(), "recordingState")).isEqualTo("active");
        assertThat(recording.locator()).as("named by its call connection id").isEqualTo("callConnectionId");
        assertThat(recording.apiVersion()).isEqualTo("2026-03-12");
        assertThat(recording.content()).isEqualTo("audio");
        assertThat(recording.channel()).isEqualTo("unmixed");
        assertThat(recording.format()).isEqualTo("wav");
        assertThat(recording.pauseOnStart()).isFalse();
        assertThat(recording.recordingStateCallbackUri()).as("the call's own signed callback URL")
                .contains("flow=" + flow.getId()).contains("&call=").contains("&sig=");

        // What an operator does in Cockpit with the incident: skip the failed step.
        runtime.createProcessInstanceModification(flow.getId()).cancelAllForActivity("startAgain")
                .startBeforeActivity("stopRecording").execute();
        awaitEnded(flow);

        assertThat(flow).hasPassedInOrder("stopRecording", "recordingStopped", "isStopped", "hangUp", "end")
                .hasNotPassed("unexpected");
        assertThat(variable(flow, "recordingId")).isEqualTo(recording.recordingId());
        assertThat(variable(flow, "recordingState")).isEqualTo("inactive");
        assertThat(inbox.ofCall(callConnectionId)).filteredOn(e -> e.eventName().equals("RecordingStateChanged"))
                .as("started, paused, resumed, stopped: each reached its wait").hasSize(4)
                .allSatisfy(e -> assertThat(e.status()).isEqualTo(InboxStatus.CORRELATED))
                .extracting(InboxEntry::payload)
                .allSatisfy(payload -> assertThat(payload).contains(recording.recordingId()));
        assertThat(emulator.deliveredEvents()).filteredOn(e -> e.type().endsWith("RecordingStateChanged")
                        && callConnectionId.equals(e.callConnectionId()))
                .hasSize(4).allSatisfy(e -> assertThat(e.callbackUri()).contains("flow=" + flow.getId()))
                .extracting(DeliveredEvent::delivered).containsOnly(true);
    }

    @Test
    void aRecordingNamedByItsServerCallIdStartsPausedUntilResumed() {
        ProcessInstance flow = start("test-recording-paused", Map.of("target", AGENT));
        await().atMost(FLOW_TIMEOUT).until(() -> activities(flow.getId()).contains("resumeRecording"));
        String callConnectionId = (String) variable(flow, "callConnectionId"); // from history: the flow may have ended already
        RecordingSnapshot recording = emulator.recordings(callConnectionId).get(0);
        awaitEnded(flow);

        assertThat(flow).hasPassedInOrder("startRecording", "recordingStarted", "isPaused", "resumeRecording",
                "recordingResumed", "isActive", "hangUp", "end").hasNotPassed("unexpected");
        assertThat(recording.locator()).isEqualTo("serverCallLocator");
        assertThat(recording.serverCallId()).isEqualTo(variable(flow, "serverCallId"));
        assertThat(recording.pauseOnStart()).isTrue();
        assertThat(recording.content()).isEqualTo("audioVideo");
        assertThat(recording.format()).isEqualTo("mp4");
        assertThat(recording.recordingStateCallbackUri()).contains("flow=" + flow.getId());
        assertThat(variable(flow, "recordingId")).isEqualTo(recording.recordingId());
        assertThat(inbox.ofCall(callConnectionId)).filteredOn(e -> e.eventName().equals("RecordingStateChanged")
                && e.status() == InboxStatus.CORRELATED).as("the paused start and the resume").hasSize(2);
    }
}
