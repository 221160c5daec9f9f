package com.switchboard.actions;

import java.util.Set;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A BPMN service task that performs one Call Automation action. Subclasses read like the step they
 * implement: read inputs, ask ACS, write outputs; {@link ActionContext} is the shared plumbing.
 */
public abstract class CallAction implements JavaDelegate {

    private static final Logger log = LoggerFactory.getLogger(CallAction.class);

    private final Set<String> requiredInputs;

    /** @param requiredInputs the inputs a task must map for this action; checked when a diagram is deployed */
    protected CallAction(String... requiredInputs) {
        this.requiredInputs = Set.of(requiredInputs);
    }

    public Set<String> requiredInputs() {
        return requiredInputs;
    }

    @Override
    public final void execute(DelegateExecution execution) {
        try (CallLogContext logContext = CallLogContext.of(execution)) {
            perform(new ActionContext(execution));
            logContext.update();
            log.info("{} done in task {}", getClass().getSimpleName().replace("Action", ""), execution.getCurrentActivityId());
        }
    }

    protected abstract void perform(ActionContext action);
}
