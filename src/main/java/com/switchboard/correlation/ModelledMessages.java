package com.switchboard.correlation;

import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.CatchEvent;
import org.camunda.bpm.model.bpmn.instance.Message;
import org.camunda.bpm.model.bpmn.instance.MessageEventDefinition;
import org.camunda.bpm.model.bpmn.instance.ReceiveTask;

/**
 * Which BPMN messages a process definition waits for anywhere (a catch event's or a receive task's message); read
 * once per definition. A {@code bpmn:message} nothing waits for does not count: a flow started from the starter
 * diagram declares every ACS event, and Modeler keeps a message whose event was deleted.
 */
class ModelledMessages {

    private final RepositoryService repository;
    private final Map<String, Set<String>> byDefinition = new ConcurrentHashMap<>();

    ModelledMessages(RepositoryService repository) {
        this.repository = repository;
    }

    boolean models(String processDefinitionId, String messageName) {
        return byDefinition.computeIfAbsent(processDefinitionId, id -> waitedFor(repository.getBpmnModelInstance(id)))
                .contains(messageName);
    }

    static Set<String> waitedFor(BpmnModelInstance model) {
        Stream<Message> caught = model.getModelElementsByType(MessageEventDefinition.class).stream()
                .filter(definition -> definition.getParentElement() instanceof CatchEvent)
                .map(MessageEventDefinition::getMessage);
        Stream<Message> received = model.getModelElementsByType(ReceiveTask.class).stream().map(ReceiveTask::getMessage);
        return Stream.concat(caught, received)
                .filter(Objects::nonNull)
                .map(Message::getName)
                .filter(Objects::nonNull)
                .collect(Collectors.toUnmodifiableSet());
    }
}
