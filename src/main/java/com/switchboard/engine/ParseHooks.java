package com.switchboard.engine;

import java.util.ArrayList;
import java.util.List;
import org.camunda.bpm.engine.BpmnParseException;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.camunda.bpm.engine.impl.bpmn.parser.AbstractBpmnParseListener;
import org.camunda.bpm.engine.impl.bpmn.parser.BpmnParseListener;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.persistence.entity.ProcessDefinitionEntity;
import org.camunda.bpm.engine.impl.pvm.process.ActivityImpl;
import org.camunda.bpm.engine.impl.pvm.process.ScopeImpl;
import org.camunda.bpm.engine.impl.util.xml.Element;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * Hooks Switchboard's {@link ServiceTaskCheck}s, {@link WaitStateListener}s and {@link FlowEndListener}s into the
 * engine's BPMN parser, which is where the engine lets code see a diagram as it is deployed and put listeners on its
 * elements. The checks run before the engine parses a service task (so a refused diagram is never built), the
 * listeners are added after it parsed an element.
 */
@Component
class ParseHooks extends AbstractProcessEnginePlugin {

    private final ObjectProvider<ServiceTaskCheck> checks;
    private final ObjectProvider<WaitStateListener> waitStateListeners;
    private final ObjectProvider<FlowEndListener> flowEndListeners;

    ParseHooks(ObjectProvider<ServiceTaskCheck> checks, ObjectProvider<WaitStateListener> waitStateListeners,
               ObjectProvider<FlowEndListener> flowEndListeners) {
        this.checks = checks;
        this.waitStateListeners = waitStateListeners;
        this.flowEndListeners = flowEndListeners;
    }

    @Override
    public void preInit(ProcessEngineConfigurationImpl configuration) {
        if (configuration.getCustomPreBPMNParseListeners() == null) {
            configuration.setCustomPreBPMNParseListeners(new ArrayList<>());
        }
        if (configuration.getCustomPostBPMNParseListeners() == null) {
            configuration.setCustomPostBPMNParseListeners(new ArrayList<>());
        }
        List<ServiceTaskCheck> serviceTaskChecks = checks.orderedStream().toList();
        configuration.getCustomPreBPMNParseListeners().add(new AbstractBpmnParseListener() {
            @Override
            public void parseServiceTask(Element element, ScopeImpl scope, ActivityImpl activity) {
                BpmnElement task = new BpmnElement(element);
                try {
                    serviceTaskChecks.forEach(check -> check.check(task));
                } catch (BpmnParseException refused) {
                    throw refused;
                } catch (ProcessEngineException refused) {
                    // As a parse error, the refusal names the resource, line and element: the REST API answers it
                    // with 400 and those details, which Camunda Modeler's deploy dialog shows.
                    throw new BpmnParseException(refused.getMessage(), element);
                }
            }
        });
        waitStateListeners.orderedStream().forEach(listener -> configuration.getCustomPostBPMNParseListeners()
                .add(waitStates(execution -> listener.waitingForMessage(execution.getProcessInstanceId()))));
        flowEndListeners.orderedStream().forEach(listener -> configuration.getCustomPostBPMNParseListeners()
                .add(flowEnds(listener)));
    }

    /** Puts the listener on the start of every element that opens a message subscription. */
    private static BpmnParseListener waitStates(ExecutionListener listener) {
        return new AbstractBpmnParseListener() {
            @Override
            public void parseIntermediateCatchEvent(Element element, ScopeImpl scope, ActivityImpl activity) {
                if (element.element("messageEventDefinition") != null) {
                    onStart(activity);
                }
            }

            @Override
            public void parseReceiveTask(Element element, ScopeImpl scope, ActivityImpl activity) {
                onStart(activity);
            }

            @Override
            public void parseEventBasedGateway(Element element, ScopeImpl scope, ActivityImpl activity) {
                onStart(activity);
            }

            @Override
            public void parseBoundaryMessageEventDefinition(Element element, boolean interrupting, ActivityImpl boundary) {
                onStart(boundary.getEventScope());
            }

            @Override
            public void parseStartEvent(Element element, ScopeImpl scope, ActivityImpl startEvent) {
                boolean messageStart = element.element("messageEventDefinition") != null;
                if (messageStart && scope instanceof ActivityImpl eventSubprocess && eventSubprocess.isTriggeredByEvent()) {
                    // The start event of an event subprocess: its subscription opens with the enclosing scope.
                    onStart(startEvent.getEventScope());
                }
            }

            private void onStart(ScopeImpl scope) {
                if (scope != null) {
                    scope.addListener(ExecutionListener.EVENTNAME_START, listener);
                }
            }
        };
    }

    /**
     * Puts an end listener on every process definition, as a built-in listener: the engine runs those even when a
     * deletion skips custom listeners.
     */
    private static BpmnParseListener flowEnds(FlowEndListener listener) {
        ExecutionListener flowEnded = execution -> {
            if (execution.getId().equals(execution.getProcessInstanceId())) {
                listener.flowEnded(execution.getProcessInstanceId());
            }
        };
        return new AbstractBpmnParseListener() {
            @Override
            public void parseProcess(Element processElement, ProcessDefinitionEntity processDefinition) {
                processDefinition.addBuiltInListener(ExecutionListener.EVENTNAME_END, flowEnded);
            }
        };
    }
}
