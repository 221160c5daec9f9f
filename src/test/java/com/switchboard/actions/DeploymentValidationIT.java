package com.switchboard.actions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.switchboard.EngineRestDeployments;
import com.switchboard.SwitchboardIntegrationTest;
import org.camunda.bpm.engine.RepositoryService;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.ResponseEntity;

/** A diagram whose call action could not work is refused when it is deployed, naming the task and the field. */
class DeploymentValidationIT extends SwitchboardIntegrationTest {

    @Autowired
    RepositoryService repository;
    @Autowired
    TestRestTemplate http;

    @Test
    void aMissingRequiredInputIsNamed() {
        String bpmn = diagram("camunda:asyncBefore=\"true\"",
                "<camunda:inputParameter name=\"callConnectionId\">${callConnectionId}</camunda:inputParameter>");
        assertThatThrownBy(() -> deploy(bpmn)).hasMessageContaining(
                "Task \"Invite the agent\" (invite) performs the call action ${addParticipant} but has no input "
                        + "\"participant\": set it in the task's form in Camunda Modeler");
    }

    @Test
    void aMisspeltInputIsRefusedNamingTheInputsTheActionReads() {
        String bpmn = diagram("camunda:asyncBefore=\"true\"",
                "<camunda:inputParameter name=\"callConnectionId\">${callConnectionId}</camunda:inputParameter>"
                        + "<camunda:inputParameter name=\"participant\">+14255550123</camunda:inputParameter>"
                        + "<camunda:inputParameter name=\"calerId\">+14255550100</camunda:inputParameter>");
        assertThatThrownBy(() -> deploy(bpmn)).hasMessageContaining(
                "Task \"Invite the agent\" (invite) performs the call action ${addParticipant} but has the input "
                        + "\"calerId\", which Add participant does not read; its inputs are callConnectionId, participant, "
                        + "callerId, sourceDisplayName, invitationTimeout, customHeaders, operationCallbackUrl");
    }

    @Test
    void overRestARefusedDiagramIsA400NamingTheResourceTheLineAndTheElement() {
        String bpmn = diagram("camunda:asyncBefore=\"true\"",
                "<camunda:inputParameter name=\"callConnectionId\">${callConnectionId}</camunda:inputParameter>");
        ResponseEntity<JsonNode> answer = EngineRestDeployments.deploy(http, "refused", "refused.bpmn", bpmn);

        assertThat(answer.getStatusCode().value()).isEqualTo(400);
        assertThat(answer.getBody().path("type").asText()).isEqualTo("ParseException");
        JsonNode error = answer.getBody().path("details").path("refused.bpmn").path("errors").path(0);
        assertThat(error.path("message").asText()).contains("Task \"Invite the agent\" (invite)", "has no input \"participant\"");
        assertThat(error.path("mainElementId").asText()).isEqualTo("invite");
        assertThat(error.path("line").asInt()).isPositive();
        assertThat(repository.createDeploymentQuery().deploymentName("refused").count()).as("nothing deployed").isZero();
    }

    @Test
    void aCallActionThatIsNotAsynchronousIsRefused() {
        String bpmn = diagram("", "<camunda:inputParameter name=\"callConnectionId\">x</camunda:inputParameter>"
                + "<camunda:inputParameter name=\"participant\">+14255550123</camunda:inputParameter>");
        assertThatThrownBy(() -> deploy(bpmn)).hasMessageContaining(
                "Task \"Invite the agent\" (invite) performs the call action ${addParticipant} and must be asynchronous before");
    }

    @Test
    void aStartCheckThatIsAsynchronousIsRefused() {
        assertThatThrownBy(() -> deploy(startCheck("camunda:asyncBefore=\"true\"",
                "<camunda:inputParameter name=\"target\">party</camunda:inputParameter>"))).hasMessageContaining(
                "Task \"Check the start variables\" (check) checks the start variables and must not be asynchronous before");
    }

    @Test
    void aStartCheckWithARuleItCannotReadIsRefusedNamingTheVariable() {
        assertThatThrownBy(() -> deploy(startCheck("",
                "<camunda:inputParameter name=\"target\">party</camunda:inputParameter>"
                        + "<camunda:inputParameter name=\"ringTimeout\">optional time</camunda:inputParameter>")))
                .hasMessageContaining("Task \"Check the start variables\" (check) checks the start variables: start variable "
                        + "\"ringTimeout\": 'optional time' is not a rule: write party, parties, phone number, caller id");
        assertThatThrownBy(() -> deploy(startCheck("",
                "<camunda:inputParameter name=\"target\">${rule}</camunda:inputParameter>")))
                .hasMessageContaining("the rule for start variable \"target\" must be plain text");
        assertThatThrownBy(() -> deploy(startCheck("", ""))).hasMessageContaining("checks the start variables but names none");
    }

    private void deploy(String bpmn) {
        repository.createDeployment().addString("invalid.bpmn", bpmn).deploy();
    }

    private static String diagram(String async, String inputs) {
        return """
                <?xml version="1.0" encoding="UTF-8"?>
                <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL"
                    xmlns:camunda="http://camunda.org/schema/1.0/bpmn" id="d" targetNamespace="t">
                  <bpmn:process id="invalid-flow" isExecutable="true" camunda:historyTimeToLive="P1D">
                    <bpmn:startEvent id="start"/>
                    <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="invite"/>
                    <bpmn:serviceTask id="invite" name="Invite the agent" %s camunda:delegateExpression="${addParticipant}">
                      <bpmn:extensionElements><camunda:inputOutput>%s</camunda:inputOutput></bpmn:extensionElements>
                    </bpmn:serviceTask>
                    <bpmn:sequenceFlow id="f2" sourceRef="invite" targetRef="end"/>
                    <bpmn:endEvent id="end"/>
                  </bpmn:process>
                </bpmn:definitions>
                """.formatted(async, inputs);
    }

    private static String startCheck(String async, String inputs) {
        return """
                <?xml version="1.0" encoding="UTF-8"?>
                <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL"
                    xmlns:camunda="http://camunda.org/schema/1.0/bpmn" id="d" targetNamespace="t">
                  <bpmn:process id="invalid-check" isExecutable="true" camunda:historyTimeToLive="P1D">
                    <bpmn:startEvent id="start"/>
                    <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="check"/>
                    <bpmn:serviceTask id="check" name="Check the start variables" %s camunda:delegateExpression="${checkStartVariables}">
                      <bpmn:extensionElements><camunda:inputOutput>%s</camunda:inputOutput></bpmn:extensionElements>
                    </bpmn:serviceTask>
                    <bpmn:sequenceFlow id="f2" sourceRef="check" targetRef="end"/>
                    <bpmn:endEvent id="end"/>
                  </bpmn:process>
                </bpmn:definitions>
                """.formatted(async, inputs);
    }
}
