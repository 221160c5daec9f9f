package com.switchboard.correlation;

import com.switchboard.acs.RequestKey;
import com.switchboard.engine.FlowBranch;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.runtime.Execution;

/**
 * How an operation's result event finds the branch of the flow that sent the operation, when several branches wait
 * for the same event at once (two invitations in parallel).
 *
 * <ul>
 *   <li>An action sends ACS an operation context made of its activity id and its request key's id,
 *       {@code <activity id>/<request key id>}: the same on every retry of the step, like the request key, since ACS
 *       answers a retried request as the first one and its result carries the first one's operation context.</li>
 *   <li>The branch that goes on to wait ({@link FlowBranch}) keeps the contexts its actions sent, the latest
 *       {@value #KEPT}, space-separated, in its local variable {@value #VARIABLE}.</li>
 *   <li>Correlation gives an event with an operation context to the wait whose branch keeps that context; an event
 *       without one to the only wait, when there is just one.</li>
 * </ul>
 */
public final class OperationContexts {

    /** The local variable of a branch with the operation contexts its actions sent. */
    static final String VARIABLE = "operationContexts";
    static final int KEPT = 16;

    private OperationContexts() {
    }

    /** The operation context of the action running in the execution, kept on its branch. */
    public static String issue(DelegateExecution execution, RequestKey requestKey) {
        String operationContext = execution.getCurrentActivityId() + "/" + requestKey.id();
        DelegateExecution branch = FlowBranch.of(execution);
        branch.setVariableLocal(VARIABLE, keep(branch.getVariableLocal(VARIABLE), operationContext));
        return operationContext;
    }

    /** The value of {@value #VARIABLE} once the context is added to what the branch kept: the latest {@value #KEPT}. */
    static String keep(Object kept, String operationContext) {
        List<String> contexts = new ArrayList<>();
        if (kept != null) {
            contexts.addAll(List.of(kept.toString().split(" ")));
        }
        contexts.add(operationContext);
        while (contexts.size() > KEPT) {
            contexts.remove(0);
        }
        return String.join(" ", contexts);
    }

    /** Whether a branch that kept these contexts sent the operation. */
    static boolean sent(Object kept, String operationContext) {
        return kept != null && Arrays.asList(kept.toString().split(" ")).contains(operationContext);
    }

    /** Among the waits for an operation's result, the one on the branch that sent the operation. */
    static Optional<Execution> waitFor(String operationContext, List<Execution> waits, RuntimeService runtime) {
        if (operationContext == null) {
            return waits.size() == 1 ? Optional.of(waits.get(0)) : Optional.empty();
        }
        return waits.stream().filter(wait -> sent(runtime.getVariable(wait.getId(), VARIABLE), operationContext))
                .findFirst();
    }
}
