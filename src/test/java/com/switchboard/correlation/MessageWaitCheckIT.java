package com.switchboard.correlation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.switchboard.EngineRestDeployments;
import com.switchboard.SwitchboardIntegrationTest;
import org.camunda.bpm.engine.ParseException;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.repository.Deployment;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.ResponseEntity;

/** A diagram that waits for a message no ACS event is, nor the flow's own, is refused when it is deployed. */
class MessageWaitCheckIT extends SwitchboardIntegrationTest {

    @Autowired
    RepositoryService repository;
    @Autowired
    TestRestTemplate http;

    @Test
    void aMisspeltEventIsRefusedNamingTheElementAndTheEventMeant() {
        assertThatThrownBy(() -> deploy(catchEvent("CallConected")))
                .isInstanceOf(ParseException.class)
                .hasMessageContaining("Message event \"Wait for the answer\" (awaitAnswer) waits for the message "
                        + "\"CallConected\", which is no ACS Call Automation event: did you mean CallConnected?");
    }

    @Test
    void overRestAMisspeltEventIsA400NamingTheResourceTheLineAndTheElement() {
        ResponseEntity<JsonNode> answer = EngineRestDeployments.deploy(http, "refused-message", "refused-message.bpmn", catchEvent("CallConected"));

        assertThat(answer.getStatusCode().value()).isEqualTo(400);
        assertThat(answer.getBody().path("type").asText()).isEqualTo("ParseException");
        JsonNode error = answer.getBody().path("details").path("refused-message.bpmn").path("errors").path(0);
        assertThat(error.path("message").asText()).contains("Message event \"Wait for the answer\" (awaitAnswer)",
                "\"CallConected\"", "did you mean CallConnected?");
        assertThat(error.path("mainElementId").asText()).isEqualTo("awaitAnswer");
        assertThat(error.path("line").asInt()).isPositive();
        assertThat(repository.createDeploymentQuery().deploymentName("refused-message").count()).as("nothing deployed").isZero();
    }

    @Test
    void aReceiveTaskIsChecked() {
        assertThatThrownBy(() -> deploy(flow("""
                <bpmn:receiveTask id="awaitAnswer" name="Wait for the answer" messageRef="Message_Typo"/>
                """, "CallConected"))).hasMessageContaining(
                "Receive task \"Wait for the answer\" (awaitAnswer) waits for the message \"CallConected\"");
    }

    @Test
    void aBoundaryEventIsChecked() {
        assertThatThrownBy(() -> deploy(flow("""
                <bpmn:userTask id="awaitAnswer" name="Wait for the answer"/>
                <bpmn:boundaryEvent id="hungUp" name="Hung up" attachedToRef="awaitAnswer">
                  <bpmn:messageEventDefinition messageRef="Message_Typo"/>
                </bpmn:boundaryEvent>
                """, "CallDisconected"))).hasMessageContaining(
                "Boundary event \"Hung up\" (hungUp) waits for the message \"CallDisconected\", which is no ACS Call "
                        + "Automation event: did you mean CallDisconnected?");
    }

    @Test
    void anEventSubprocessStartIsChecked() {
        assertThatThrownBy(() -> deploy(flow("""
                <bpmn:userTask id="awaitAnswer" name="Wait for the answer"/>
                <bpmn:subProcess id="onHangUp" triggeredByEvent="true">
                  <bpmn:startEvent id="hungUp" name="Hung up" isInterrupting="false">
                    <bpmn:messageEventDefinition messageRef="Message_Typo"/>
                  </bpmn:startEvent>
                  <bpmn:sequenceFlow id="s1" sourceRef="hungUp" targetRef="subEnd"/>
                  <bpmn:endEvent id="subEnd"/>
                </bpmn:subProcess>
                """, "participantsupdated"))).hasMessageContaining(
                "Event subprocess start \"Hung up\" (hungUp) waits for the message \"participantsupdated\", which is no "
                        + "ACS Call Automation event: did you mean ParticipantsUpdated?");
    }

