package com.switchboard.correlation;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.model.bpmn.instance.Message;

/** Which BPMN messages a process definition waits for anywhere; read once per definition. */
class ModelledMessages {

    private final RepositoryService repository;
    private final Map<String, Set<String>> byDefinition = new ConcurrentHashMap<>();

    ModelledMessages(RepositoryService repository) {
        this.repository = repository;
    }

    boolean models(String processDefinitionId, String messageName) {
        return byDefinition.computeIfAbsent(processDefinitionId, id ->
                repository.getBpmnModelInstance(id).getModelElementsByType(Message.class).stream()
                        .map(Message::getName)
                        .collect(Collectors.toUnmodifiableSet()))
                .contains(messageName);
    }
}
