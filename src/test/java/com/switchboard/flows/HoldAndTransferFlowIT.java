package com.switchboard.flows;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import com.switchboard.emulator.telephony.CallSnapshot;
import java.util.Map;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.Test;

/**
 * processes/hold-and-transfer.bpmn, every path: the customer waits on hold with music while the agent is added, and
 * is taken off hold when the agent answers; an agent who does not come means off hold, an apology, the end.
 */
class HoldAndTransferFlowIT extends MediaFlowSupport {

    static final String CUSTOMER = "+14255550171";
    static final String AGENT = "8:acs:hold-agent";
    static final String HOLD_MUSIC = "https://media.switchboard.example/prompts/hold-music.wav";
    static final String APOLOGY = "We are sorry: no agent is free right now. Please call us again later. Goodbye.";

    @Test
    void theCustomerWaitsOnHoldUntilTheAgentAnswers() {
        ProcessInstance flow = holdAndTransfer(CUSTOMER, AGENT);
        awaitWaitingAt(flow, "awaitEnd");
        String callConnectionId = callConnectionId(flow);
        assertThat(flow).hasPassedInOrder("callCustomer", "answered", "holdCustomer", "addAgent", "agentAnswered",
                "takeOffHold");
        assertThat(heard(callConnectionId)).as("the hold music, and nothing else").containsExactly(HOLD_MUSIC);
        assertThat(emulator.call(callConnectionId).orElseThrow().participants()).contains("4:" + CUSTOMER, AGENT);
        assertThat(onHold(callConnectionId, "4:" + CUSTOMER)).isFalse();

        emulator.hangUpParticipant(callConnectionId, AGENT);
        emulator.hangUpParticipant(callConnectionId, "4:" + CUSTOMER);
        awaitEnded(flow);
        assertThat(flow).hasPassedInOrder("takeOffHold", "callEnded", "callHandled")
                .hasNotPassed("agentNotAdded", "apologise");
    }

    @Test
    void whileTheAgentRingsTheCustomerIsOnHold() {
        // The agent never answers: ACS gives up after the ring timeout (3 s in tests) with 408.
        ProcessInstance flow = holdAndTransfer(CUSTOMER, "8:acs:emulator-no-answer");
        awaitWaitingAt(flow, "awaitAgent");
        String callConnectionId = callConnectionId(flow);
        await().atMost(FLOW_TIMEOUT).until(() -> onHold(callConnectionId, "4:" + CUSTOMER));

        awaitEnded(flow);
        assertThat(flow).hasPassedInOrder("holdCustomer", "addAgent", "agentNotAdded", "noAgent", "unholdNoAgent",
                "apologise", "apologySaid", "hangUpNoAgent", "noAgentAvailable").hasNotPassed("agentAnswered");
        assertThat(resultCodeOf(callConnectionId, "AddParticipantFailed")).isEqualTo(408);
        assertThat(heard(callConnectionId)).containsExactly(HOLD_MUSIC, APOLOGY);
    }

    @Test
    void aBusyAgentMeansOffHoldAnApologyAndTheEnd() {
        ProcessInstance flow = holdAndTransfer(CUSTOMER, "8:acs:emulator-busy");
        awaitEnded(flow);
        assertThat(flow).hasPassedInOrder("agentNotAdded", "unholdNoAgent", "apologise", "apologySaid",
                "hangUpNoAgent", "noAgentAvailable");
        String callConnectionId = callConnectionId(flow);
        assertThat(resultCodeOf(callConnectionId, "AddParticipantFailed")).isEqualTo(486);
        assertThat(heard(callConnectionId)).endsWith(APOLOGY);
        assertThat(emulator.call(callConnectionId).map(CallSnapshot::state)).hasValue("disconnected");
    }

    @Test
    void anAgentWhoDoesNotAnswerInTimeIsGivenUpOn() {
        ProcessInstance flow = holdAndTransfer(CUSTOMER, "8:acs:emulator-no-answer");
        awaitWaitingAt(flow, "awaitAgent");
        timePasses(flow, "agentTimeout");
        awaitEnded(flow);
        assertThat(flow).hasPassedInOrder("addAgent", "agentTimeout", "noAgent", "unholdNoAgent", "apologise",
                "hangUpNoAgent", "noAgentAvailable").hasNotPassed("agentNotAdded", "agentAnswered");
    }

    @Test
    void theCustomerHangingUpOnHoldEndsTheFlow() {
        ProcessInstance flow = holdAndTransfer(CUSTOMER, "8:acs:emulator-no-answer");
        awaitWaitingAt(flow, "awaitAgent");
        emulator.hangUpParticipant(callConnectionId(flow), "4:" + CUSTOMER);
        awaitEnded(flow);
        assertThat(flow).hasPassedInOrder("addAgent", "customerHungUp", "customerLeft")
                .hasNotPassed("unholdNoAgent", "apologise", "agentNotAdded");
    }

    @Test
    void aCustomerWhoCannotBeReachedIsNotHeld() {
        ProcessInstance flow = holdAndTransfer("+15550000486", AGENT);
        awaitEnded(flow);
        assertThat(flow).hasPassedInOrder("callCustomer", "callFailed", "customerNotReached")
                .hasNotPassed("holdCustomer", "addAgent");
    }

    @Test
    void aCustomerWhoDoesNotAnswerInTimeIsNotCalledFurther() {
        ProcessInstance flow = holdAndTransfer("+15550000408", AGENT);
        awaitWaitingAt(flow, "awaitAnswer");
        timePasses(flow, "noAnswerTimer");
        awaitEnded(flow);
        assertThat(flow).hasPassedInOrder("callCustomer", "noAnswerTimer", "cancelCall", "nobodyAnswered")
                .hasNotPassed("holdCustomer");
    }

    @Test
    void aCallLongerThanTwoHoursIsEndedForEveryone() {
        ProcessInstance flow = holdAndTransfer(CUSTOMER, AGENT);
        awaitWaitingAt(flow, "awaitEnd");
        timePasses(flow, "longCall");
        awaitEnded(flow);
        assertThat(flow).hasPassedInOrder("takeOffHold", "longCall", "hangUpLongCall", "endedAfterTwoHours");
        assertThat(emulator.call(callConnectionId(flow)).map(CallSnapshot::state)).hasValue("disconnected");
    }

    private ProcessInstance holdAndTransfer(String customer, String agent) {
        return startOverRest("hold-and-transfer", Map.of("customer", customer, "agent", agent, "callerId", CALLER_ID));
    }


    /**
     * The result code of the call's event of that type, as the emulator delivered it (lastResultCode holds the last
     * event's: the apology's PlayCompleted comes after the failed invitation).
     */
    private int resultCodeOf(String callConnectionId, String eventName) {
        return emulator.deliveredEvents().stream()
                .filter(delivered -> callConnectionId.equals(delivered.callConnectionId())
                        && delivered.type().endsWith(eventName))
                .map(delivered -> {
                    try {
                        return mapper.readTree(delivered.event()).path("data").path("resultInformation").path("code").asInt();
                    } catch (java.io.IOException e) {
                        throw new java.io.UncheckedIOException(e);
                    }
                })
                .findFirst().orElseThrow(() -> new AssertionError("no " + eventName + " for call " + callConnectionId));
    }
}