    @Test
    void aCatchEventBehindAnEventBasedGatewayInASubprocessIsChecked() {
        assertThatThrownBy(() -> deploy(flow("""
                <bpmn:subProcess id="awaitAnswer" name="Wait for the answer">
                  <bpmn:startEvent id="subStart"/>
                  <bpmn:sequenceFlow id="s1" sourceRef="subStart" targetRef="gateway"/>
                  <bpmn:eventBasedGateway id="gateway"/>
                  <bpmn:sequenceFlow id="s2" sourceRef="gateway" targetRef="added"/>
                  <bpmn:intermediateCatchEvent id="added">
                    <bpmn:messageEventDefinition messageRef="Message_Typo"/>
                  </bpmn:intermediateCatchEvent>
                  <bpmn:sequenceFlow id="s3" sourceRef="gateway" targetRef="timedOut"/>
                  <bpmn:intermediateCatchEvent id="timedOut">
                    <bpmn:timerEventDefinition><bpmn:timeDuration>PT1M</bpmn:timeDuration></bpmn:timerEventDefinition>
                  </bpmn:intermediateCatchEvent>
                  <bpmn:sequenceFlow id="s4" sourceRef="added" targetRef="subEnd"/>
                  <bpmn:sequenceFlow id="s5" sourceRef="timedOut" targetRef="subEnd"/>
                  <bpmn:endEvent id="subEnd"/>
                </bpmn:subProcess>
                """, "AddParticipantSucceded"))).hasMessageContaining(
                "Message event added waits for the message \"AddParticipantSucceded\", which is no ACS Call Automation "
                        + "event: did you mean AddParticipantSucceeded?");
    }

    @Test
    void aNameWithAnExpressionIsRefused() {
        assertThatThrownBy(() -> deploy(catchEvent("${expectedEvent}"))).hasMessageContaining(
                "Message event \"Wait for the answer\" (awaitAnswer) waits for the message \"${expectedEvent}\", whose "
                        + "name is an expression");
    }

    @Test
    void anAcsEventAndTheFlowsOwnMessagesAreTaken() {
        deployAndRemove(catchEvent("CallConnected"));
        deployAndRemove(catchEvent("flow:Escalate"));
        deployAndRemove(catchEvent("flow:${escalation}"));
        deployAndRemove(flow("""
                <bpmn:receiveTask id="awaitAnswer" name="Wait for the answer" messageRef="Message_Typo"/>
                """, "flow:Callback"));
    }

    @Test
    void aMessageNobodyWaitsForIsNotChecked() {
        // Only the message's name a wait refers to matters: Modeler keeps a bpmn:message whose event was deleted.
        deployAndRemove(flow("""
                <bpmn:receiveTask id="awaitAnswer" name="Wait for the answer"/>
                """, "CallConected"));
    }

    private void deploy(String bpmn) {
        repository.createDeployment().name("message-check").addString("message-check.bpmn", bpmn).deploy();
    }

    private void deployAndRemove(String bpmn) {
        Deployment deployment = repository.createDeployment().name("message-check").addString("message-check.bpmn", bpmn)
                .deploy();
        repository.deleteDeployment(deployment.getId(), true);
    }

    private static String catchEvent(String messageName) {
        return flow("""
                <bpmn:intermediateCatchEvent id="awaitAnswer" name="Wait for the answer">
                  <bpmn:messageEventDefinition messageRef="Message_Typo"/>
                </bpmn:intermediateCatchEvent>
                """, messageName);
    }

    /** A flow: start, the element with id awaitAnswer, end; a bpmn:message Message_Typo with the name. */
    private static String flow(String element, String messageName) {
        return """
                <?xml version="1.0" encoding="UTF-8"?>
                <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL"
                    xmlns:camunda="http://camunda.org/schema/1.0/bpmn" id="d" targetNamespace="t">
                  <bpmn:process id="message-check" isExecutable="true" camunda:historyTimeToLive="P1D">
                    <bpmn:startEvent id="start"/>
                    <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="awaitAnswer"/>
                    %s
                    <bpmn:sequenceFlow id="f2" sourceRef="awaitAnswer" targetRef="end"/>
                    <bpmn:endEvent id="end"/>
                  </bpmn:process>
                  <bpmn:message id="Message_Typo" name="%s"/>
                </bpmn:definitions>
                """.formatted(element, messageName);
    }
}
