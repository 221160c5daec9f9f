package com.switchboard.correlation;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.junit.jupiter.api.Test;

class ModelledMessagesTest {

    @Test
    void onlyTheMessagesAWaitRefersToAreModelledNotEveryDeclaredOne() {
        BpmnModelInstance model = Bpmn.readModelFromStream(new ByteArrayInputStream("""
                <?xml version="1.0" encoding="UTF-8"?>
                <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" id="d" targetNamespace="t">
                  <bpmn:process id="p" isExecutable="true">
                    <bpmn:startEvent id="start"/>
                    <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="connected"/>
                    <bpmn:intermediateCatchEvent id="connected">
                      <bpmn:messageEventDefinition messageRef="Message_CallConnected"/>
                    </bpmn:intermediateCatchEvent>
                    <bpmn:sequenceFlow id="f2" sourceRef="connected" targetRef="added"/>
                    <bpmn:receiveTask id="added" messageRef="Message_AddParticipantSucceeded"/>
                    <bpmn:sequenceFlow id="f3" sourceRef="added" targetRef="end"/>
                    <bpmn:endEvent id="end"/>
                  </bpmn:process>
                  <bpmn:message id="Message_CallConnected" name="CallConnected"/>
                  <bpmn:message id="Message_AddParticipantSucceeded" name="AddParticipantSucceeded"/>
                  <bpmn:message id="Message_ParticipantsUpdated" name="ParticipantsUpdated"/>
                </bpmn:definitions>
                """.getBytes(StandardCharsets.UTF_8)));

        assertThat(ModelledMessages.waitedFor(model)).containsExactlyInAnyOrder("CallConnected", "AddParticipantSucceeded");
    }
}
