package com.switchboard.engine;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.impl.persistence.entity.ExecutionEntity;

/** The branch of a flow an execution belongs to: the execution that goes on to wait once the current activity is done. */
public final class FlowBranch {

    private FlowBranch() {
    }

    /**
     * The execution itself, or its parent when the current activity is a scope of its own (a task with a boundary
     * event, say): the engine runs such an activity in a child execution that ends with it, while the parent goes on
     * and waits.
     */
    public static DelegateExecution of(DelegateExecution execution) {
        ExecutionEntity current = (ExecutionEntity) execution;
        boolean ownScope = current.getActivity() != null && current.getActivity().isScope()
                && current.getParent() != null;
        return ownScope ? current.getParent() : current;
    }
}
