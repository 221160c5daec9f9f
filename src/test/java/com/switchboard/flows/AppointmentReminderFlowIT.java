package com.switchboard.flows;

import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.switchboard.emulator.telephony.CallSnapshot;
import com.switchboard.emulator.telephony.PhoneBehaviour;
import com.switchboard.emulator.telephony.PhoneRule;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.http.ResponseEntity;

/**
 * processes/appointment-reminder.bpmn, every path: the patient confirms, cancels, presses another key, presses
 * nothing, hangs up; nobody there is called again, and given up on after three calls.
 */
class AppointmentReminderFlowIT extends MediaFlowSupport {

    static final String PATIENT = "+14255550161";
    static final String DOCTOR = "Dr. Ada Lovelace";
    static final String WHEN = "Monday, March 3 at 10:30";

    @AfterEach
    void restoreThePhoneNetwork() {
        emulator.setRules(PhoneRule.DEFAULTS);
    }

    @Test
    void thePatientPresses1AndTheAppointmentIsConfirmed() {
        ProcessInstance flow = remind(PATIENT, Map.of());
        awaitWaitingAt(flow, "awaitKey");
        String callConnectionId = callConnectionId(flow);
        assertThat(heard(callConnectionId)).as("the appointment, read with the flow's variables").containsExactly(
                "Hello, this is a reminder from your clinic. Your appointment with Dr. Ada Lovelace is on Monday, "
                        + "March 3 at 10:30. Press 1 to confirm, or 2 to cancel.");

        press(callConnectionId, "4:" + PATIENT, "1");
        awaitEnded(flow);

        assertThat(flow).hasPassedInOrder("checkStartVariables", "callPatient", "answered", "askToConfirm",
                "keyPressed", "confirmed", "sayThanks", "thanksSaid", "hangUp", "reminderDone")
                .hasNotPassed("cancelled", "noAnswer", "callFailed");
        assertThat(variable(flow, "appointmentAnswer")).isEqualTo("confirmed");
        assertThat(variable(flow, "recognizedTones")).isEqualTo("1");
        assertThat(variable(flow, "attempt")).isEqualTo(1L);
        assertThat(heard(callConnectionId)).last().isEqualTo(
                "Thank you. Your appointment with Dr. Ada Lovelace on Monday, March 3 at 10:30 is confirmed. Goodbye.");
        assertThat(media(callConnectionId).path("recognitions")).singleElement().satisfies(recognition -> {
            assertThat(recognition.toString()).contains("4:" + PATIENT);
            assertThat(recognition.path("inputType").asText()).isEqualTo("dtmf");
        });
        assertThat(emulator.call(callConnectionId).map(CallSnapshot::state)).hasValue("disconnected");
    }

    @Test
    void thePatientPresses2AndTheAppointmentIsCancelled() {
        ProcessInstance flow = remind(PATIENT, Map.of());
        awaitWaitingAt(flow, "awaitKey");
        press(callConnectionId(flow), "4:" + PATIENT, "2");
        awaitEnded(flow);

        assertThat(flow).hasPassedInOrder("keyPressed", "cancelled", "sayThanks", "thanksSaid", "hangUp", "reminderDone")
                .hasNotPassed("confirmed", "noAnswer");
        assertThat(variable(flow, "appointmentAnswer")).isEqualTo("cancelled");
        assertThat(heard(callConnectionId(flow))).last().asString().endsWith("is cancelled. Goodbye.");
    }

    @Test
    void anotherKeyIsNoAnswer() {
        ProcessInstance flow = remind(PATIENT, Map.of());
        awaitWaitingAt(flow, "awaitKey");
        press(callConnectionId(flow), "4:" + PATIENT, "7");
        awaitEnded(flow);

        assertThat(flow).hasPassedInOrder("keyPressed", "noAnswerGiven", "noAnswer", "hangUp", "reminderDone")
                .hasNotPassed("confirmed", "cancelled", "sayThanks");
        assertThat(variable(flow, "appointmentAnswer")).isEqualTo("none");
        assertThat(variable(flow, "recognizedTones")).isEqualTo("7");
    }

    @Test
    void aPatientWhoPressesNothingGivesNoAnswer() {
        // The recognize's initial silence timeout (10 s) ends it with RecognizeFailed.
        ProcessInstance flow = remind(PATIENT, Map.of());
        awaitEnded(flow);

        assertThat(flow).hasPassedInOrder("askToConfirm", "noKey", "noAnswerGiven", "noAnswer", "hangUp", "reminderDone")
                .hasNotPassed("keyPressed", "sayThanks");
        assertThat(variable(flow, "appointmentAnswer")).isEqualTo("none");
        assertThat(variable(flow, "recognizeOutcome")).isEqualTo("initialSilenceTimeout");
    }

    @Test
    void aPatientWhoHangsUpDuringTheQuestionGivesNoAnswer() {
        ProcessInstance flow = remind(PATIENT, Map.of());
        awaitWaitingAt(flow, "awaitKey");
        emulator.hangUpParticipant(callConnectionId(flow), "4:" + PATIENT);
        awaitEnded(flow);

        assertThat(flow).hasPassedInOrder("askToConfirm", "patientHungUp", "noAnswerGiven", "noAnswer", "hangUp",
                "reminderDone").hasNotPassed("keyPressed", "noKey", "sayThanks");
        assertThat(variable(flow, "appointmentAnswer")).isEqualTo("none");
    }

