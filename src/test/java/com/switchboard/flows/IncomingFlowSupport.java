package com.switchboard.flows;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.switchboard.callbacks.CallbackInbox;
import com.switchboard.emulator.delivery.EventGridSchema;
import com.switchboard.emulator.telephony.CallOperation;
import com.switchboard.emulator.telephony.IncomingCallRequest;
import com.switchboard.emulator.telephony.IncomingCallResult;
import com.switchboard.emulator.telephony.PhoneBehaviour;
import com.switchboard.emulator.telephony.PhoneRule;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The media example flows are started as in production: the emulator rings the application, Event Grid delivers the
 * IncomingCall, the routing decision picks the flow by the number called. The caller is played by the emulator, scripted
 * per test by a caller rule for the test's own phone number, or live through the control API. The caller rules and
 * key presses go through the emulator's HTTP control API ({@code /emulator/callers},
 * {@code /emulator/calls/{id}/participants/{rawId}:press}), as a tool in another language would use them.
 */
abstract class IncomingFlowSupport extends MediaFlowSupport {

    @Autowired
    CallbackInbox inbox;
    @LocalServerPort
    int port;

    private List<Map<String, Object>> callersBefore;
    private List<PhoneRule> rulesBefore;

    @BeforeEach
    void subscribeAndRemember() throws Exception {
        emulator.setEventGridSubscription("http://localhost:" + port + "/api/incoming-calls", EventGridSchema.EVENT_GRID);
        callersBefore = mapper.readValue(control("GET", "/emulator/callers", null),
                mapper.getTypeFactory().constructCollectionType(List.class, Map.class));
        rulesBefore = emulator.rules();
    }

    @AfterEach
    void restore() throws Exception {
        control("PUT", "/emulator/callers", mapper.writeValueAsString(callersBefore));
        emulator.setRules(rulesBefore);
    }

    /** The caller with this phone number answers each recognize with the next of these ("press 1", "say sales", ...). */
    void scriptCaller(String phoneNumber, String... answers) throws Exception {
        List<Map<String, Object>> callers = new ArrayList<>();
        callers.add(Map.of("identity", phoneNumber, "answers", List.of(answers), "delay", 50, "toneInterval", 10));
        callers.addAll(callersBefore);
        control("PUT", "/emulator/callers", mapper.writeValueAsString(callers));
    }

    /** The identity (an agent) behaves so in the phone network: busy, no answer, ... */
    void phoneRule(String identity, PhoneBehaviour behaviour) {
        List<PhoneRule> rules = new ArrayList<>();
        rules.add(new PhoneRule(identity, behaviour, null));
        rules.addAll(rulesBefore);
        emulator.setRules(rules);
    }

    /** Places a call from the phone number to the line and returns the id of the flow it started. */
    String call(String from, String line) {
        IncomingCallResult call = emulator.placeIncomingCall(IncomingCallRequest.of(from, line));
        await().atMost(FLOW_TIMEOUT).until(() ->
                history.createHistoricProcessInstanceQuery().processInstanceBusinessKey(call.correlationId()).count() == 1);
        return history.createHistoricProcessInstanceQuery().processInstanceBusinessKey(call.correlationId())
                .singleResult().getId();
    }

    String definitionKeyOf(String flow) {
        return history.createHistoricProcessInstanceQuery().processInstanceId(flow).singleResult().getProcessDefinitionKey();
    }

    /** A variable of the flow's own scope, from history (the flow may have ended). */
    Object variable(String flow, String name) {
        var found = history.createHistoricVariableInstanceQuery().processInstanceId(flow).activityInstanceIdIn(flow)
                .variableName(name).singleResult();
        return found == null ? null : found.getValue();
    }

    String callConnectionId(String flow) {
        await().atMost(FLOW_TIMEOUT).until(() -> variable(flow, "callConnectionId") != null);
        return (String) variable(flow, "callConnectionId");
    }

    void awaitActivity(String flow, String activityId) {
        await().atMost(FLOW_TIMEOUT).until(() -> activities(flow).contains(activityId));
    }

    long timesPassed(String flow, String activityId) {
        return activities(flow).stream().filter(activityId::equals).count();
    }

    /** The flow ended without an incident on the way (an incident would hold it). */
    void awaitEndedCleanly(String flow) {
        awaitEnded(flow);
        assertThat(history.createHistoricIncidentQuery().processInstanceId(flow).count()).as("incidents").isZero();
    }

    /** The names of the emulator's records of what the call's operations were, with their targets. */
    List<CallOperation> operations(String callConnectionId) {
        return emulator.call(callConnectionId).orElseThrow().operations();
    }

    JsonNode event(String callConnectionId, String name) {
        return inbox.ofCall(callConnectionId).stream().filter(e -> e.eventName().equals(name)).findFirst()
                .map(e -> {
                    try {
                        return mapper.readTree(e.payload());
                    } catch (Exception ex) {
                        throw new IllegalStateException(ex);
                    }
                }).orElseThrow(() -> new AssertionError("no " + name + " for call " + callConnectionId));
    }

    /** The raw id of the participant the transfer went to, as ACS reported it. */
    String transferTarget(String callConnectionId) {
        return event(callConnectionId, "CallTransferAccepted").path("data").path("transferTarget").path("rawId").asText();
    }
}
