package com.switchboard.actions;

import com.switchboard.acs.Party;
import com.switchboard.acs.RequestKey;
import com.switchboard.correlation.OperationContexts;
import com.switchboard.engine.CurrentJob;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.delegate.DelegateExecution;

/**
 * The one way every call action reads its inputs and writes its outputs.
 *
 * <p>Inputs are the task's {@code camunda:inputParameter}s (the element template's fields), or process
 * variables of the same name, read by {@link Inputs}. A missing or wrong input fails with an
 * {@link ActionInputException} that names the task and the field. Outputs are process variables.
 */
public final class ActionContext {

    private final DelegateExecution execution;
    private final Inputs inputs;
    private String operationContext;

    ActionContext(DelegateExecution execution) {
        this.execution = execution;
        this.inputs = new Inputs(execution::getVariable, this::invalid);
    }

    public String processInstanceId() {
        return execution.getProcessInstanceId();
    }

    /** A required text input. */
    public String text(String name) {
        return inputs.text(name);
    }

    public String optionalText(String name) {
        return inputs.optionalText(name);
    }

    /** A required party: a phone number like +14255550123 or a user id like 8:acs:... */
    public Party party(String name) {
        return inputs.party(name);
    }

    /** One or more parties, separated by commas or semicolons (or a list variable). */
    public List<Party> parties(String name) {
        return inputs.parties(name);
    }

    /**
     * The caller ID (a phone number the ACS resource owns) shown to phone numbers being called: required when any of
     * them is a phone number, otherwise optional.
     */
    public Party callerIdFor(Collection<Party> called, String name) {
        return inputs.callerIdFor(called, name);
    }

    public boolean flag(String name, boolean defaultValue) {
        return inputs.flag(name, defaultValue);
    }

    /** An optional whole number of seconds within [min, max]. */
    public Duration optionalSeconds(String name, int min, int max) {
        return inputs.optionalSeconds(name, min, max);
    }

    /**
     * Optional name/value pairs: a map variable, a JSON object, or text with one {@code Name: value} (or
     * {@code Name=value}) per line.
     */
    public Map<String, String> optionalHeaders(String name) {
        return inputs.optionalHeaders(name);
    }

    /** An optional absolute http(s) URL. */
    public String optionalUrl(String name) {
        return inputs.optionalUrl(name);
    }

    public void output(String name, Object value) {
        execution.setVariable(name, value);
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
}
