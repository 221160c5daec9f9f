package com.switchboard.actions;

import com.switchboard.acs.Party;
import com.switchboard.acs.RequestKey;
import com.switchboard.engine.CurrentJob;
import com.switchboard.engine.FlowBranch;
import java.time.Duration;
import java.util.ArrayList;
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

    /** The local variable of a flow branch with the operation contexts its actions sent, space-separated. */
    public static final String OPERATION_CONTEXTS = "operationContexts";
    static final int KEPT_OPERATION_CONTEXTS = 16;

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
     * branch and no other. The branch (the execution that goes on to wait) keeps the contexts it issued,
     * the latest {@value #KEPT_OPERATION_CONTEXTS}, in the local variable {@value #OPERATION_CONTEXTS}, where
     * correlation looks for them.
     */
    public String operationContext() {
        if (operationContext == null) {
            // The same on every retry of the step, like the request key: ACS answers a retried request as the first
            // one, and its result event carries the first one's operation context.
            operationContext = execution.getCurrentActivityId() + "/" + requestKey().id();
            DelegateExecution branch = FlowBranch.of(execution);
            Object issued = branch.getVariableLocal(OPERATION_CONTEXTS);
            List<String> contexts = new ArrayList<>();
            if (issued != null) {
                contexts.addAll(List.of(issued.toString().split(" ")));
            }
            contexts.add(operationContext);
            while (contexts.size() > KEPT_OPERATION_CONTEXTS) {
                contexts.remove(0);
            }
            branch.setVariableLocal(OPERATION_CONTEXTS, String.join(" ", contexts));
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
