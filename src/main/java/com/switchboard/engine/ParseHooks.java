package com.switchboard.engine;

import java.util.ArrayList;
import java.util.List;
import org.camunda.bpm.engine.BpmnParseException;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.camunda.bpm.engine.impl.bpmn.parser.AbstractBpmnParseListener;
import org.camunda.bpm.engine.impl.bpmn.parser.BpmnParseListener;
import org.camunda.bpm.engine.impl.bpmn.parser.EventSubscriptionDeclaration;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.persistence.entity.ProcessDefinitionEntity;
import org.camunda.bpm.engine.impl.pvm.process.ActivityImpl;
import org.camunda.bpm.engine.impl.pvm.process.ScopeImpl;
import org.camunda.bpm.engine.impl.util.xml.Element;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * Hooks Switchboard's {@link ServiceTaskCheck}s, {@link MessageWaitCheck}s, {@link WaitStateListener}s and
 * {@link FlowEndListener}s into the engine's BPMN parser, which is where the engine lets code see a diagram as it is
 * deployed and put listeners on its elements. The checks run as the engine parses an element, before its own parse
 * listeners (so a refused diagram is never built), the listeners are added after it parsed an element.
 */
@Component
class ParseHooks extends AbstractProcessEnginePlugin {

    private final ObjectProvider<ServiceTaskCheck> checks;
    private final ObjectProvider<MessageWaitCheck> messageWaitChecks;
    private final ObjectProvider<WaitStateListener> waitStateListeners;
    private final ObjectProvider<FlowEndListener> flowEndListeners;

    ParseHooks(ObjectProvider<ServiceTaskCheck> checks, ObjectProvider<MessageWaitCheck> messageWaitChecks,
               ObjectProvider<WaitStateListener> waitStateListeners, ObjectProvider<FlowEndListener> flowEndListeners) {
        this.checks = checks;
        this.messageWaitChecks = messageWaitChecks;
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
                refusingAs(element, () -> serviceTaskChecks.forEach(check -> check.check(task)));
            }
        });
        List<MessageWaitCheck> waitChecks = messageWaitChecks.orderedStream().toList();
        if (!waitChecks.isEmpty()) {
            configuration.getCustomPreBPMNParseListeners().add(messageWaits(waitChecks));
        }
        waitStateListeners.orderedStream().forEach(listener -> configuration.getCustomPostBPMNParseListeners()
                .add(waitStates(execution -> listener.waitingForMessage(execution.getProcessInstanceId()))));
        flowEndListeners.orderedStream().forEach(listener -> configuration.getCustomPostBPMNParseListeners()
                .add(flowEnds(listener)));
    }

    /**
     * Throws what the check throws as a parse error of the element: the refusal names the resource, line and element,
     * and the REST API answers it with 400 and those details, which Camunda Modeler's deploy dialog shows.
     */
    private static void refusingAs(Element element, Runnable check) {
        try {
            check.run();
        } catch (BpmnParseException refused) {
            throw refused;
        } catch (ProcessEngineException refused) {
            throw new BpmnParseException(refused.getMessage(), element);
        }
    }

    /**
     * Hands every element that waits for a message to the checks, with the message's name as the engine resolved it
     * (the element's {@code messageRef}, the {@code bpmn:message}'s name): the engine has parsed the element and put
     * its subscription declaration on the element or on the scope whose subscription it is.
     */
    private static BpmnParseListener messageWaits(List<MessageWaitCheck> checks) {
        return new AbstractBpmnParseListener() {
            @Override
            public void parseIntermediateCatchEvent(Element element, ScopeImpl scope, ActivityImpl activity) {
                if (element.element("messageEventDefinition") != null) {
                    check(MessageWait.Kind.MESSAGE_CATCH_EVENT, element, activity);
                }
            }

            @Override
            public void parseReceiveTask(Element element, ScopeImpl scope, ActivityImpl activity) {
                // Without a messageRef a receive task waits for a trigger through the API, not for a message.
                if (element.attribute("messageRef") != null) {
                    check(MessageWait.Kind.RECEIVE_TASK, element, activity);
                }
            }

            @Override
            public void parseBoundaryEvent(Element element, ScopeImpl scope, ActivityImpl activity) {
                if (element.element("messageEventDefinition") != null) {
                    check(MessageWait.Kind.BOUNDARY_EVENT, element, activity);
                }
            }

            @Override
            public void parseStartEvent(Element element, ScopeImpl scope, ActivityImpl startEvent) {
                boolean messageStart = element.element("messageEventDefinition") != null;
                if (messageStart && scope instanceof ActivityImpl eventSubprocess && eventSubprocess.isTriggeredByEvent()) {
                    check(MessageWait.Kind.EVENT_SUBPROCESS_START, element, startEvent);
                }
            }

            private void check(MessageWait.Kind kind, Element element, ActivityImpl activity) {
                EventSubscriptionDeclaration declaration = declarationOf(activity);
                if (declaration == null || !declaration.hasEventName()) {
                    return; // the engine reports a message it cannot resolve itself
                }
                MessageWait wait = new MessageWait(kind, element.attribute("name"), element.attribute("id"),
                        declaration.getUnresolvedEventName(), !declaration.isEventNameLiteralText());
                refusingAs(element, () -> checks.forEach(check -> check.check(wait)));
            }
        };
    }

    /**
     * The activity's subscription declaration, kept by its id on the scope whose subscription it is: the activity
     * itself (a receive task), its event scope (a boundary event's activity) or a scope around it (an event
     * subprocess's start is subscribed by the scope that holds the subprocess).
     */
    private static EventSubscriptionDeclaration declarationOf(ActivityImpl activity) {
        EventSubscriptionDeclaration found = declarationIn(activity, activity);
        if (found == null && activity.getEventScope() != null) {
            found = declarationIn(activity.getEventScope(), activity);
        }
        for (ScopeImpl scope = activity.getFlowScope(); found == null && scope != null;
             scope = scope instanceof ActivityImpl enclosing ? enclosing.getFlowScope() : null) {
            found = declarationIn(scope, activity);
        }
        return found;
    }

    private static EventSubscriptionDeclaration declarationIn(ScopeImpl scope, ActivityImpl activity) {
        return EventSubscriptionDeclaration.getDeclarationsForScope(scope).get(activity.getId());
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