    @Test
    void noResultInTimeIsNoAnswer() {
        ProcessInstance flow = remind(PATIENT, Map.of());
        awaitWaitingAt(flow, "awaitKey");
        timePasses(flow, "keyTimeout");
        awaitEnded(flow);

        assertThat(flow).hasPassedInOrder("askToConfirm", "keyTimeout", "noAnswerGiven", "noAnswer", "hangUp",
                "reminderDone").hasNotPassed("keyPressed", "noKey", "patientHungUp");
        assertThat(variable(flow, "appointmentAnswer")).isEqualTo("none");
    }

    @Test
    void aBusyPatientIsCalledThreeTimesThenGivenUpOn() {
        String busy = "+15550000486";
        int callsBefore = callsTo(busy);
        ProcessInstance flow = remind(busy, Map.of("retryDelay", "PT1S"));
        awaitEnded(flow);

        assertThat(flow).hasPassedInOrder("callPatient", "callFailed", "triesLeft", "retryWait", "callPatient",
                "callFailed", "triesLeft", "retryWait", "callPatient", "callFailed", "triesLeft", "gaveUp", "notReached")
                .hasNotPassed("answered");
        assertThat(activities(flow.getId())).filteredOn("callPatient"::equals).hasSize(3);
        assertThat(variable(flow, "attempt")).isEqualTo(3L);
        assertThat(variable(flow, "appointmentAnswer")).isEqualTo("none");
        assertThat(variable(flow, "lastResultCode")).isEqualTo(486);
        assertThat(callsTo(busy) - callsBefore).as("three calls, no more").isEqualTo(3);
    }

    @Test
    void aPatientNotThereAtFirstIsReachedOnTheNextCall() {
        String patient = "+14255550162";
        List<PhoneRule> rules = new ArrayList<>(PhoneRule.DEFAULTS);
        rules.add(0, new PhoneRule(patient, PhoneBehaviour.UNAVAILABLE, null));
        emulator.setRules(rules);
        ProcessInstance flow = remind(patient, Map.of());
        awaitWaitingAt(flow, "retryWait");
        assertThat(variable(flow, "lastResultCode")).isEqualTo(480);

        emulator.setRules(PhoneRule.DEFAULTS);
        timePasses(flow, "retryWait");
        awaitWaitingAt(flow, "awaitKey");
        press(callConnectionId(flow), "4:" + patient, "1");
        awaitEnded(flow);

        assertThat(flow).hasPassedInOrder("callPatient", "callFailed", "retryWait", "callPatient", "answered",
                "keyPressed", "confirmed", "reminderDone");
        assertThat(variable(flow, "attempt")).isEqualTo(2L);
        assertThat(variable(flow, "appointmentAnswer")).isEqualTo("confirmed");
    }

    @Test
    void ringingTooLongStopsTheCallAndCallsAgainLater() {
        // +15550000408 never answers; the flow's own timer (90 s) comes first here.
        ProcessInstance flow = remind("+15550000408", Map.of());
        awaitWaitingAt(flow, "awaitAnswer");
        String firstCall = callConnectionId(flow);
        timePasses(flow, "noAnswerTimer");
        awaitWaitingAt(flow, "retryWait");

        assertThat(activities(flow.getId())).containsSubsequence("callPatient", "noAnswerTimer", "cancelCall",
                "notThere", "triesLeft", "retryWait").doesNotContain("callFailed");
        assertThat(emulator.call(firstCall).map(CallSnapshot::state)).hasValue("disconnected");
        runtime.deleteProcessInstance(flow.getId(), "test done");
    }

    @Test
    void aMissingDoctorRefusesTheStartOverRest() {
        Map<String, Object> variables = new HashMap<>(startVariables(PATIENT));
        variables.remove("doctor");
        long before = history.createHistoricProcessInstanceQuery().processDefinitionKey("appointment-reminder").count();
        ResponseEntity<JsonNode> refused = postStart("appointment-reminder", variables);
        assertThat(refused.getStatusCode().value()).isEqualTo(400);
        assertThat(refused.getBody().path("message").asText())
                .isEqualTo("Start variable \"doctor\": it is empty, but it is required");
        assertThat(history.createHistoricProcessInstanceQuery().processDefinitionKey("appointment-reminder").count())
                .isEqualTo(before);
    }

    private ProcessInstance remind(String patient, Map<String, Object> extra) {
        Map<String, Object> variables = new HashMap<>(startVariables(patient));
        variables.putAll(extra);
        return startOverRest("appointment-reminder", variables);
    }

    private static Map<String, Object> startVariables(String patient) {
        return Map.of("patient", patient, "callerId", CALLER_ID, "doctor", DOCTOR, "appointmentTime", WHEN);
    }

    private int callsTo(String phoneNumber) {
        return (int) emulator.calls().stream().filter(call -> call.targets().contains("4:" + phoneNumber)).count();
    }
}
