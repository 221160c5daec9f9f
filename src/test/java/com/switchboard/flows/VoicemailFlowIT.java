package com.switchboard.flows;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import com.switchboard.callbacks.CallbackInbox;
import com.switchboard.callbacks.InboxEntry;
import com.switchboard.callbacks.InboxStatus;
import com.switchboard.emulator.delivery.EventGridSchema;
import com.switchboard.emulator.recording.RecordingSnapshot;
import com.switchboard.emulator.recording.RecordingTransition;
import com.switchboard.emulator.telephony.IncomingCallRequest;
import com.switchboard.emulator.telephony.IncomingCallResult;
import java.util.List;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/** processes/voicemail.bpmn: a call to the voicemail line, routed by incoming-call-routing.dmn, leaves a message. */
class VoicemailFlowIT extends MediaFlowSupport {

    static final String VOICEMAIL_LINE = "+18005550140";
    static final String CALLER = "+14255550123";
    static final String BEEP = "https://media.switchboard.example/prompts/beep.wav";

    @Autowired
    CallbackInbox inbox;
    @LocalServerPort
    int port;

    @BeforeEach
    void subscribe() {
        emulator.setEventGridSubscription("http://localhost:" + port + "/api/incoming-calls", EventGridSchema.EVENT_GRID);
    }

    @Test
    void theCallerHearsTheBeepLeavesAMessageAndHangsUp() {
        ProcessInstance flow = callTheVoicemailLine();
        awaitWaitingAt(flow, "awaitMessage");
        String callConnectionId = callConnectionId(flow);
        String recordingId = (String) runtime.getVariable(flow.getId(), "recordingId");
        assertThat(recordingId).as("the recording's id is a flow variable while the caller speaks").isNotBlank();
        assertThat(heard(callConnectionId)).as("the beep, and nothing else").containsExactly(BEEP);
        assertThat(media(callConnectionId).path("prompts")).singleElement()
                .satisfies(prompt -> assertThat(prompt.path("outcome").asText()).isEqualTo("completed"));
        await().atMost(FLOW_TIMEOUT).untilAsserted(() -> assertThat(emulator.recordings(callConnectionId))
                .singleElement().satisfies(recording -> {
                    assertThat(recording.recordingId()).isEqualTo(recordingId);
                    assertThat(recording.state()).isEqualTo("active");
                    assertThat(recording.content()).isEqualTo("audio");
                    assertThat(recording.format()).isEqualTo("wav");
                }));

        emulator.hangUpParticipant(callConnectionId, "4:" + CALLER);
        awaitEnded(flow);

        assertThat(flow).hasPassedInOrder("answerCall", "callConnected", "playBeep", "beepPlayed", "startRecording",
                "callerHungUp", "messageLeft").hasNotPassed("maxLength", "stopRecording", "beepFailed", "beepTimeout");
        assertThat(variable(flow, "recordingId")).isEqualTo(recordingId);
        assertThat(emulator.recordings(callConnectionId)).singleElement().satisfies(recording ->
                assertThat(recording.history()).extracting(RecordingTransition::state).endsWith("stopped"));
        assertThat(inbox.ofCall(callConnectionId)).filteredOn(e -> e.status() == InboxStatus.CORRELATED)
                .extracting(InboxEntry::eventName).containsExactly("CallConnected", "PlayCompleted", "CallDisconnected");
    }

    @Test
    void afterSixtySecondsTheRecordingIsStoppedAndTheCallEnded() {
        ProcessInstance flow = callTheVoicemailLine();
        awaitWaitingAt(flow, "awaitMessage");
        String callConnectionId = callConnectionId(flow);
        String recordingId = (String) runtime.getVariable(flow.getId(), "recordingId");

        timePasses(flow, "maxLength");
        awaitEnded(flow);

        assertThat(flow).hasPassedInOrder("startRecording", "maxLength", "stopRecording", "hangUp", "messageRecorded")
                .hasNotPassed("callerHungUp");
        List<RecordingSnapshot> recordings = emulator.recordings(callConnectionId);
        assertThat(recordings).singleElement().satisfies(recording -> {
            assertThat(recording.recordingId()).isEqualTo(recordingId);
            assertThat(recording.history()).extracting(RecordingTransition::cause).contains("start", "stop");
            assertThat(recording.history()).filteredOn(t -> t.cause().equals("stop")).singleElement()
                    .extracting(RecordingTransition::state).isEqualTo("stopped");
        });
        assertThat(emulator.call(callConnectionId).orElseThrow().state()).isEqualTo("disconnected");
    }

    private ProcessInstance callTheVoicemailLine() {
        IncomingCallResult call = emulator.placeIncomingCall(IncomingCallRequest.of(CALLER, VOICEMAIL_LINE));
        String id = awaitFlowFor(call);
        assertThat(history.createHistoricProcessInstanceQuery().processInstanceId(id).singleResult()
                .getProcessDefinitionKey()).as("the routing table's voicemail rule").isEqualTo("voicemail");
        return runtime.createProcessInstanceQuery().processInstanceId(id).singleResult();
    }

    private String awaitFlowFor(IncomingCallResult call) {
        await().atMost(FLOW_TIMEOUT).until(() ->
                history.createHistoricProcessInstanceQuery().processInstanceBusinessKey(call.correlationId()).count() == 1);
        return history.createHistoricProcessInstanceQuery().processInstanceBusinessKey(call.correlationId())
                .singleResult().getId();
    }
}
