package com.switchboard.actions;

import com.switchboard.acs.Party;
import com.switchboard.acs.RequestKey;
import com.switchboard.correlation.OperationContexts;
import com.switchboard.engine.CurrentJob;
import java.util.Collection;
import java.util.List;
import org.camunda.bpm.engine.delegate.DelegateExecution;

/**
 * The one way every call action reads its inputs and writes its outputs, by its {@link ActionSpec}.
 *
 * <p>Inputs are the task's own {@code camunda:inputParameter}s (the element template's fields), never process
 * variables of the same name: a flow variable reaches an action only where the analyst maps it, like
 * {@code ${callConnectionId}}. Anyone who may start a flow could otherwise steer an action with a start variable
 * (say {@code operationCallbackUrl}, and with it the action's events). Values are judged by {@link Inputs}; a missing
 * or wrong one fails with an {@link ActionInputException} that names the task and the field. Outputs are process
 * variables, and only those the spec declares.
 */
public final class ActionContext {

    private final ActionSpec spec;
    private final DelegateExecution execution;
    private final Inputs inputs;
    private String operationContext;

    ActionContext(ActionSpec spec, DelegateExecution execution) {
        this.spec = spec;
        this.execution = execution;
        // The task's input parameters are local variables of the execution that runs it.
        this.inputs = new Inputs(execution::getVariableLocal, this::invalid);
    }

    public String processInstanceId() {
        return execution.getProcessInstanceId();
    }

    /** The input's value, read as its kind says; null for an optional one the task leaves empty. */
    public <T> T get(ActionInput<T> input) {
        return declared(input).read(inputs);
    }

    /**
     * The caller ID (a phone number the ACS resource owns) shown to phone numbers being called: required when any of
     * them is a phone number, otherwise optional.
     */
    public Party callerIdFor(Collection<Party> called, ActionInput<Party> callerId) {
        return inputs.callerIdFor(called, declared(callerId).name());
    }

    /** Sets one of the spec's outputs as a process variable. */
    public void output(String name, Object value) {
        if (!spec.outputs().contains(name)) {
            throw new IllegalStateException(spec.bean() + " writes " + name + ", which its spec does not declare");
        }
        execution.setVariable(name, value);
    }

    /** The flow's current value of one of the spec's outputs (an event may have written it since the action began). */
    public Object currentOutput(String name) {
        if (!spec.outputs().contains(name)) {
            throw new IllegalStateException(spec.bean() + " reads " + name + ", which its spec does not declare");
        }
        return execution.getVariable(name);
    }

    /**
     * The operation context sent with this action, so that its result event resumes a wait on this flow's
     * branch and no other ({@link OperationContexts}: how it is made, kept and matched).
     */
    public String operationContext() {
        if (operationContext == null) {
            operationContext = OperationContexts.issue(execution, requestKey());
        }
        return operationContext;
    }

    /**
     * The key that makes ACS carry the request out once, however often this task's job is retried: derived
     * from the job, which keeps its id and creation time across retries.
     */
    public RequestKey requestKey() {
        return CurrentJob.get().map(job -> RequestKey.derivedFrom("job:" + job.id(), job.createdAt()))
                .orElseGet(RequestKey::random);
    }

    public ActionInputException invalid(String field, String problem) {
        String task = execution.getCurrentActivityName() != null ? execution.getCurrentActivityName()
                : execution.getCurrentActivityId();
        return new ActionInputException("Task \"" + task + "\", input \"" + field + "\": " + problem);
    }

    private <I extends ActionInput<?>> I declared(I input) {
        if (!spec.declares(input)) {
            throw new IllegalStateException(spec.bean() + " reads " + input + ", which its spec does not declare");
        }
        return input;
    }
}
