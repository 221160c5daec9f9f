package com.switchboard.correlation;

import java.util.ArrayList;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.camunda.bpm.engine.impl.bpmn.parser.AbstractBpmnParseListener;
import org.camunda.bpm.engine.impl.bpmn.parser.BpmnParseListener;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.pvm.process.ActivityImpl;
import org.camunda.bpm.engine.impl.pvm.process.ScopeImpl;
import org.camunda.bpm.engine.impl.util.xml.Element;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;

/**
 * Tells correlation when a flow starts to wait for a message, so an event that arrived before the wait
 * state existed is delivered the moment the wait state commits, not at the next sweep.
 *
 * <p>A parse listener puts a start listener on every element that opens a message subscription: message
 * catch events, receive tasks, event-based gateways, activities with message boundary events, and scopes
 * with message event subprocesses. The listener only registers an after-commit signal; the work happens
 * on the correlation lanes.
 */
@Component
class WaitStateNotifier extends AbstractProcessEnginePlugin {

    private final ExecutionListener signalAfterCommit;

    WaitStateNotifier(ApplicationEventPublisher publisher) {
        this.signalAfterCommit = execution -> {
            String processInstanceId = execution.getProcessInstanceId();
            AfterCommit.run(() -> publisher.publishEvent(new CorrelationDue.WaitStateReached(processInstanceId)));
        };
    }

    @Override
    public void preInit(ProcessEngineConfigurationImpl configuration) {
        if (configuration.getCustomPostBPMNParseListeners() == null) {
            configuration.setCustomPostBPMNParseListeners(new ArrayList<>());
        }
        configuration.getCustomPostBPMNParseListeners().add(parseListener());
    }

    private BpmnParseListener parseListener() {
        return new AbstractBpmnParseListener() {
            @Override
            public void parseIntermediateCatchEvent(Element element, ScopeImpl scope, ActivityImpl activity) {
                if (element.element("messageEventDefinition") != null) {
                    notifyOnStart(activity);
                }
            }

            @Override
            public void parseReceiveTask(Element element, ScopeImpl scope, ActivityImpl activity) {
                notifyOnStart(activity);
            }

            @Override
            public void parseEventBasedGateway(Element element, ScopeImpl scope, ActivityImpl activity) {
                notifyOnStart(activity);
            }

            @Override
            public void parseBoundaryMessageEventDefinition(Element element, boolean interrupting, ActivityImpl boundary) {
                notifyOnStart(boundary.getEventScope());
            }

            @Override
            public void parseStartEvent(Element element, ScopeImpl scope, ActivityImpl startEvent) {
                boolean messageStart = element.element("messageEventDefinition") != null;
                if (messageStart && scope instanceof ActivityImpl eventSubprocess && eventSubprocess.isTriggeredByEvent()) {
                    // The start event of an event subprocess: its subscription opens with the enclosing scope.
                    notifyOnStart(startEvent.getEventScope());
                }
            }
        };
    }

    private void notifyOnStart(ScopeImpl scope) {
        if (scope != null) {
            scope.addListener(ExecutionListener.EVENTNAME_START, signalAfterCommit);
        }
    }
}
